// A plan action before or after a group: webhook, probe (retried on durable timers), delay (a durable timer),
// approval (see approval-step.ts) and Azure Automation runbook (started by one activity, watched on timers like a
// Site Recovery job). Every wait also listens for cancel.
import type { Task } from "durable-functions";
import { PLAN_DEFAULTS, type ProbeAction, type RunbookAction, type WebhookAction } from "@standby/client/contract";
import type { OperationError } from "@standby/client/contract";
import type { OutboundResult, ProbeInput, RunbookJobStatus, StartRunbookInput, WebhookInput } from "../../activities/contracts";
import { ACTIVITY } from "../../activities/names";
import { finishStep, startStep } from "../../core/operation/progress";
import type { ActionStage } from "../../core/plan/sequence";
import { armRetry, bookkeepingRetry, errorMessage, nowMs, timerIn } from "../durable";
import { fail, orCancel, update, type Session } from "../session";
import { runApprovalStep } from "./approval-step";

/** Pause between probe attempts; grows with each attempt so a slow start gets time. */
export const PROBE_RETRY_SECONDS = 10;
export const RUNBOOK_POLL_SECONDS = 30;

type StepEnd = { status: "succeeded" } | { status: "failed"; error: OperationError } | { status: "canceled" };

export function* runActionStage(session: Session, stage: ActionStage): Generator<Task, void, unknown> {
  const { action } = stage;
  if (action.type === "approval") {
    yield* runApprovalStep(session, stage, action);
    return;
  }
  update(session, startStep(session.operation, stage.id, nowMs(session.context)));
  let end: StepEnd;
  try {
    switch (action.type) {
      case "webhook":
        end = yield* webhook(session, stage, action);
        break;
      case "probe":
        end = yield* probe(session, action);
        break;
      case "delay": {
        const waited = yield* orCancel(session, timerIn(session.context, action.seconds));
        end = waited.canceled ? { status: "canceled" } : { status: "succeeded" };
        break;
      }
      case "runbook":
        end = yield* runbook(session, stage, action);
        break;
    }
  } catch (error) {
    end = { status: "failed", error: { code: "ActionFailed", message: errorMessage(error) } };
  }
  const atMs = nowMs(session.context);
  if (end.status === "failed") {
    fail(session, end.error);
    update(session, finishStep(session.operation, stage.id, { status: "failed", atMs, error: end.error }));
  } else {
    update(session, finishStep(session.operation, stage.id, { status: end.status, atMs }));
  }
}

function* webhook(session: Session, stage: ActionStage, action: WebhookAction): Generator<Task, StepEnd, unknown> {
  const input: WebhookInput = {
    action,
    idempotencyKey: `${session.start.operationId}/${stage.id}`,
    planAllowedHosts: session.start.plan.allowedHosts ?? [],
  };
  // One attempt: a webhook may not be idempotent, and the receiver saw the call if it answered at all.
  const called = yield* orCancel<OutboundResult>(session, session.context.df.callActivityWithRetry(ACTIVITY.callWebhook, bookkeepingRetry(), input));
  if (called.canceled) return { status: "canceled" };
  return called.value.ok ? { status: "succeeded" } : { status: "failed", error: { code: "WebhookFailed", message: called.value.problem ?? "the webhook failed" } };
}

function* probe(session: Session, action: ProbeAction): Generator<Task, StepEnd, unknown> {
  const input: ProbeInput = {
    url: action.url,
    expectStatus: action.expectStatus ?? PLAN_DEFAULTS.probeExpectStatus,
    timeoutSeconds: action.timeoutSeconds ?? PLAN_DEFAULTS.probeTimeoutSeconds,
    planAllowedHosts: session.start.plan.allowedHosts ?? [],
  };
  const attempts = (action.retries ?? PLAN_DEFAULTS.probeRetries) + 1;
  let last: OutboundResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const result = yield* orCancel<OutboundResult>(session, session.context.df.callActivityWithRetry(ACTIVITY.probeOnce, bookkeepingRetry(), input));
    if (result.canceled) return { status: "canceled" };
    last = result.value;
    if (last.ok) return { status: "succeeded" };
    if (attempt < attempts) {
      const waited = yield* orCancel(session, timerIn(session.context, PROBE_RETRY_SECONDS * attempt));
      if (waited.canceled) return { status: "canceled" };
    }
  }
  return { status: "failed", error: { code: "ProbeFailed", message: `${last?.problem ?? "the probe failed"} (after ${attempts} attempts)` } };
}

function* runbook(session: Session, stage: ActionStage, action: RunbookAction): Generator<Task, StepEnd, unknown> {
  const { context } = session;
  const input: StartRunbookInput = {
    runbookId: action.runbookId,
    parameters: action.parameters ?? {},
    // The job name is derived from the operation and step, so a second start adopts the first job.
    jobName: runbookJobName(session.start.operationId, stage.id),
  };
  const started = yield* orCancel<RunbookJobStatus>(session, context.df.callActivityWithRetry(ACTIVITY.startRunbook, armRetry(), input));
  if (started.canceled) return { status: "canceled" };
  const deadlineMs = nowMs(context) + (action.timeoutMinutes ?? PLAN_DEFAULTS.runbookTimeoutMinutes) * 60_000;
  let status = started.value;
  while (!status.ended) {
    if (nowMs(context) >= deadlineMs) {
      return { status: "failed", error: { code: "RunbookTimedOut", message: `runbook job ${input.jobName} still ${status.state} at its timeout` } };
    }
    const waited = yield* orCancel(session, timerIn(context, RUNBOOK_POLL_SECONDS));
    if (waited.canceled) return { status: "canceled" };
    status = (yield context.df.callActivityWithRetry(ACTIVITY.readRunbookJob, armRetry(), input)) as RunbookJobStatus;
  }
  return status.succeeded
    ? { status: "succeeded" }
    : { status: "failed", error: { code: "RunbookFailed", message: `runbook job ${input.jobName} ended ${status.state}${status.exception ? `: ${status.exception}` : ""}` } };
}

/** A deterministic GUID-shaped name (Automation job names are GUIDs) from the operation and step. */
export function runbookJobName(operationId: string, stepId: string): string {
  let hex = "";
  for (let seed = 0; hex.length < 32; seed += 1) hex += fnv1a(`${seed}:${operationId}/${stepId}`).toString(16).padStart(8, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
