// The progress of one operation (failover, commit, failback, drill) in the wire shape of `GET /operations/{id}`,
// and pure reducers that move it on. Orchestrators call them with the time they read from the durable context, so
// a replay computes the same document. Every reducer returns a new object and leaves its input alone; repeating a
// transition (an activity that ran twice, a replayed event) changes nothing the second time.
import type {
  ApprovalDecision,
  Operation,
  OperationError,
  OperationKind,
  OperationResult,
  OperationStep,
  PendingApproval,
  RecoveryPointUsed,
  StepStatus,
} from "@standby/client/contract";
import type { Stage } from "../plan/sequence";

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
const ms = (isoTime: string): number => Date.parse(isoTime);

const ENDED_STEP: ReadonlySet<StepStatus> = new Set(["succeeded", "failed", "skipped", "canceled"]);
const ENDED_OPERATION: ReadonlySet<Operation["status"]> = new Set(["succeeded", "failed", "canceled"]);

export interface StartOperation {
  id: string;
  plan: string;
  kind: OperationKind;
  startedBy: string;
  reason: string;
  stages: readonly Stage[];
  atMs: number;
}

/** A new running operation whose steps, all pending, list everything the stages will do (one step per item). */
export function startOperation(start: StartOperation): Operation {
  return {
    id: start.id,
    plan: start.plan,
    kind: start.kind,
    status: "running",
    startedBy: start.startedBy,
    reason: start.reason,
    createdAt: iso(start.atMs),
    updatedAt: iso(start.atMs),
    steps: start.stages.flatMap(stepsOf),
  };
}

/** The id of the step for one item of an items stage. */
export function itemStepId(stageId: string, item: string): string {
  return `${stageId}/${item}`;
}

function stepsOf(stage: Stage): OperationStep[] {
  const group = stage.group === undefined ? {} : { group: stage.group };
  if (stage.type === "items") {
    return stage.items.map((item) => ({ id: itemStepId(stage.id, item), name: stage.name, ...group, item, status: "pending" }));
  }
  return [{ id: stage.id, name: stage.name, ...group, status: "pending" }];
}

/** Marks a step running (keeping the first start time if it already runs) and records the ASR job, if any. */
export function startStep(operation: Operation, stepId: string, atMs: number, jobId?: string): Operation {
  return updateStep(operation, stepId, atMs, (step) => {
    if (ENDED_STEP.has(step.status)) return step;
    return {
      ...step,
      status: "running",
      startedAt: step.startedAt ?? iso(atMs),
      ...(jobId === undefined ? {} : { jobId }),
    };
  });
}

export interface StepOutcome {
  status: "succeeded" | "failed" | "skipped" | "canceled";
  atMs: number;
  jobId?: string;
  error?: OperationError;
}

/** Ends a step; a step that already ended keeps its first outcome. */
export function finishStep(operation: Operation, stepId: string, outcome: StepOutcome): Operation {
  return updateStep(operation, stepId, outcome.atMs, (step) => {
    if (ENDED_STEP.has(step.status)) return step;
    const startedAt = step.startedAt ?? iso(outcome.atMs);
    return {
      ...step,
      status: outcome.status,
      startedAt,
      endedAt: iso(outcome.atMs),
      durationMs: Math.max(0, outcome.atMs - ms(startedAt)),
      ...(outcome.jobId === undefined ? {} : { jobId: outcome.jobId }),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    };
  });
}

/** The operation now waits at an approval step. */
export function awaitApproval(operation: Operation, pending: PendingApproval & { stepId: string }, atMs: number): Operation {
  const waiting = updateStep(operation, pending.stepId, atMs, (step) =>
    ENDED_STEP.has(step.status) ? step : { ...step, status: "waitingForApproval", startedAt: step.startedAt ?? iso(atMs) },
  );
  if (ENDED_OPERATION.has(waiting.status)) return waiting;
  return { ...waiting, status: "waitingForApproval", pendingApproval: pending };
}

/**
 * Records a decision on the pending approval (by a person, or the plan's on-timeout choice) and ends the approval
 * step: approved goes on, rejected fails the step with the decision as the error.
 */
export function recordApproval(operation: Operation, decision: ApprovalDecision, atMs: number): Operation {
  const pending = operation.pendingApproval;
  if (pending === undefined || (decision.stepId !== undefined && pending.stepId !== decision.stepId)) return operation;
  const stepId = pending.stepId;
  const approved = decision.decision === "approved" || (decision.decision === "timedOut" && pending.onTimeout === "approve");
  const { pendingApproval: _answered, ...rest } = operation;
  let next: Operation = {
    ...rest,
    status: ENDED_OPERATION.has(operation.status) ? operation.status : "running",
    approvals: [...(operation.approvals ?? []), decision],
    updatedAt: iso(atMs),
  };
  if (stepId !== undefined) {
    next = finishStep(next, stepId, {
      status: approved ? "succeeded" : "failed",
      atMs,
      ...(approved ? {} : { error: approvalError(decision) }),
    });
  }
  return next;
}

function approvalError(decision: ApprovalDecision): OperationError {
  return decision.decision === "timedOut"
    ? { code: "ApprovalTimedOut", message: "Nobody answered the approval in time; the plan says that means reject." }
    : { code: "ApprovalRejected", message: `Rejected by ${decision.by}${decision.comment ? `: ${decision.comment}` : ""}.` };
}

export interface OperationEnd {
  status: "succeeded" | "failed" | "canceled";
  atMs: number;
  error?: OperationError;
  result?: OperationResult;
}

/**
 * Ends the operation. Steps that never ran are marked skipped; steps still running when it was canceled or failed
 * are marked canceled, so an ended operation shows no step as pending or running.
 */
export function finishOperation(operation: Operation, end: OperationEnd): Operation {
  if (ENDED_OPERATION.has(operation.status)) return operation;
  const steps = operation.steps.map((step): OperationStep => {
    if (step.status === "pending") return { ...step, status: "skipped" };
    if (step.status === "running" || step.status === "waitingForApproval") {
      const startedAt = step.startedAt ?? iso(end.atMs);
      return { ...step, status: "canceled", startedAt, endedAt: iso(end.atMs), durationMs: Math.max(0, end.atMs - ms(startedAt)) };
    }
    return step;
  });
  const { pendingApproval: _dropped, ...rest } = operation;
  return {
    ...rest,
    status: end.status,
    steps,
    updatedAt: iso(end.atMs),
    ...(end.error === undefined ? {} : { error: end.error }),
    ...(end.result === undefined ? {} : { result: end.result }),
  };
}

/**
 * What the operation measured. RTO runs from the start of the operation to the moment traffic was switched (the
 * `traffic` step); a plan without a traffic switch counts until its last item step ended.
 */
export function operationResult(operation: Operation, recoveryPoints: RecoveryPointUsed[]): OperationResult {
  const traffic = operation.steps.find((step) => step.id === "traffic" && step.status === "succeeded");
  const itemEnds = operation.steps
    .filter((step) => step.item !== undefined && step.endedAt !== undefined)
    .map((step) => ms(step.endedAt as string));
  const lastItemEndMs = itemEnds.length > 0 ? Math.max(...itemEnds) : ms(operation.createdAt);
  const endMs = traffic?.endedAt !== undefined ? ms(traffic.endedAt) : lastItemEndMs;
  return { rtoSeconds: Math.max(0, (endMs - ms(operation.createdAt)) / 1000), recoveryPoints };
}

/** The recovery point an item failed over to, and the data it lost: from that point to when its failover began. */
export function recoveryPointUsed(item: string, recoveryPointTimeMs: number, failoverStartedAtMs: number): RecoveryPointUsed {
  return {
    item,
    recoveryPointTime: iso(recoveryPointTimeMs),
    dataLossSeconds: Math.max(0, (failoverStartedAtMs - recoveryPointTimeMs) / 1000),
  };
}

function updateStep(operation: Operation, stepId: string, atMs: number, change: (step: OperationStep) => OperationStep): Operation {
  const index = operation.steps.findIndex((step) => step.id === stepId);
  if (index < 0) throw new RangeError(`operation ${operation.id} has no step ${stepId}`);
  const step = operation.steps[index] as OperationStep;
  const changed = change(step);
  if (changed === step) return operation;
  const steps = operation.steps.slice();
  steps[index] = changed;
  return { ...operation, steps, updatedAt: iso(atMs) };
}
