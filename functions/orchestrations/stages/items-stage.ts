// An items stage: every item of a group through one Site Recovery action, each in its own sub-orchestration, at
// most `maxParallel` at a time. Items run in batches rather than a sliding window: durable-functions re-sends
// the scheduling action of every task put into a new Task.any, so a task may be awaited only once, and a window
// would have to await the still-running ones again. After a failure or a cancel no new batch starts; on cancel,
// items still running are asked to stop where Site Recovery allows it.
import type { Task } from "durable-functions";
import { PLAN_DEFAULTS } from "@standby/client/contract";
import type { CancelItemActionInput, CancelItemActionResult } from "../../activities/contracts";
import { ACTIVITY } from "../../activities/names";
import { finishStep, itemStepId, recoveryPointUsed, startStep } from "../../core/operation/progress";
import type { ItemsStage } from "../../core/plan/sequence";
import { ORCHESTRATION } from "../contract";
import { armRetry, errorMessage, hasEnded, nowMs } from "../durable";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WATCH_LIMIT_SECONDS, type ItemActionInput, type ItemActionResult } from "../item-action";
import { fail, mayContinue, orCancel, update, type Session } from "../session";

interface RunningItem {
  item: string;
  itemId: string;
  stepId: string;
  task: Task;
}

export function* runItemsStage(session: Session, stage: ItemsStage, stageIndex: number): Generator<Task, void, unknown> {
  const { context, start } = session;
  // Failback is planned: the source is shut down and its data synchronized first, so "latest" loses nothing, and
  // right after reverse replication turns healthy there may be no processed recovery point to name yet.
  const recoveryPoint =
    start.request.recoveryPoint ?? (start.kind === "failback" ? "latest" : (start.plan.failover?.recoveryPoint ?? PLAN_DEFAULTS.recoveryPoint));
  const batchSize = Math.max(1, stage.maxParallel);

  for (let first = 0; first < stage.items.length && mayContinue(session); first += batchSize) {
    const batch: RunningItem[] = [];
    stage.items.slice(first, first + batchSize).forEach((item, offset) => {
      const stepId = itemStepId(stage.id, item);
      const itemId = session.itemIds.get(item);
      if (itemId === undefined) {
        const error = { code: "ItemNotFound", message: "no such protected item in the vault", item };
        fail(session, error);
        update(session, finishStep(session.operation, stepId, { status: "failed", atMs: nowMs(context), error }));
        return;
      }
      const input: ItemActionInput = {
        vault: start.plan.vault,
        item,
        itemId,
        operation: stage.operation,
        direction: stage.direction,
        recoveryPoint,
        rpoBudgetSeconds: start.plan.objectives.rpoSeconds,
        ...(start.request.force === undefined ? {} : { force: start.request.force }),
        pollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
        watchLimitSeconds: DEFAULT_WATCH_LIMIT_SECONDS,
      };
      // Sub-orchestration ids are derived from the operation, so a replay addresses the same instances.
      const task = context.df.callSubOrchestrator(ORCHESTRATION.itemAction, input, `${context.df.instanceId}:${stageIndex}:${first + offset}`);
      batch.push({ item, itemId, stepId, task });
      update(session, startStep(session.operation, stepId, nowMs(context)));
    });
    if (batch.length === 0) continue;

    let canceled = false;
    try {
      canceled = (yield* orCancel(session, context.df.Task.all(batch.map((entry) => entry.task)))).canceled;
    } catch {
      // An item's workflow broke (not an item that failed: those return a result); recorded per item below.
    }
    if (canceled) {
      yield* cancelRunning(session, batch.filter((entry) => !hasEnded(entry.task)));
      for (const entry of batch.filter((candidate) => hasEnded(candidate.task))) recordItem(session, entry, stage);
      return;
    }
    for (const entry of batch) recordItem(session, entry, stage);
  }
}

function recordItem(session: Session, entry: RunningItem, stage: ItemsStage): void {
  const atMs = nowMs(session.context);
  if (!entry.task.isCompleted) {
    const message = entry.task.isFaulted ? errorMessage(entry.task.result) : "the item's workflow did not report back";
    const error = { code: "ItemWorkflowFailed", message, item: entry.item };
    fail(session, error);
    update(session, finishStep(session.operation, entry.stepId, { status: "failed", atMs, error }));
    return;
  }
  const result = entry.task.result as ItemActionResult;
  const jobId = result.jobId === undefined ? {} : { jobId: result.jobId };
  if (result.status === "failed") {
    const error = result.error ?? { code: "ItemFailed", message: "the item's action failed", item: entry.item };
    fail(session, error);
    update(session, finishStep(session.operation, entry.stepId, { status: "failed", atMs: result.endedAtMs, error, ...jobId }));
    return;
  }
  update(session, finishStep(session.operation, entry.stepId, { status: result.status, atMs: result.endedAtMs, ...jobId }));
  const isFailover = stage.operation === "plannedFailover" || stage.operation === "unplannedFailover";
  if (isFailover && result.status === "succeeded" && result.recoveryPointTimeMs !== undefined) {
    session.recoveryPoints.push(recoveryPointUsed(entry.item, result.recoveryPointTimeMs, result.startedAtMs));
  }
}

/** Asks Site Recovery to stop what still runs; each step is marked canceled whatever ASR allowed. */
function* cancelRunning(session: Session, running: RunningItem[]): Generator<Task, void, unknown> {
  if (running.length === 0) return;
  const { context } = session;
  const tasks = running.map((entry) =>
    context.df.callActivityWithRetry(ACTIVITY.cancelItemAction, armRetry(), { vault: session.start.plan.vault, itemId: entry.itemId } satisfies CancelItemActionInput),
  );
  let outcomes: CancelItemActionResult[] = [];
  try {
    outcomes = (yield context.df.Task.all(tasks)) as CancelItemActionResult[];
  } catch {
    // Best effort: the steps are reported canceled either way, and the item states tell the rest.
  }
  running.forEach((entry, index) => {
    const outcome = outcomes[index];
    update(
      session,
      finishStep(session.operation, entry.stepId, {
        status: "canceled",
        atMs: nowMs(context),
        error: {
          code: "Canceled",
          message: outcome === undefined ? "canceled; Site Recovery was not asked to stop" : `canceled (${outcome.action}${outcome.reason ? `: ${outcome.reason}` : ""})`,
          item: entry.item,
        },
      }),
    );
  });
}
