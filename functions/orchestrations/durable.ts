// Small helpers every workflow uses. Time comes only from the durable context (replays see the same clock), and
// calls to ARM go through durable retries on top of the SDK's own: a throttled or failing ARM call is tried again
// on a durable timer, so a long 429 storm costs time, never the operation.
import * as df from "durable-functions";
import type { OrchestrationContext, Task, TimerTask } from "durable-functions";

/** ARM activities: 6 attempts, 5 s then doubling up to 2 min (the SDK already retried each attempt 3 times). */
export function armRetry(): df.RetryOptions {
  const options = new df.RetryOptions(5_000, 6);
  options.backoffCoefficient = 2;
  options.maxRetryIntervalInMilliseconds = 120_000;
  return options;
}

/** Storage and event activities: bookkeeping, tried a few times; a failure never fails the operation. */
export function bookkeepingRetry(): df.RetryOptions {
  const options = new df.RetryOptions(2_000, 4);
  options.backoffCoefficient = 2;
  return options;
}

export function nowMs(context: OrchestrationContext): number {
  return context.df.currentUtcDateTime.getTime();
}

export function timerIn(context: OrchestrationContext, seconds: number): TimerTask {
  return context.df.createTimer(new Date(nowMs(context) + seconds * 1000));
}

/** A task that has ended, well or badly (durable tasks report it through these two flags). */
export function hasEnded(task: Task): boolean {
  return task.isCompleted || task.isFaulted;
}

/**
 * What went wrong, for an operation document: the first line only. A failed activity surfaces with the worker's
 * stack trace appended to its message, which tells an operator nothing and leaks the host's file layout.
 */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split("\n").find((line) => line.trim() !== "")?.trim() ?? text;
  return firstLine.length > 500 ? `${firstLine.slice(0, 500)}…` : firstLine;
}
