// Cleanup of a drill's test failovers, run whatever happened before (failure, cancel) and checked against Site
// Recovery afterwards. Each item's cleanup is the failover workflows' item sub-orchestration with the cleanup
// action (it skips items that have no test failover). Items still showing a test failover after the first round
// are cleaned once more; whatever is left after that is named in the report. The same item cleanup also removes,
// before a drill starts, a test failover an earlier run left waiting for cleanup.
// When the drill did not see every test failover end (an item's watch gave up or could not read its job, or its
// workflow broke), a test failover job may still run: Site Recovery refuses the cleanup of an item while it runs,
// so the cleanup first waits for those jobs to end, on durable timers and at most the item watch's own limit.
import type { Task } from "durable-functions";
import type { OperationError } from "@standby/client/contract";
import type { VerifyCleanupInput, VerifyCleanupResult } from "../activities/drill/drill-contracts";
import { DRILL_ACTIVITY } from "../activities/drill/drill-names";
import type { CleanupEvidence } from "../core/drill/evidence";
import { finishStep, itemStepId, startStep } from "../core/operation/progress";
import type { ItemsStage } from "../core/plan/sequence";
import { ORCHESTRATION } from "./contract";
import { armRetry, errorMessage, nowMs, timerIn } from "./durable";
import { DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WATCH_LIMIT_SECONDS, type ItemActionInput, type ItemActionResult } from "./item-action";
import { update, type Session } from "./session";

/** Cleanup rounds: the first, and one retry of the items left over. */
export const CLEANUP_ROUNDS = 2;
/** The longest wait for running test failovers: as long as an item's watch would have watched one. */
export const RUNNING_WAIT_LIMIT_SECONDS = DEFAULT_WATCH_LIMIT_SECONDS;
/** Reads between waits double from ASR's poll interval up to this, so hours of waiting keep a short history. */
const LONGEST_WAIT_SECONDS = 300;

export interface DrillCleanupOptions {
  /** Some test failover may still run (the drill did not see each one end): wait for it before cleaning. */
  waitForRunning: boolean;
}

type ResolvedItem = { item: string; itemId: string };

/** The items the preflight found in the vault, with their ids; one not found has no test failover to clean. */
function resolvedItems(session: Session, items: readonly string[]): ResolvedItem[] {
  return items.flatMap((item) => {
    const itemId = session.itemIds.get(item);
    return itemId === undefined ? [] : [{ item, itemId }];
  });
}

export function* runDrillCleanup(session: Session, stage: ItemsStage, options: DrillCleanupOptions): Generator<Task, CleanupEvidence, unknown> {
  const { context } = session;
  const startedAtMs = nowMs(context);
  const resolved = resolvedItems(session, stage.items);
  const failures: OperationError[] = [];
  if (options.waitForRunning && resolved.length > 0) failures.push(...(yield* waitForRunningTestFailovers(session, resolved)));
  let remaining = resolved;
  let leftovers: string[] = [];
  let verified = false;
  let attempts = 0;
  for (let round = 1; round <= CLEANUP_ROUNDS && remaining.length > 0; round += 1) {
    attempts = round;
    const results = yield* cleanItems(session, stage, remaining, { instancePrefix: `${context.df.instanceId}:cleanup:${round}`, recordSteps: round === 1 });
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

/**
 * Reads Site Recovery until no item of the drill runs a test failover job, or the wait limit passes; answers a
 * failure per item still running then (its cleanup will be refused, and the verification names it as left over).
 */
function* waitForRunningTestFailovers(session: Session, items: ResolvedItem[]): Generator<Task, OperationError[], unknown> {
  const { context } = session;
  const untilMs = nowMs(context) + RUNNING_WAIT_LIMIT_SECONDS * 1000;
  const input: VerifyCleanupInput = { vault: session.start.plan.vault, items };
  for (let waitSeconds = DEFAULT_POLL_INTERVAL_SECONDS; ; waitSeconds = Math.min(waitSeconds * 2, LONGEST_WAIT_SECONDS)) {
    let running: string[];
    try {
      running = ((yield context.df.callActivityWithRetry(DRILL_ACTIVITY.verifyCleanup, armRetry(), input)) as VerifyCleanupResult).running;
    } catch (error) {
      // Unknown: clean up anyway; a refused cleanup shows in the verification that follows.
      return [{ code: "TestFailoverStateUnreadable", message: `Site Recovery could not be read to wait for running test failovers: ${errorMessage(error)}` }];
    }
    if (running.length === 0) return [];
    const leftMs = untilMs - nowMs(context);
    if (leftMs <= 0) {
      return running.map((item) => ({ code: "TestFailoverStillRunning", message: `The test failover of ${item} still ran after ${RUNNING_WAIT_LIMIT_SECONDS} s of waiting; it could not be cleaned up.`, item }));
    }
    yield timerIn(context, Math.min(waitSeconds, Math.ceil(leftMs / 1000)));
  }
}

/**
 * Cleans the test failovers an earlier run left on `items` (waiting for cleanup), before the drill makes its own:
 * a copy left by another drill proves nothing about this one. Answers one failure per item that could not be cleaned.
 */
export function* cleanStaleTestFailovers(session: Session, stage: ItemsStage, items: readonly string[]): Generator<Task, OperationError[], unknown> {
  const results = yield* cleanItems(session, stage, resolvedItems(session, items), { instancePrefix: `${session.context.df.instanceId}:stale`, recordSteps: false });
  // A skip means Site Recovery shows nothing left to clean: gone meanwhile, which is what the drill needs.
  return results
    .filter((result) => result.status === "failed")
    .map((result) => ({
      code: "StaleTestFailoverNotCleaned",
      message: `${result.item} still had a test failover from an earlier run that could not be cleaned up: ${result.error?.message ?? "the cleanup failed"}.`,
      item: result.item,
    }));
}

interface CleanItemsOptions {
  /** Sub-orchestration instance ids are this, then the item's index. */
  instancePrefix: string;
  /** Show each item's cleanup in the cleanup stage's steps (its first round). */
  recordSteps: boolean;
}

function* cleanItems(session: Session, stage: ItemsStage, items: ResolvedItem[], options: CleanItemsOptions): Generator<Task, ItemActionResult[], unknown> {
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
      if (options.recordSteps) update(session, startStep(session.operation, itemStepId(stage.id, item), nowMs(context)));
      return context.df.callSubOrchestrator(ORCHESTRATION.itemAction, input, `${options.instancePrefix}:${offset + index}`);
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
      if (!options.recordSteps) continue;
      const jobId = result.jobId === undefined ? {} : { jobId: result.jobId };
      const error = result.status === "failed" ? { error: result.error ?? { code: "CleanupFailed", message: "the cleanup job failed", item: result.item } } : {};
      update(session, finishStep(session.operation, itemStepId(stage.id, result.item), { status: result.status, atMs: result.endedAtMs, ...jobId, ...error }));
    }
  }
  return results;
}
