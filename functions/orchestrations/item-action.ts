// One protected item through one Site Recovery action, as its own sub-orchestration so the parent's history stays
// small however long the job runs: start (or adopt, or skip) in one activity, then read the job on durable timers
// until it ends. Every POLLS_PER_EXECUTION reads it continues as new with what it watches, so its own history stays
// bounded too (a reprotect's job can run for hours). The result says how it went, with ASR's error when the job
// failed; it never throws for an item that failed, so the parent can tell "this item failed" from "the workflow broke".
import type { OrchestrationContext, OrchestrationHandler, Task } from "durable-functions";
import type { OperationError } from "@standby/client/contract";
import type { JobStatus, StartItemActionInput, StartItemActionResult } from "../activities/contracts";
import { ACTIVITY } from "../activities/names";
import { armRetry, errorMessage, nowMs, timerIn } from "./durable";

export interface ItemActionInput extends StartItemActionInput {
  /** How often to read the job; Site Recovery asks for 30 s between polls. */
  pollIntervalSeconds: number;
  /** Give up watching after this long (the job keeps running in ASR; the item is reported failed). */
  watchLimitSeconds: number;
  /** Set by the orchestration itself when it continues as new: the job it already started and watches. */
  watching?: WatchedJob;
}

interface WatchedJob {
  startedAtMs: number;
  jobId: string;
  adopted: boolean;
  recoveryPointTimeMs?: number;
}

export interface ItemActionResult {
  item: string;
  itemId: string;
  status: "succeeded" | "skipped" | "failed";
  /** Why it was skipped. */
  reason?: string;
  /** Skipped because this run's own test failover was found already done (a start re-run after a crash). */
  doneByThisRun?: boolean;
  jobId?: string;
  /** The job was one a previous attempt had started. */
  adopted?: boolean;
  error?: OperationError;
  startedAtMs: number;
  endedAtMs: number;
  recoveryPointTimeMs?: number;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 30;
export const DEFAULT_WATCH_LIMIT_SECONDS = 6 * 3600;
/** About 8 history events per read: 20 reads keep each execution's history under ~170 events. */
export const POLLS_PER_EXECUTION = 20;

export function* itemActionOrchestrator(context: OrchestrationContext): Generator<Task, ItemActionResult | undefined, unknown> {
  const input = context.df.getInput() as ItemActionInput;
  if (input.watching) return yield* watchJob(context, input, input.watching);

  const startedAtMs = nowMs(context);
  const base = { item: input.item, itemId: input.itemId, startedAtMs };
  let started: StartItemActionResult;
  try {
    started = (yield context.df.callActivityWithRetry(ACTIVITY.startItemAction, armRetry(), stripWatch(input))) as StartItemActionResult;
  } catch (error) {
    return failed(context, base, { code: "ItemActionNotStarted", message: `Site Recovery could not be asked to act: ${errorMessage(error)}` });
  }
  if (started.outcome === "skipped") {
    return { ...base, status: "skipped", reason: started.reason, ...(started.doneByThisRun ? { doneByThisRun: true } : {}), endedAtMs: nowMs(context) };
  }
  if (started.outcome === "refused") return failed(context, base, { code: "ItemRefused", message: started.reason });

  // "latest" names no point: the data lost is what had not replicated when the failover began.
  const recoveryPointTimeMs = started.recoveryPointTimeMs ?? (started.rpoSeconds === undefined ? undefined : startedAtMs - started.rpoSeconds * 1000);
  return yield* watchJob(context, input, {
    startedAtMs,
    jobId: started.jobId,
    adopted: started.adopted,
    ...(recoveryPointTimeMs === undefined ? {} : { recoveryPointTimeMs }),
  });
}

/** Reads the job until it ends, or continues as new after POLLS_PER_EXECUTION reads (then the result is undefined). */
function* watchJob(context: OrchestrationContext, input: ItemActionInput, watched: WatchedJob): Generator<Task, ItemActionResult | undefined, unknown> {
  const { startedAtMs, ...job } = watched;
  const base = { item: input.item, itemId: input.itemId, startedAtMs };
  const watchUntilMs = startedAtMs + input.watchLimitSeconds * 1000;
  for (let polls = 0; polls < POLLS_PER_EXECUTION; polls++) {
    yield timerIn(context, input.pollIntervalSeconds);
    let status: JobStatus;
    try {
      status = (yield context.df.callActivityWithRetry(ACTIVITY.readJob, armRetry(), { vault: input.vault, jobId: job.jobId })) as JobStatus;
    } catch (error) {
      return failed(context, base, { code: "JobUnreadable", message: `the job could not be read: ${errorMessage(error)}` }, job);
    }
    if (status.ended) {
      if (status.succeeded) return { ...base, ...job, status: "succeeded", endedAtMs: nowMs(context) };
      return failed(context, base, status.error ?? { code: `Job${status.state}`, message: `the job ended ${status.state}` }, job);
    }
    if (nowMs(context) >= watchUntilMs) {
      return failed(context, base, { code: "JobWatchTimedOut", message: `the job still runs after ${input.watchLimitSeconds} s (state ${status.state})` }, job);
    }
  }
  // The parent hears only the last execution's result, so what was watched travels in the input.
  context.df.continueAsNew({ ...input, watching: watched } satisfies ItemActionInput);
  return undefined;
}

function failed(
  context: OrchestrationContext,
  base: Pick<ItemActionResult, "item" | "itemId" | "startedAtMs">,
  error: OperationError,
  extra: Partial<ItemActionResult> = {},
): ItemActionResult {
  return { ...base, ...extra, status: "failed", error: { ...error, item: base.item }, endedAtMs: nowMs(context) };
}

function stripWatch(input: ItemActionInput): StartItemActionInput {
  const { pollIntervalSeconds: _poll, watchLimitSeconds: _limit, watching: _watching, ...start } = input;
  return start;
}

export const itemActionHandler: OrchestrationHandler = itemActionOrchestrator;
