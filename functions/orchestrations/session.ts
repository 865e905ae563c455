// The state one operation's workflow carries while it walks its stages: the operation document (the custom
// status and the final output), the cancel request it listens for from the first moment, and the first failure.
// Everything that changes the document goes through `update`, so the custom status always shows the latest.
import type { OrchestrationContext, Task } from "durable-functions";
import type { Operation, OperationError, RecoveryPointUsed } from "@standby/client/contract";
import type { OperationEventType } from "../activities/contracts";
import { ACTIVITY } from "../activities/names";
import { STORAGE_ACTIVITY } from "../activities/storage/activities";
import type { OperationStart } from "./contract";
import { bookkeepingRetry, hasEnded } from "./durable";

export interface Session {
  context: OrchestrationContext;
  start: OperationStart;
  operation: Operation;
  /** The cancel event; once completed the operation starts nothing new. */
  cancel: Task;
  failure?: OperationError;
  recoveryPoints: RecoveryPointUsed[];
  /** Plan item reference -> resolved resource id (from the preflight). */
  itemIds: Map<string, string>;
}

export function isCanceled(session: Session): boolean {
  return session.cancel.isCompleted;
}

/** Whether new work may start: not canceled, nothing failed. */
export function mayContinue(session: Session): boolean {
  return !isCanceled(session) && session.failure === undefined;
}

export function update(session: Session, next: Operation): void {
  session.operation = next;
  session.context.df.setCustomStatus(next);
}

export function fail(session: Session, error: OperationError): void {
  session.failure ??= error;
}

/** Saves the timeline. A storage hiccup must not fail a failover: the custom status still has it all. */
export function* checkpoint(session: Session): Generator<Task, void, unknown> {
  try {
    yield session.context.df.callActivityWithRetry(STORAGE_ACTIVITY.saveOperation, bookkeepingRetry(), session.operation);
  } catch {
    // The next checkpoint writes the whole document again.
  }
}

export function* publish(session: Session, type: OperationEventType): Generator<Task, void, unknown> {
  try {
    yield session.context.df.callActivityWithRetry(ACTIVITY.publishOperationEvent, bookkeepingRetry(), { type, operation: session.operation });
  } catch {
    // Events inform; the operation document in storage is the record.
  }
}

export type Raced<T> = { canceled: true } | { canceled: false; value: T };

/**
 * Waits for `task` or the cancel request, whichever comes first. A failed task throws its error here, as a plain
 * `yield task` would.
 */
export function* orCancel<T>(session: Session, task: Task): Generator<Task, Raced<T>, unknown> {
  // A completed task must not be put into a new Task.any: it would never report again.
  if (isCanceled(session)) return { canceled: true };
  if (!hasEnded(task)) {
    const winner = yield session.context.df.Task.any([task, session.cancel]);
    if (winner === session.cancel) return { canceled: true };
  }
  if (task.isFaulted) throw task.result;
  return { canceled: false, value: task.result as T };
}
