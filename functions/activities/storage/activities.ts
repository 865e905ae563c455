// The storage activities the workflows call: record the operation's timeline as it progresses, and release the
// plan's lock when the operation ends. Both are safe to run twice (durable activities may be retried or replayed
// after a crash): saving writes the same document again, and releasing a lock no longer held does nothing.
import type { Operation } from "@standby/client/contract";
import type { OperationStore } from "./operation-store";
import type { PlanLock } from "./plan-lock";

export const STORAGE_ACTIVITY = {
  saveOperation: "saveOperationActivity",
  releasePlanLock: "releasePlanLockActivity",
} as const;

export interface ReleasePlanLockInput {
  plan: string;
  operationId: string;
}

export interface StorageActivityDependencies {
  operations: OperationStore;
  lock: PlanLock;
}

export interface StorageActivities {
  saveOperation(operation: Operation): Promise<void>;
  /** Resolves to whether this call released the lock (false when it was already released or held by another). */
  releasePlanLock(input: ReleasePlanLockInput): Promise<boolean>;
}

export function createStorageActivities(deps: StorageActivityDependencies): StorageActivities {
  return {
    saveOperation: (operation) => deps.operations.save(operation),
    releasePlanLock: (input) => deps.lock.release(input.plan, input.operationId),
  };
}
