// An items stage: every item of a group through one Site Recovery action, each in its own sub-orchestration, at
// most `maxParallel` at a time (a window: a new item starts as soon as one ends, not batch by batch). After the
// first failure or a cancel nothing new starts; on cancel, items still running are asked to stop where Site
// Recovery allows it.
import type { Task } from "durable-functions";
import { PLAN_DEFAULTS } from "@standby/client/contract";
import type { CancelItemActionInput, CancelItemActionResult } from "../../activities/contracts";
import { ACTIVITY } from "../../activities/names";
import { finishStep, itemStepId, recoveryPointUsed, startStep } from "../../core/operation/progress";
import type { ItemsStage } from "../../core/plan/sequence";
import { ORCHESTRATION } from "../contract";
import { armRetry, errorMessage, hasEnded, nowMs } from "../durable";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WATCH_LIMIT_SECONDS, type ItemActionInput, type ItemActionResult } from "../item-action";
import { fail, isCanceled, mayContinue, update, type Session } from "../session";

interface RunningItem {
  item: string;
  itemId: string;
  stepId: string;
  task: Task;
}

export function* runItemsStage(session: Session, stage: ItemsStage, stageIndex: number): Generator<Task, void, unknown> {
  const { context, start } = session;
  const pending = stage.items.map((item, index) => ({ item, index }));
  const running: RunningItem[] = [];
  const recoveryPoint = start.request.recoveryPoint ?? start.plan.failover?.recoveryPoint ?? PLAN_DEFAULTS.recoveryPoint;

  for (;;) {
    while (running.length < stage.maxParallel && pending.length > 0 && mayContinue(session)) {
      const { item, index } = pending.shift() as { item: string; index: number };
      const stepId = itemStepId(stage.id, item);
      const itemId = session.itemIds.get(item);
      if (itemId === undefined) {
        fail(session, { code: "ItemNotFound", message: `${item} is not a protected item of the vault`, item });
        update(session, finishStep(session.operation, stepId, { status: "failed", atMs: nowMs(context), error: { code: "ItemNotFound", message: "no such protected item in the vault", item } }));
        break;
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
      const task = context.df.callSubOrchestrator(ORCHESTRATION.itemAction, input, `${context.df.instanceId}:${stageIndex}:${index}`);
      running.push({ item, itemId, stepId, task });
      update(session, startStep(session.operation, stepId, nowMs(context)));
    }
    if (running.length === 0) return;

    let done = running.find((entry) => hasEnded(entry.task));
    if (done === undefined) {
      if (isCanceled(session)) break;
      const winner = yield context.df.Task.any([...running.map((entry) => entry.task), session.cancel]);
      if (winner === session.cancel) break;
      done = running.find((entry) => entry.task === winner) as RunningItem;
    }
    running.splice(running.indexOf(done), 1);
    recordItem(session, done, stage);
  }
  yield* cancelRunning(session, running);
}

function recordItem(session: Session, entry: RunningItem, stage: ItemsStage): void {
  const atMs = nowMs(session.context);
  if (entry.task.isFaulted) {
    const error = { code: "ItemWorkflowFailed", message: errorMessage(entry.task.result), item: entry.item };
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
