// A manual approval between groups: the operation waits for the `approval` external event, raced against a durable
// timer set to the plan's timeout, and against cancel. A decision names who took it; one sent for another approval
// step is ignored and the wait goes on. When nobody answers, the plan's explicit onTimeout choice decides.
import type { Task, TimerTask } from "durable-functions";
import type { ApprovalAction, ApprovalDecision } from "@standby/client/contract";
import { awaitApproval, recordApproval } from "../../core/operation/progress";
import type { ActionStage } from "../../core/plan/sequence";
import { OPERATION_EVENT, type ApprovalEventData } from "../contract";
import { nowMs } from "../durable";
import { fail, isCanceled, publish, checkpoint, update, type Session } from "../session";

/** Who decides when the timer does. */
export const TIMEOUT_DECIDER = "standby:timeout";

export function* runApprovalStep(session: Session, stage: ActionStage, action: ApprovalAction): Generator<Task, void, unknown> {
  const { context } = session;
  const requestedAtMs = nowMs(context);
  const timeoutAtMs = requestedAtMs + action.timeoutMinutes * 60_000;
  update(
    session,
    awaitApproval(
      session.operation,
      {
        stepId: stage.id,
        prompt: action.prompt,
        requestedAt: new Date(requestedAtMs).toISOString(),
        timeoutAt: new Date(timeoutAtMs).toISOString(),
        onTimeout: action.onTimeout,
      },
      requestedAtMs,
    ),
  );
  yield* checkpoint(session);
  yield* publish(session, "Standby.Operation.ApprovalRequired");

  let decision: ApprovalDecision | undefined;
  while (decision === undefined) {
    if (isCanceled(session)) return;
    // A fresh timer each round: a durable task may be awaited only once (see items-stage.ts), and an ignored
    // decision starts another round. Same deadline, so ignored decisions do not extend the wait.
    const timer: TimerTask = context.df.createTimer(new Date(timeoutAtMs));
    const answer = context.df.waitForExternalEvent(OPERATION_EVENT.approval);
    const winner = yield context.df.Task.any([answer, timer, session.cancel]);
    const atMs = nowMs(context);
    if (winner === session.cancel) {
      timer.cancel();
      return;
    }
    if (winner === timer) {
      decision = { stepId: stage.id, decision: "timedOut", by: TIMEOUT_DECIDER, at: new Date(atMs).toISOString() };
      break;
    }
    timer.cancel();
    const data = answer.result as Partial<ApprovalEventData> | undefined;
    if (!isDecision(data) || (data.stepId !== undefined && data.stepId !== stage.id)) continue;
    decision = {
      stepId: stage.id,
      decision: data.decision,
      by: data.by,
      at: new Date(atMs).toISOString(),
      ...(data.comment === undefined ? {} : { comment: data.comment }),
    };
  }
  update(session, recordApproval(session.operation, decision, nowMs(context)));
  const step = session.operation.steps.find((candidate) => candidate.id === stage.id);
  if (step?.status === "failed" && step.error !== undefined) fail(session, step.error);
}

function isDecision(data: Partial<ApprovalEventData> | undefined): data is ApprovalEventData {
  return (
    data !== undefined &&
    data !== null &&
    (data.decision === "approved" || data.decision === "rejected") &&
    typeof data.by === "string" &&
    data.by.length > 0
  );
}
