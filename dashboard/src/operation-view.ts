// The live operation: its steps as a timeline grouped the way the plan runs them, filled in as steps finish. The
// page polls the operation as the API asks (Retry-After) until it reaches a final status, and shows the pending
// approval with buttons to approve or reject it.
import type { ApprovalDecision, Operation, OperationStatus, OperationStep } from "@standby/client/contract";
import { ApiError, type StandbyApi } from "./api";
import { byId, el, formatSeconds, formatTime } from "./dom";

const DEFAULT_POLL_MS = 5_000;
/** Bounds on the server's Retry-After: never hammer the API, never look frozen to someone waiting in an incident. */
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 30_000;
/** As the contract's TERMINAL_OPERATION_STATUSES; restated so the page bundles no schema code, only types. */
const FINAL_STATUSES: readonly OperationStatus[] = ["succeeded", "failed", "canceled"];
const FINISHED_STEP: readonly OperationStep["status"][] = ["succeeded", "failed", "skipped", "canceled"];

export class OperationView {
  private id: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: () => StandbyApi,
    private readonly onError: (error: unknown) => void,
  ) {
    byId("approve").addEventListener("click", () => this.decide("approve"));
    byId("reject").addEventListener("click", () => this.decide("reject"));
  }

  show(id: string): void {
    const section = byId("operation");
    if (this.id !== id) {
      byId("timeline").replaceChildren();
      byId("approval-log").replaceChildren();
      byId("approval").hidden = true;
      byId("approval-message").textContent = "";
      byId<HTMLInputElement>("approval-comment").value = "";
      byId("operation-summary").textContent = "Loading…";
      // Nothing of the operation shown before may stand for this one until its first answer arrives.
      delete section.dataset.status;
      section.dataset.operation = id;
    }
    this.id = id;
    section.hidden = false;
    this.poll();
  }

  hide(): void {
    this.id = undefined;
    this.stop();
    byId("operation").hidden = true;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private poll(): void {
    this.stop();
    const id = this.id;
    if (id === undefined) return;
    this.api()
      .get<Operation>(`operations/${encodeURIComponent(id)}`)
      .then((answer) => {
        if (this.id !== id) return;
        this.render(answer.body);
        if (FINAL_STATUSES.includes(answer.body.status)) return;
        const wait = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, answer.retryAfterMs ?? DEFAULT_POLL_MS));
        this.timer = setTimeout(() => this.poll(), wait);
      })
      .catch(this.onError);
  }

  private decide(decision: "approve" | "reject"): void {
    const id = this.id;
    if (id === undefined) return;
    const comment = byId<HTMLInputElement>("approval-comment").value.trim();
    const buttons = [byId<HTMLButtonElement>("approve"), byId<HTMLButtonElement>("reject")];
    for (const button of buttons) button.disabled = true;
    this.api()
      .post<Operation>(`operations/${encodeURIComponent(id)}/${decision}`, comment === "" ? {} : { comment })
      .then((answer) => {
        byId("approval-message").textContent = decision === "approve" ? "Approved." : "Rejected.";
        // The comment went with this decision; it must not ride along with the next one.
        byId<HTMLInputElement>("approval-comment").value = "";
        this.render(answer.body);
        this.poll();
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) byId("approval-message").textContent = error.message;
        else this.onError(error);
      })
      .finally(() => {
        for (const button of buttons) button.disabled = false;
      });
  }

  private render(operation: Operation): void {
    const finished = operation.steps.filter((step) => FINISHED_STEP.includes(step.status)).length;
    const total = operation.steps.length;
    byId("operation-title").textContent = `${capitalize(operation.kind)} of ${operation.plan}`;
    const section = byId("operation");
    section.dataset.status = operation.status;
    section.dataset.operation = operation.id;
    const rto = operation.result === undefined ? "" : ` Measured RTO ${formatSeconds(operation.result.rtoSeconds)}.`;
    const error = operation.error === undefined ? "" : ` ${operation.error.message}`;
    byId("operation-summary").textContent = `${describeStatus(operation.status)}: ${finished} of ${total} steps finished.${rto}${error}`;
    const progress = byId<HTMLProgressElement>("operation-progress");
    progress.max = Math.max(1, total);
    progress.value = finished;
    this.renderApproval(operation);
    byId("approval-log").replaceChildren(...(operation.approvals ?? []).map(renderDecision));
    byId("timeline").replaceChildren(...groupSteps(operation.steps).map(([group, steps]) => renderGroup(group, steps)));
  }

  private renderApproval(operation: Operation): void {
    const pending = operation.status === "waitingForApproval" ? operation.pendingApproval : undefined;
    byId("approval").hidden = pending === undefined;
    if (pending !== undefined) {
      byId("approval-prompt").textContent = `${pending.prompt} (if nobody answers by ${formatTime(pending.timeoutAt)}, the plan will ${pending.onTimeout}.)`;
    }
  }
}

function groupSteps(steps: OperationStep[]): [string, OperationStep[]][] {
  const groups = new Map<string, OperationStep[]>();
  for (const step of steps) {
    const group = step.group ?? "Operation";
    groups.set(group, [...(groups.get(group) ?? []), step]);
  }
  return [...groups];
}

function renderGroup(group: string, steps: OperationStep[]): HTMLLIElement {
  const status = groupStatus(steps);
  return el(
    "li",
    { class: `group group-${status}`, "data-group": group, "data-status": status },
    el("h3", {}, `${group} `, el("span", { class: `badge badge-${status}` }, status)),
    el("ol", {}, ...steps.map(renderStep)),
  );
}

/**
 * A group's status in one word. A group the operation never reached (every step skipped) or stopped in (a step
 * canceled) did not succeed, and says so: after a rejection the page must not show untouched tiers as done.
 */
function groupStatus(steps: OperationStep[]): string {
  if (steps.some((step) => step.status === "failed")) return "failed";
  if (steps.some((step) => step.status === "waitingForApproval")) return "waitingForApproval";
  if (!steps.every((step) => FINISHED_STEP.includes(step.status))) return steps.some((step) => step.status !== "pending") ? "running" : "pending";
  if (steps.some((step) => step.status === "canceled")) return "canceled";
  return steps.every((step) => step.status === "skipped") ? "skipped" : "succeeded";
}

function renderDecision(decision: ApprovalDecision): HTMLLIElement {
  const words = decision.decision === "timedOut" ? "Timed out" : capitalize(decision.decision);
  return el(
    "li",
    { "data-decision": decision.decision },
    el("span", { class: `badge badge-${decision.decision}` }, words),
    ` by ${decision.by} at ${formatTime(decision.at)}`,
    decision.comment === undefined ? undefined : `: ${decision.comment}`,
  );
}

function renderStep(step: OperationStep): HTMLLIElement {
  const timing = step.durationMs !== undefined ? formatSeconds(step.durationMs / 1000) : step.startedAt !== undefined ? `since ${formatTime(step.startedAt)}` : "";
  return el(
    "li",
    { class: `step step-${step.status}`, "data-step": step.id, "data-status": step.status },
    el("span", { class: "step-name" }, step.name),
    " ",
    el("span", { class: `badge badge-${step.status}` }, step.status),
    timing === "" ? undefined : el("span", { class: "muted" }, ` ${timing}`),
    step.error === undefined ? undefined : el("p", { class: "error" }, step.error.message),
  );
}

function describeStatus(status: Operation["status"]): string {
  return status === "waitingForApproval" ? "Waiting for approval" : capitalize(status);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
