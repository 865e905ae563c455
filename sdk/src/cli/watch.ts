import type { Operation, OperationStep } from "../contract/operation.js";
import { formatDuration, formatSeconds } from "./format.js";
import { hasEnded, lastedSoFar, offsetFromStart, operationTook } from "./operation-times.js";

function stepDurationMs(step: OperationStep): number | undefined {
  if (step.durationMs !== undefined) {
    return step.durationMs;
  }
  if (step.startedAt && step.endedAt) {
    return Date.parse(step.endedAt) - Date.parse(step.startedAt);
  }
  return undefined;
}

/** Items of one group share their step's name; the item's own name (the last segment of its ARM id) tells them apart. */
function stepLabel(step: OperationStep): string {
  const item = step.item === undefined ? "" : ` (${step.item.split("/").pop() || step.item})`;
  return `${step.group ? `[${step.group}] ` : ""}${step.name}${item}`;
}

/** When a step reached the status a line reports: its end, else its start; the operation's last change when unrecorded. */
function changedAt(operation: Operation, step: OperationStep, ended: boolean): string {
  return (ended ? step.endedAt : step.startedAt) ?? operation.updatedAt;
}

/** ` in 4.0s` for an ended step whose duration is known. */
function tookText(step: OperationStep): string {
  const took = stepDurationMs(step);
  return took === undefined ? "" : ` in ${formatDuration(took)}`;
}

/** ` for 20m 3s` for a step still going whose start is known. */
function ranText(operation: Operation, step: OperationStep, nowMs: number): string {
  return step.startedAt === undefined ? "" : ` for ${lastedSoFar(operation, step.startedAt, nowMs)}`;
}

/**
 * Turns successive states of an operation into lines for a terminal: one line per step whose status changed. Times
 * come from the operation itself, not from when the CLI began watching: each line starts with the offset from the
 * operation's start at which the step reached its status; an ended step says how long it took, a running one how
 * long it has run. Approval prompts say how to answer.
 */
export class ProgressPrinter {
  private readonly stepStatuses = new Map<string, string>();
  private lastApprovalPrompt: string | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  update(operation: Operation): void {
    for (const step of operation.steps) {
      if (this.stepStatuses.get(step.id) === step.status) {
        continue;
      }
      this.stepStatuses.set(step.id, step.status);
      if (step.status === "pending") {
        continue;
      }
      const ended = step.status !== "running" && step.status !== "waitingForApproval";
      const detail = ended ? tookText(step) : ranText(operation, step, this.now());
      const error = step.error ? `: ${step.error.message}` : "";
      const offset = offsetFromStart(operation, changedAt(operation, step, ended)).padStart(8);
      this.write(`${offset}  ${stepLabel(step)}  ${step.status}${detail}${error}`);
    }
    const approval = operation.pendingApproval;
    if (operation.status === "waitingForApproval" && approval && approval.prompt !== this.lastApprovalPrompt) {
      this.lastApprovalPrompt = approval.prompt;
      this.write(
        `${offsetFromStart(operation, approval.requestedAt).padStart(8)}  waiting for approval: ${approval.prompt} (on timeout at ${approval.timeoutAt}: ${approval.onTimeout})`,
      );
      this.write(`          answer with: standby operations approve ${operation.id}  |  standby operations reject ${operation.id}`);
    }
    if (operation.status !== "waitingForApproval") {
      // A later approval step may reuse the same prompt; it must be announced again.
      this.lastApprovalPrompt = undefined;
    }
  }
}

/**
 * The closing lines of a watched operation: outcome, measured RTO, data loss per item, or the error. An operation
 * still going (`operations show` without --watch) says how long it has run so far.
 */
export function summarize(operation: Operation, nowMs = Date.now()): string[] {
  const took = hasEnded(operation)
    ? `after ${operationTook(operation, nowMs)}`
    : `for ${lastedSoFar(operation, operation.createdAt, nowMs)}`;
  const lines = [`${operation.kind} ${operation.id} of plan ${operation.plan}: ${operation.status} ${took}`];
  if (operation.result) {
    lines.push(`  RTO ${formatSeconds(operation.result.rtoSeconds)}`);
    for (const point of operation.result.recoveryPoints) {
      lines.push(`  ${point.item}: recovery point ${point.recoveryPointTime}, data loss ${formatSeconds(point.dataLossSeconds)}`);
    }
  }
  if (operation.error) {
    const item = operation.error.item ? ` (item ${operation.error.item})` : "";
    lines.push(`  error ${operation.error.code}${item}: ${operation.error.message}`);
  }
  return lines;
}
