// The last part of every start (failover, commit, failback, drill; from the API, the drill scheduler or an automatic
// failover): admission (plan-admission.ts), the orchestration started under the operation id, and the first record
// of the operation. A start that fails releases the lock, so a failed start never blocks the plan.
import type { Operation } from "@standby/client/contract";
import type { OperationStart } from "../orchestrations/contract";
import type { ApiDependencies } from "./dependencies";
import { admitOperation } from "./plan-admission";

export type LaunchDependencies = Pick<ApiDependencies, "plans" | "lock" | "engine" | "operations" | "reportError">;

/** Starts `orchestration` with `input` if the plan admits it; throws OperationConflict (nothing started then). */
export async function launchOperation(deps: LaunchDependencies, orchestration: string, input: OperationStart, operation: Operation): Promise<void> {
  await admitOperation(deps, input.plan, input.operationId, input.kind);
  try {
    await deps.engine.start(orchestration, input);
  } catch (error) {
    await deps.lock.release(input.plan.name, input.operationId);
    throw error;
  }
  // The operation runs now; if this first record cannot be written the workflow's own saves will still list it.
  await deps.operations.saveIfAbsent(operation).catch((error: unknown) => deps.reportError(error));
}
