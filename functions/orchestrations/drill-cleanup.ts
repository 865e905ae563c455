// Cleanup of a drill's test failovers, run whatever happened before (failure, cancel) and checked against Site
// Recovery afterwards. Each item's cleanup is the failover workflows' item sub-orchestration with the cleanup
// action (it skips items that have no test failover). Items still showing a test failover after the first round
// are cleaned once more; whatever is left after that is named in the report.
import type { Task } from "durable-functions";
import type { OperationError } from "@standby/client/contract";
import type { VerifyCleanupInput, VerifyCleanupResult } from "../activities/drill/drill-contracts";
import { DRILL_ACTIVITY } from "../activities/drill/drill-names";
import type { CleanupEvidence } from "../core/drill/evidence";
import { finishStep, itemStepId, startStep } from "../core/operation/progress";
import type { ItemsStage } from "../core/plan/sequence";
import { ORCHESTRATION } from "./contract";
import { armRetry, errorMessage, nowMs } from "./durable";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WATCH_LIMIT_SECONDS, type ItemActionInput, type ItemActionResult } from "./item-action";
import { update, type Session } from "./session";

/** Cleanup rounds: the first, and one retry of the items left over. */
export const CLEANUP_ROUNDS = 2;

export function* runDrillCleanup(session: Session, stage: ItemsStage): Generator<Task, CleanupEvidence, unknown> {
  const { context } = session;
  const startedAtMs = nowMs(context);
  const resolved = stage.items.flatMap((item) => {
    const itemId = session.itemIds.get(item);
    return itemId === undefined ? [] : [{ item, itemId }];
  });
  const failures: OperationError[] = [];
  let remaining = resolved;
  let leftovers: string[] = [];
  let verified = false;
  let attempts = 0;
  for (let round = 1; round <= CLEANUP_ROUNDS && remaining.length > 0; round += 1) {
    attempts = round;
    const results = yield* cleanRound(session, stage, remaining, round);
    failures.push(...results.flatMap((result) => (result.status === "failed" && result.error !== undefined ? [result.error] : [])));
    try {
      const input: VerifyCleanupInput = { vault: session.start.plan.vault, items: resolved };
      const check = (yield context.df.callActivityWithRetry(DRILL_ACTIVITY.verifyCleanup, armRetry(), input)) as VerifyCleanupResult;
      leftovers = check.leftovers;
      verified = true;
    } catch (error) {
      verified = false;
      leftovers = remaining.map((entry) => entry.item);
      failures.push({ code: "CleanupNotVerified", message: `Site Recovery could not be read to verify the cleanup: ${errorMessage(error)}` });
    }
    remaining = resolved.filter((entry) => leftovers.includes(entry.item));
  }
  return { attempts, startedAtMs, endedAtMs: nowMs(context), leftovers, failures, verified: verified || resolved.length === 0 };
}

function* cleanRound(session: Session, stage: ItemsStage, items: { item: string; itemId: string }[], round: number): Generator<Task, ItemActionResult[], unknown> {
  const { context, start } = session;
  const results: ItemActionResult[] = [];
  for (let offset = 0; offset < items.length; offset += stage.maxParallel) {
    const batch = items.slice(offset, offset + stage.maxParallel);
    const tasks = batch.map(({ item, itemId }, index) => {
      const input: ItemActionInput = {
        vault: start.plan.vault,
        item,
        itemId,
        operation: "testFailoverCleanup",
        direction: stage.direction,
        recoveryPoint: "latest",
        rpoBudgetSeconds: start.plan.objectives.rpoSeconds,
        pollIntervalSeconds: DEFAULT_POLL_INTERVAL_SECONDS,
        watchLimitSeconds: DEFAULT_WATCH_LIMIT_SECONDS,
      };
      if (round === 1) update(session, startStep(session.operation, itemStepId(stage.id, item), nowMs(context)));
      return context.df.callSubOrchestrator(ORCHESTRATION.itemAction, input, `${context.df.instanceId}:cleanup:${round}:${offset + index}`);
    });
    // Cleanup ignores cancel: it is what a cancel relies on.
    let ended: ItemActionResult[];
    try {
      ended = (yield context.df.Task.all(tasks)) as ItemActionResult[];
    } catch (error) {
      // A broken sub-orchestration: its items count as not cleaned, and the verification says what is left.
      const atMs = nowMs(context);
      ended = batch.map(({ item, itemId }) => ({ item, itemId, status: "failed", startedAtMs: atMs, endedAtMs: atMs, error: { code: "CleanupWorkflowFailed", message: errorMessage(error), item } }));
    }
    for (const result of ended) {
      results.push(result);
      if (round > 1) continue;
      const jobId = result.jobId === undefined ? {} : { jobId: result.jobId };
      const error = result.status === "failed" ? { error: result.error ?? { code: "CleanupFailed", message: "the cleanup job failed", item: result.item } } : {};
      update(session, finishStep(session.operation, itemStepId(stage.id, result.item), { status: result.status, atMs: result.endedAtMs, ...jobId, ...error }));
    }
  }
  return results;
}
