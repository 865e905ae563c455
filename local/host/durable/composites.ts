// Retries and long timers. durable-functions drives both itself from the results it sees, consuming a sequence
// number for every retry timer, every re-scheduled attempt and every further long-timer segment, without ever
// emitting an action for them. The engine mirrors that bookkeeping so the numbers it records are the ones the
// library expects (RetryableTask and LongTimerTask in durable-functions 3.5.0).
import { EventType, type HistoryEvent } from "./history";
import { LONG_RUNNING_TIMER_INTERVAL_MS, MAXIMUM_SHORT_TIMER_DURATION_MS } from "./orchestrator-io";
import type { CompositeTask, InstanceRecord } from "./store";

/** What the engine must do for an event that belongs to a composite. */
export type CompositeStep =
  | { kind: "none" }
  | { kind: "retryTimer"; fireAt: string }
  | { kind: "reschedule"; composite: Extract<CompositeTask, { kind: "retry" }> }
  | { kind: "nextTimerSegment"; fireAt: string };

/** True when the event makes the library consume a sequence number without the orchestrator deciding anything. */
export function consumesInternalEventId(record: InstanceRecord, event: HistoryEvent, nowMs: number): boolean {
  return nextStep(record, event, nowMs).kind !== "none";
}

/** Computes the step for `event` without changing the record. */
export function nextStep(record: InstanceRecord, event: HistoryEvent, nowMs: number): CompositeStep {
  const id = event.EventType === EventType.TimerFired ? event.TimerId : event.TaskScheduledId;
  if (id === undefined) return { kind: "none" };
  const composite = record.composites[String(id)];
  if (!composite) return { kind: "none" };
  if (composite.kind === "longTimer") {
    if (event.EventType !== EventType.TimerFired || Date.parse(composite.finalFireAt) <= nowMs) return { kind: "none" };
    return { kind: "nextTimerSegment", fireAt: timerSegmentEnd(composite.finalFireAt, nowMs) };
  }
  switch (event.EventType) {
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceFailed:
      return { kind: "retryTimer", fireAt: new Date(nowMs + retryDelayMs(composite, composite.attempts - 1)).toISOString() };
    case EventType.TimerFired:
      return composite.attempts < composite.maxNumberOfAttempts ? { kind: "reschedule", composite } : { kind: "none" };
    default:
      return { kind: "none" };
  }
}

/** When the next timer of a possibly long timer fires: the final time, or one interval from now. */
export function timerSegmentEnd(finalFireAt: string, nowMs: number): string {
  const finalMs = Date.parse(finalFireAt);
  return finalMs - nowMs > MAXIMUM_SHORT_TIMER_DURATION_MS ? new Date(nowMs + LONG_RUNNING_TIMER_INTERVAL_MS).toISOString() : finalFireAt;
}

/** The Durable Task Framework's backoff: first interval times coefficient^attempt, capped by the maximum. */
function retryDelayMs(composite: Extract<CompositeTask, { kind: "retry" }>, failedAttemptIndex: number): number {
  const delay = composite.firstRetryIntervalInMilliseconds * Math.pow(composite.backoffCoefficient, failedAttemptIndex);
  const cap = composite.maxRetryIntervalInMilliseconds;
  return cap && cap > 0 ? Math.min(delay, cap) : delay;
}
