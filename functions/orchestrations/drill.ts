// Drill: preflight (every item resolved and allowed a test failover) -> the test failovers an earlier run left
// waiting for cleanup are cleaned first (a stale copy proves nothing) -> per group in plan order, the items' test
// failovers into the plan's isolated test network (bounded parallel, a sub-orchestration each) -> the drill probes
// against the test instances -> cleanup ALWAYS, also after a failure or a cancel, verified against Site Recovery
// -> the report (JSON and HTML with hashes, in blob storage) -> the operation ends with the report's verdict.
// Production is never touched: no group actions, no Traffic Manager change, no real failover.
import type { OrchestrationContext, OrchestrationHandler, Task } from "durable-functions";
import { PLAN_DEFAULTS, type Operation, type OperationError, type RecoveryPointChoice } from "@standby/client/contract";
import type { PreflightInput, PreflightResult } from "../activities/contracts";
import type { SaveDrillReportInput, SavedDrillReport } from "../activities/drill/drill-contracts";
import type { DrillCompletedInput } from "../activities/drill/drill-event";
import { DRILL_ACTIVITY } from "../activities/drill/drill-names";
import { ACTIVITY } from "../activities/names";
import { STORAGE_ACTIVITY } from "../activities/storage/activities";
import type { CleanupEvidence, DrillEvidence, ItemTestFailover } from "../core/drill/evidence";
import { finishOperation, itemStepId, recoveryPointUsed, startOperation, finishStep, startStep } from "../core/operation/progress";
import { sequenceOperation, type ItemsStage } from "../core/plan/sequence";
import { OPERATION_EVENT, type OperationStart } from "./contract";
import { cleanStaleTestFailovers, runDrillCleanup } from "./drill-cleanup";
import { DRILL_ORCHESTRATION } from "./drill-names";
import { runDrillProbes } from "./drill-probes";
import { armRetry, bookkeepingRetry, errorMessage, hasEnded, nowMs } from "./durable";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WATCH_LIMIT_SECONDS, type ItemActionInput, type ItemActionResult } from "./item-action";
import { checkpoint, fail, isCanceled, mayContinue, publish, update, type Session } from "./session";

export function* drillOrchestrator(context: OrchestrationContext): Generator<Task, Operation, unknown> {
  const start = readDrillStart(context.df.getInput());
  const stages = sequenceOperation(start.plan, "drill");
  const session: Session = {
    context,
    start,
    operation: startOperation({ id: start.operationId, plan: start.plan.name, kind: "drill", startedBy: start.startedBy, reason: start.request.reason, stages, atMs: start.requestedAtMs }),
    cancel: context.df.waitForExternalEvent(OPERATION_EVENT.cancel),
    recoveryPoints: [],
    itemIds: new Map(),
  };
  update(session, session.operation);
  const items: ItemTestFailover[] = [];
  let probes: DrillEvidence["probes"] = [];
  let preflightFailure: OperationError | undefined;
  let staleFailure: OperationError | undefined;
  const cleanupStage = stages.find((stage): stage is ItemsStage => stage.type === "items" && stage.operation === "testFailoverCleanup");
  // Whether the drill saw every test failover it started end: a broken item workflow leaves that unknown.
  let workflowBroke = false;

  try {
    yield* checkpoint(session);
    yield* publish(session, "Standby.Operation.Started");
    const checked = yield* preflight(session);
    preflightFailure = checked.failure;
    if (mayContinue(session) && checked.stale.length > 0 && cleanupStage !== undefined) {
      const problems = yield* cleanStaleTestFailovers(session, cleanupStage, checked.stale);
      if (problems.length > 0) {
        staleFailure = { code: "StaleTestFailoverNotCleaned", message: problems.map((problem) => problem.message).join(" ") };
        fail(session, staleFailure);
      }
    }
    const groups = stages.filter((stage): stage is ItemsStage => stage.type === "items" && stage.operation === "testFailover");
    for (const stage of groups) {
      if (!mayContinue(session)) break;
      items.push(...(yield* testFailoverGroup(session, stage)));
      yield* checkpoint(session);
    }
    if (mayContinue(session)) probes = yield* runDrillProbes(session, start.plan.drill?.probes ?? []);
  } catch (error) {
    workflowBroke = true;
    fail(session, { code: "DrillFailed", message: errorMessage(error) });
  }

  let cleanup: CleanupEvidence;
  try {
    // A failed item may have stopped watching a job that still runs (watch limit, unreadable job).
    const waitForRunning = workflowBroke || items.some((item) => item.status === "failed");
    cleanup = cleanupStage === undefined ? noCleanup(nowMs(context)) : yield* runDrillCleanup(session, cleanupStage, { waitForRunning });
  } catch (error) {
    const atMs = nowMs(context);
    cleanup = { attempts: 1, startedAtMs: atMs, endedAtMs: atMs, leftovers: cleanupStage?.items ?? [], failures: [{ code: "CleanupFailed", message: errorMessage(error) }], verified: false };
  }
  yield* checkpoint(session);

  const evidence: DrillEvidence = {
    items,
    probes,
    cleanup,
    canceled: isCanceled(session),
    ...drillFailure(preflightFailure ?? staleFailure, session),
  };
  return yield* finish(session, evidence);
}

/** Why the drill could not do its work, for the report; item, probe and cleanup failures have their own lines. */
function drillFailure(before: OperationError | undefined, session: Session): { failure?: OperationError } {
  if (before !== undefined) return { failure: before };
  return session.failure?.code === "DrillFailed" ? { failure: session.failure } : {};
}

interface Preflight {
  failure?: OperationError;
  /** Items with a test failover an earlier run left waiting for cleanup (the guard skips them). */
  stale: string[];
}

/** Resolves every item and asks the guard about the test failover; any refusal stops the drill before it starts. */
function* preflight(session: Session): Generator<Task, Preflight, unknown> {
  const { plan } = session.start;
  if (plan.drill === undefined) {
    const error = { code: "PlanNotCapable", message: `Plan ${plan.name} has no drill settings (test network, probes).` };
    fail(session, error);
    return { failure: error, stale: [] };
  }
  const input: PreflightInput = {
    vault: plan.vault,
    items: plan.groups.flatMap((group) => group.items),
    operation: "testFailover",
    // Not what the items get: the guard takes each item's test failover direction from its live state (an item
    // reprotected after a failover is tested RecoveryToPrimary), here and again when its test failover starts.
    direction: "PrimaryToRecovery",
    rpoBudgetSeconds: plan.objectives.rpoSeconds,
  };
  const result = (yield session.context.df.callActivityWithRetry(ACTIVITY.preflightItems, armRetry(), input)) as PreflightResult;
  for (const verdict of result.items) if (verdict.itemId !== undefined) session.itemIds.set(verdict.item, verdict.itemId);
  // For a test failover the guard skips only an item whose test failover already waits for cleanup.
  const stale = result.items.filter((verdict) => verdict.decision === "skip").map((verdict) => verdict.item);
  if (result.refusals.length === 0) return { stale };
  const error = { code: "DrillRefused", message: `Preflight refused the drill: ${result.refusals.join("; ")}` };
  fail(session, error);
  return { failure: error, stale };
}

/** One group's test failovers, at most `maxParallel` at a time; a cancel is honoured between batches. */
function* testFailoverGroup(session: Session, stage: ItemsStage): Generator<Task, ItemTestFailover[], unknown> {
  const { context, start } = session;
  const drill = start.plan.drill;
  const results: ItemTestFailover[] = [];
  if (drill === undefined) return results;
  const recoveryPoint: RecoveryPointChoice = start.request.recoveryPoint ?? PLAN_DEFAULTS.recoveryPoint;
  for (let offset = 0; offset < stage.items.length && mayContinue(session); offset += stage.maxParallel) {
    const batch = stage.items.slice(offset, offset + stage.maxParallel);
    const tasks = batch.map((item, index) => {
      const input: ItemActionInput = {
        vault: start.plan.vault,
        item,
        itemId: session.itemIds.get(item) as string,
        operation: "testFailover",
        direction: stage.direction,
        networkId: drill.testNetworkId,
        recoveryPoint,
        rpoBudgetSeconds: start.plan.objectives.rpoSeconds,
        pollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
        watchLimitSeconds: DEFAULT_WATCH_LIMIT_SECONDS,
        // Old copies were cleaned before the first group: one that succeeded from now on is this drill's own.
        ownTestFailoverSinceMs: nowMs(context),
      };
      update(session, startStep(session.operation, itemStepId(stage.id, item), nowMs(context)));
      return context.df.callSubOrchestrator(DRILL_ORCHESTRATION.testFailoverItem, input, `${context.df.instanceId}:${stage.id}:${offset + index}`);
    });
    // A cancel is noticed at once (nothing new starts), but the batch is still awaited: cleanup can only remove
    // test failovers that have finished.
    const batchTask = context.df.Task.all(tasks);
    if (!isCanceled(session)) yield context.df.Task.any([batchTask, session.cancel]);
    if (!hasEnded(batchTask)) yield batchTask;
    if (batchTask.isFaulted) throw batchTask.result;
    const ended = (batchTask.result as ItemActionResult[]).map((result) => testFailoverEvidence(result, stage.group as string));
    for (const result of ended) {
      results.push(result);
      const jobId = result.jobId === undefined ? {} : { jobId: result.jobId };
      const { status } = result;
      if (status === "failed") fail(session, result.error ?? { code: "TestFailoverFailed", message: "the test failover failed", item: result.item });
      update(session, finishStep(session.operation, itemStepId(stage.id, result.item), { status, atMs: result.endedAtMs, ...jobId, ...(result.error === undefined || status !== "failed" ? {} : { error: result.error }) }));
    }
  }
  return results;
}

/**
 * The shared item action's result as the drill's evidence names it: by group, a skip with its reason. A skip that
 * found this drill's own test failover done (its start re-run after a crash) is a success: the copy is this run's.
 */
function testFailoverEvidence(result: ItemActionResult, group: string): ItemTestFailover {
  const { item, startedAtMs, endedAtMs, jobId, recoveryPointTimeMs, error } = result;
  const status = result.status === "skipped" && result.doneByThisRun === true ? "succeeded" : result.status;
  const evidence: ItemTestFailover = {
    item,
    group,
    status,
    startedAtMs,
    endedAtMs,
    ...(jobId === undefined ? {} : { jobId }),
    ...(recoveryPointTimeMs === undefined ? {} : { recoveryPointTimeMs }),
  };
  if (status === "skipped") return { ...evidence, error: { code: "Skipped", message: result.reason ?? "nothing to do", item } };
  return error === undefined ? evidence : { ...evidence, error };
}

function* finish(session: Session, evidence: DrillEvidence): Generator<Task, Operation, unknown> {
  const { context, start } = session;
  const atMs = nowMs(context);
  let saved: SavedDrillReport | undefined;
  let reportError: string | undefined;
  try {
    const input: SaveDrillReportInput = { plan: start.plan, operation: session.operation, evidence, endedAtMs: atMs };
    saved = (yield context.df.callActivityWithRetry(DRILL_ACTIVITY.saveDrillReport, bookkeepingRetry(), input)) as SavedDrillReport;
  } catch (error) {
    reportError = errorMessage(error);
  }
  const status = isCanceled(session) ? "canceled" : saved === undefined ? "failed" : saved.status;
  const error: OperationError | undefined =
    status === "canceled"
      ? { code: "Canceled", message: "The drill was canceled; its test failovers were cleaned up." }
      : saved === undefined
        ? { code: "DrillReportNotSaved", message: `The drill report could not be stored: ${reportError ?? "unknown error"}` }
        : status === "failed"
          ? { code: "DrillFailed", message: saved.failures.join(" ") }
          : undefined;
  const recoveryPoints = evidence.items.flatMap((item) => (item.recoveryPointTimeMs === undefined || item.status !== "succeeded" ? [] : [recoveryPointUsed(item.item, item.recoveryPointTimeMs, item.startedAtMs)]));
  update(
    session,
    finishOperation(session.operation, {
      status,
      atMs,
      ...(error === undefined ? {} : { error }),
      ...(saved?.rtoSeconds === undefined ? {} : { result: { rtoSeconds: saved.rtoSeconds, recoveryPoints } }),
    }),
  );
  yield* checkpoint(session);
  try {
    yield context.df.callActivityWithRetry(STORAGE_ACTIVITY.releasePlanLock, bookkeepingRetry(), { plan: start.plan.name, operationId: start.operationId });
  } catch {
    // The lock records its holder; the next starter sees this drill has ended and takes the lock over.
  }
  yield* publish(session, status === "failed" ? "Standby.Operation.Failed" : "Standby.Operation.Completed");
  if (saved !== undefined) {
    try {
      const input: DrillCompletedInput = { drillId: start.operationId, plan: start.plan.name, endedAtMs: atMs, saved };
      yield context.df.callActivityWithRetry(DRILL_ACTIVITY.publishDrillCompleted, bookkeepingRetry(), input);
    } catch {
      // Events inform; the stored report is the evidence.
    }
  }
  return session.operation;
}

function noCleanup(atMs: number): CleanupEvidence {
  return { attempts: 0, startedAtMs: atMs, endedAtMs: atMs, leftovers: [], failures: [], verified: true };
}

function readDrillStart(input: unknown): OperationStart {
  const start = input as Partial<OperationStart> | undefined;
  if (typeof start !== "object" || start === null) throw new TypeError("the drill orchestration needs an OperationStart input");
  const problems: string[] = [];
  if (typeof start.operationId !== "string" || start.operationId === "") problems.push("operationId");
  if (start.kind !== "drill") problems.push(`kind (expected drill, got ${String(start.kind)})`);
  if (typeof start.plan !== "object" || start.plan === null || !Array.isArray(start.plan.groups)) problems.push("plan");
  if (typeof start.request !== "object" || start.request === null || typeof start.request.reason !== "string") problems.push("request.reason");
  if (typeof start.startedBy !== "string") problems.push("startedBy");
  if (typeof start.requestedAtMs !== "number") problems.push("requestedAtMs");
  if (problems.length > 0) throw new TypeError(`the drill orchestration input is malformed: ${problems.join(", ")}`);
  return start as OperationStart;
}

export const drillHandler: OrchestrationHandler = drillOrchestrator;
