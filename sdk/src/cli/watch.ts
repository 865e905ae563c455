import type { Operation, OperationStep } from "../contract/operation.js";
import { formatDuration, formatSeconds } from "./format.js";

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

/**
 * Turns successive states of an operation into lines for a terminal: one line per step whose status changed, with
 * the time since watching began and, once a step ends, how long it took; approval prompts say how to answer.
 */
export class ProgressPrinter {
  private readonly stepStatuses = new Map<string, string>();
  private lastApprovalPrompt: string | undefined;

  constructor(
    private readonly write: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly startedAt = now(),
  ) {}

  update(operation: Operation): void {
    const elapsed = `+${formatDuration(this.now() - this.startedAt)}`.padStart(8);
    for (const step of operation.steps) {
      if (this.stepStatuses.get(step.id) === step.status) {
        continue;
      }
      this.stepStatuses.set(step.id, step.status);
      if (step.status === "pending") {
        continue;
      }
      const took = stepDurationMs(step);
      const ended = step.status !== "running" && step.status !== "waitingForApproval";
      const detail = ended && took !== undefined ? ` in ${formatDuration(took)}` : "";
      const error = step.error ? `: ${step.error.message}` : "";
      this.write(`${elapsed}  ${stepLabel(step)}  ${step.status}${detail}${error}`);
    }
    const approval = operation.pendingApproval;
    if (operation.status === "waitingForApproval" && approval && approval.prompt !== this.lastApprovalPrompt) {
      this.lastApprovalPrompt = approval.prompt;
      this.write(
        `${elapsed}  waiting for approval: ${approval.prompt} (on timeout at ${approval.timeoutAt}: ${approval.onTimeout})`,
      );
      this.write(`          answer with: standby operations approve ${operation.id}  |  standby operations reject ${operation.id}`);
    }
    if (operation.status !== "waitingForApproval") {
      // A later approval step may reuse the same prompt; it must be announced again.
      this.lastApprovalPrompt = undefined;
    }
  }
}

/** The closing lines of a watched operation: outcome, measured RTO, data loss per item, or the error. */
export function summarize(operation: Operation): string[] {
  const total = Date.parse(operation.updatedAt) - Date.parse(operation.createdAt);
  const lines = [`${operation.kind} ${operation.id} of plan ${operation.plan}: ${operation.status} after ${formatDuration(total)}`];
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
