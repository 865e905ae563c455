// What the HTTP layer needs from the workflow engine, as an interface so handlers can be tested with a fake: start an
// operation's orchestration under the operation id, read the instance, raise an external event. durable-engine.ts
// implements it over the Durable Functions client.
import type { OperationStart } from "../orchestrations/contract";
import type { HolderState } from "../activities/storage/plan-lock";

export interface EngineInstance {
  /** Durable's runtime status: Pending, Running, Suspended, ContinuedAsNew, Completed, Failed, Terminated, Canceled. */
  runtimeStatus: string;
  customStatus?: unknown;
  output?: unknown;
}

export interface OperationEngine {
  /** Starts `orchestration` with the operation id as its instance id. */
  start(orchestration: string, input: OperationStart): Promise<void>;
  /** The instance, or undefined when the engine has none of that id. */
  instance(operationId: string): Promise<EngineInstance | undefined>;
  raise(operationId: string, eventName: string, data: unknown): Promise<void>;
}

const ACTIVE = new Set(["pending", "running", "suspended", "continuedasnew"]);

/** Whether the operation holding a plan's lock still runs, for the lock's stale check. */
export async function holderState(engine: OperationEngine, operationId: string): Promise<HolderState> {
  const instance = await engine.instance(operationId);
  if (instance === undefined) return "unknown";
  return ACTIVE.has(instance.runtimeStatus.toLowerCase()) ? "active" : "ended";
}

export function isEngineActive(instance: EngineInstance): boolean {
  return ACTIVE.has(instance.runtimeStatus.toLowerCase());
}
