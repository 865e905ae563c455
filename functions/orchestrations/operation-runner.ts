// Walks the stages of one operation (failover, commit, failback) from the plan fixed at its start:
// preflight with the failover guard -> every stage in order -> the end: result, timeline saved, plan lock
// released, event out. Whatever happens (success, a failed item, a refused preflight, cancel, a bug), the
// operation ends with a final document and the plan lock released.
import type { OrchestrationContext, Task } from "durable-functions";
import type { Operation, OperationError } from "@standby/client/contract";
import type { PreflightInput, PreflightResult } from "../activities/contracts";
import { ACTIVITY } from "../activities/names";
import { STORAGE_ACTIVITY } from "../activities/storage/activities";
import { finishOperation, operationResult, startOperation } from "../core/operation/progress";
import { sequenceOperation, type FailoverMode, type ItemsStage, type Stage } from "../core/plan/sequence";
import { OPERATION_EVENT, type OperationStart } from "./contract";
import { armRetry, bookkeepingRetry, errorMessage, nowMs } from "./durable";
import { checkpoint, fail, isCanceled, mayContinue, publish, update, type Session } from "./session";
import { runActionStage } from "./stages/action-stage";
import { runItemsStage } from "./stages/items-stage";
import { runReplicationStage } from "./stages/replication-stage";
import { runTrafficStage } from "./stages/traffic-stage";

export function* runOperation(context: OrchestrationContext, kind: OperationStart["kind"]): Generator<Task, Operation, unknown> {
  const start = readStart(context.df.getInput(), kind);
  const mode: FailoverMode = start.request.mode ?? "planned";
  const stages = sequenceOperation(start.plan, kind, { mode });
  const session: Session = {
    context,
    start,
    operation: startOperation({
      id: start.operationId,
      plan: start.plan.name,
      kind,
      startedBy: start.startedBy,
      reason: start.request.reason,
      stages,
      atMs: start.requestedAtMs,
    }),
    // Listening starts before anything else, so a cancel sent at any moment is seen at the next wait.
    cancel: context.df.waitForExternalEvent(OPERATION_EVENT.cancel),
    recoveryPoints: [],
    itemIds: new Map(),
  };
  update(session, session.operation);

  try {
    yield* checkpoint(session);
    yield* publish(session, "Standby.Operation.Started");
    yield* preflight(session, stages);
    let firstFailureIn: Stage | undefined;
    for (const [index, stage] of stages.entries()) {
      if (!mayContinue(session) && !runsAfterStop(session, stage, firstFailureIn)) continue;
      const failedBefore = session.failure !== undefined;
      yield* runStage(session, stage, index);
      if (!failedBefore && session.failure !== undefined) firstFailureIn = stage;
      yield* checkpoint(session);
    }
  } catch (error) {
    // A workflow bug or an activity that failed past its retries: the operation still ends properly.
    fail(session, { code: "OperationFailed", message: errorMessage(error) });
  }
  return yield* finish(session);
}

/** Whether a stage still runs once the operation failed (in `failedIn`, if a stage failed it) or was canceled. */
function runsAfterStop(session: Session, stage: Stage, failedIn: Stage | undefined): boolean {
  if (stage.always === true) return true;
  if (isCanceled(session) || failedIn === undefined) return false;
  return (stage.runsDespiteFailureIn ?? []).some((prefix) => failedIn.id.startsWith(prefix));
}

function* runStage(session: Session, stage: Stage, index: number): Generator<Task, void, unknown> {
  switch (stage.type) {
    case "items":
      return yield* runItemsStage(session, stage, index);
    case "action":
      return yield* runActionStage(session, stage);
    case "waitForHealthyReplication":
      return yield* runReplicationStage(session, stage);
    case "traffic":
      return yield* runTrafficStage(session, stage);
  }
}

/**
 * Resolves every item and asks the guard about the first Site Recovery step. Failover and commit refuse up front
 * when any item is refused (nothing starts half-way for a reason known now). Failback checks only that every item
 * exists: its later steps act on states the earlier ones create, and each item is guarded again before each step.
 */
function* preflight(session: Session, stages: Stage[]): Generator<Task, void, unknown> {
  const first = stages.find((stage): stage is ItemsStage => stage.type === "items");
  if (first === undefined) return;
  const { start } = session;
  const input: PreflightInput = {
    vault: start.plan.vault,
    items: start.plan.groups.flatMap((group) => group.items),
    operation: first.operation,
    direction: first.direction,
    rpoBudgetSeconds: start.plan.objectives.rpoSeconds,
    ...(start.request.force === undefined ? {} : { force: start.request.force }),
  };
  const result = (yield session.context.df.callActivityWithRetry(ACTIVITY.preflightItems, armRetry(), input)) as PreflightResult;
  for (const verdict of result.items) if (verdict.itemId !== undefined) session.itemIds.set(verdict.item, verdict.itemId);
  const refusals =
    start.kind === "failback"
      ? result.items.filter((verdict) => verdict.itemId === undefined).map((verdict) => `${verdict.item}: ${verdict.reason ?? "not found"}`)
      : result.refusals;
  if (refusals.length > 0) {
    const error: OperationError = { code: "FailoverRefused", message: `Preflight refused the ${start.kind}: ${refusals.join("; ")}` };
    fail(session, error);
  }
}

function* finish(session: Session): Generator<Task, Operation, unknown> {
  const { context, start } = session;
  const atMs = nowMs(context);
  const status = isCanceled(session) ? "canceled" : session.failure !== undefined ? "failed" : "succeeded";
  const withResult = status === "succeeded" && start.kind !== "commit";
  update(
    session,
    finishOperation(session.operation, {
      status,
      atMs,
      ...(session.failure === undefined || status === "canceled" ? {} : { error: session.failure }),
      ...(status === "canceled" ? { error: canceledError(session) } : {}),
      ...(withResult ? { result: operationResult(session.operation, session.recoveryPoints) } : {}),
    }),
  );
  yield* checkpoint(session);
  try {
    yield context.df.callActivityWithRetry(STORAGE_ACTIVITY.releasePlanLock, bookkeepingRetry(), { plan: start.plan.name, operationId: start.operationId });
  } catch {
    // The lock records its holder; the starter sees this operation has ended and takes the lock over.
  }
  yield* publish(session, status === "failed" ? "Standby.Operation.Failed" : "Standby.Operation.Completed");
  return session.operation;
}

function canceledError(session: Session): OperationError {
  const request = session.cancel.result as { by?: unknown; reason?: unknown } | undefined;
  const by = typeof request?.by === "string" ? request.by : "someone";
  const reason = typeof request?.reason === "string" && request.reason !== "" ? `: ${request.reason}` : "";
  return { code: "Canceled", message: `Canceled by ${by}${reason}.` };
}

/** The orchestration input, checked: a malformed start fails at once, before anything is touched. */
function readStart(input: unknown, kind: OperationStart["kind"]): OperationStart {
  const start = input as Partial<OperationStart> | undefined;
  const problems: string[] = [];
  if (typeof start !== "object" || start === null) throw new TypeError(`the ${kind} orchestration needs an OperationStart input`);
  if (typeof start.operationId !== "string" || start.operationId === "") problems.push("operationId");
  if (start.kind !== kind) problems.push(`kind (expected ${kind}, got ${String(start.kind)})`);
  if (typeof start.plan !== "object" || start.plan === null || !Array.isArray(start.plan.groups)) problems.push("plan");
  if (typeof start.request !== "object" || start.request === null || typeof start.request.reason !== "string") problems.push("request.reason");
  if (typeof start.startedBy !== "string") problems.push("startedBy");
  if (typeof start.requestedAtMs !== "number") problems.push("requestedAtMs");
  if (problems.length > 0) throw new TypeError(`the ${kind} orchestration input is malformed: ${problems.join(", ")}`);
  return start as OperationStart;
}
