import { TERMINAL_OPERATION_STATUSES, type Operation } from "../contract/operation.js";
import { formatDuration } from "./format.js";

/**
 * The operation's present, in milliseconds since the epoch. In Azure the service's clock and this machine's agree;
 * in the lab the service may run simulated time ahead of this machine, so the present is never earlier than the
 * operation's own last change.
 */
function presentOf(operation: Operation, nowMs: number): number {
  return Math.max(nowMs, Date.parse(operation.updatedAt));
}

/** When something happened, as an offset from the operation's start: `+4m 10s`. */
export function offsetFromStart(operation: Operation, at: string): string {
  return `+${formatDuration(Math.max(0, Date.parse(at) - Date.parse(operation.createdAt)))}`;
}

/** How long something that began at `since` and is still going has lasted so far. */
export function lastedSoFar(operation: Operation, since: string, nowMs: number): string {
  return formatDuration(Math.max(0, presentOf(operation, nowMs) - Date.parse(since)));
}

export function hasEnded(operation: Operation): boolean {
  return TERMINAL_OPERATION_STATUSES.includes(operation.status);
}

/** How long an ended operation took; for one still going, `running 12m 3s`: how long it has run so far. */
export function operationTook(operation: Operation, nowMs: number): string {
  return hasEnded(operation)
    ? formatDuration(Date.parse(operation.updatedAt) - Date.parse(operation.createdAt))
    : `running ${lastedSoFar(operation, operation.createdAt, nowMs)}`;
}
