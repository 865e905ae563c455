// The durable engine of the local Functions host. What lives here:
//   contract.ts            the seam with the host shell (DurableEngine, FunctionInvoker, errors)
//   engine.ts              createDurableEngine: dispatching, write order, management operations
//   due-timers.ts          waking the dispatcher when durable timers fall due on the shared clock
//   group-commit.ts        answering activities that finish together with one store call
//   sub-orchestrations.ts  starting (or refusing) the child instances an episode asks for
//   episode.ts             one orchestrator episode (replay, decide, complete/fail/continue-as-new)
//   decision-recorder.ts   new decisions -> scheduling events and work messages
//   action-matcher.ts      non-determinism detection
//   actions.ts             decoding the orchestrator's actions
//   composites.ts          retries and long timers, numbered as durable-functions numbers them
//   instance-state.ts      per-instance working copy; which messages to deliver, hold or drop
//   activity-runner.ts, entity-runner.ts   running activities and entity batches
//   orchestrator-io.ts, failure.ts         the orchestrator wire protocol and failure fields
//   history.ts, messages.ts, status.ts, validation.ts
//   store.ts, memory-store.ts, azure-store.ts, large-payloads.ts   where the task hub keeps its state
export * from "./contract";
export { createDurableEngine, type DurableEngineOptions, type EngineLog, type LocalDurableEngine } from "./engine";
export { AzureStorageTaskHubStore, type AzureStorageTaskHubStoreOptions } from "./azure-store";
export { MemoryTaskHubStore } from "./memory-store";
export type { EntityRecord, InstanceRecord, TaskHubStore } from "./store";
export { EventType, type HistoryEvent } from "./history";
export { NonDeterministicOrchestrationError } from "./action-matcher";
