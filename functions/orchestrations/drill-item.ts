// One item's test failover as its own sub-orchestration: start (or adopt, or skip) it in one activity, then read
// the Site Recovery job on durable timers until it ends, like the item sub-orchestration of a failover. The
// drill needs its own start activity because a test failover names the plan's test network and records the
// recovery point the copy is made from. It never throws for an item that failed; the result says so.
import type { OrchestrationContext, OrchestrationHandler, Task } from "durable-functions";
import type { OperationError } from "@standby/client/contract";
import type { JobStatus } from "../activities/contracts";
import type { StartTestFailoverInput, StartTestFailoverResult } from "../activities/drill/drill-contracts";
import { DRILL_ACTIVITY } from "../activities/drill/drill-names";
import { ACTIVITY } from "../activities/names";
import type { ItemTestFailover } from "../core/drill/evidence";
import { armRetry, errorMessage, nowMs, timerIn } from "./durable";

export interface DrillItemInput extends StartTestFailoverInput {
  group: string;
  pollIntervalSeconds: number;
  watchLimitSeconds: number;
}

export function* drillItemOrchestrator(context: OrchestrationContext): Generator<Task, ItemTestFailover, unknown> {
  const input = context.df.getInput() as DrillItemInput;
  const startedAtMs = nowMs(context);
  const base = { item: input.item, group: input.group, startedAtMs };
  const failed = (error: OperationError, extra: Partial<ItemTestFailover> = {}): ItemTestFailover => ({
    ...base,
    ...extra,
    status: "failed",
    error: { ...error, item: input.item },
    endedAtMs: nowMs(context),
  });

  let started: StartTestFailoverResult;
  try {
    const { group: _group, pollIntervalSeconds: _poll, watchLimitSeconds: _limit, ...start } = input;
    started = (yield context.df.callActivityWithRetry(DRILL_ACTIVITY.startTestFailover, armRetry(), start)) as StartTestFailoverResult;
  } catch (error) {
    return failed({ code: "TestFailoverNotStarted", message: `Site Recovery could not be asked for the test failover: ${errorMessage(error)}` });
  }
  if (started.outcome === "skipped") return { ...base, status: "skipped", endedAtMs: nowMs(context), error: { code: "Skipped", message: started.reason, item: input.item } };
  if (started.outcome === "refused") return failed({ code: "ItemRefused", message: started.reason });

  const job = { jobId: started.jobId, ...(started.recoveryPointTimeMs === undefined ? {} : { recoveryPointTimeMs: started.recoveryPointTimeMs }) };
  const watchUntilMs = startedAtMs + input.watchLimitSeconds * 1000;
  for (;;) {
    yield timerIn(context, input.pollIntervalSeconds);
    let status: JobStatus;
    try {
      status = (yield context.df.callActivityWithRetry(ACTIVITY.readJob, armRetry(), { vault: input.vault, jobId: started.jobId })) as JobStatus;
    } catch (error) {
      return failed({ code: "JobUnreadable", message: `the job could not be read: ${errorMessage(error)}` }, job);
    }
    if (status.ended) {
      if (status.succeeded) return { ...base, ...job, status: "succeeded", endedAtMs: nowMs(context) };
      return failed(status.error ?? { code: `Job${status.state}`, message: `the job ended ${status.state}` }, job);
    }
    if (nowMs(context) >= watchUntilMs) {
      return failed({ code: "JobWatchTimedOut", message: `the job still runs after ${input.watchLimitSeconds} s (state ${status.state})` }, job);
    }
  }
}

export const drillItemHandler: OrchestrationHandler = drillItemOrchestrator;
