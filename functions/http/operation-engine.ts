// What the HTTP layer needs from the workflow engine, as an interface so handlers can be tested with a fake: start an
// operation's orchestration under the operation id, read the instance, raise an external event. durable-engine.ts
// implements it over the Durable Functions client.
import type { OperationStart } from "../orchestrations/contract";
import type { HolderState } from "../activities/storage/plan-lock";
import { currentOperation, isTerminal } from "./operation-view";

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
  if (!isEngineActive(instance)) return "ended";
  // A workflow shows its operation ended, then releases the lock and publishes its event. A caller that starts the
  // next operation as soon as it reads the end must not be refused for those bookkeeping steps; the old workflow's
  // release only deletes a lock that still names it, so taking it over now is safe.
  const live = currentOperation(instance, undefined);
  return live !== undefined && isTerminal(live) ? "ended" : "active";
}

export function isEngineActive(instance: EngineInstance): boolean {
  return ACTIVE.has(instance.runtimeStatus.toLowerCase());
}
