// The drill probes: HTTP checks against the test instances once every group is up in the test network. Unlike a
// failover's probes, every probe runs even after one failed, so the report shows the whole picture. Each probe is
// tried again on durable timers (a test copy may need a moment to answer) and listens for cancel between tries.
import type { Task } from "durable-functions";
import { PLAN_DEFAULTS, type ProbeAction } from "@standby/client/contract";
import type { OutboundResult, ProbeInput } from "../activities/contracts";
import { ACTIVITY } from "../activities/names";
import type { ProbeEvidence } from "../core/drill/evidence";
import { finishStep, startStep } from "../core/operation/progress";
import { describeAction } from "../core/plan/sequence";
import { bookkeepingRetry, nowMs, timerIn } from "./durable";
import { fail, orCancel, update, type Session } from "./session";
import { PROBE_RETRY_SECONDS } from "./stages/action-stage";

export function* runDrillProbes(session: Session, probes: readonly ProbeAction[]): Generator<Task, ProbeEvidence[], unknown> {
  const evidence: ProbeEvidence[] = [];
  for (const [index, probe] of probes.entries()) {
    const result = yield* runProbe(session, probe, `drill/probes/${index}`);
    if (result === undefined) break;
    evidence.push(result);
  }
  return evidence;
}

/** One probe to its end; undefined when the drill was canceled before it answered. */
function* runProbe(session: Session, probe: ProbeAction, stepId: string): Generator<Task, ProbeEvidence | undefined, unknown> {
  const { context } = session;
  const name = probe.name ?? describeAction(probe);
  const startedAtMs = nowMs(context);
  update(session, startStep(session.operation, stepId, startedAtMs));
  const input: ProbeInput = {
    url: probe.url,
    expectStatus: probe.expectStatus ?? PLAN_DEFAULTS.probeExpectStatus,
    timeoutSeconds: probe.timeoutSeconds ?? PLAN_DEFAULTS.probeTimeoutSeconds,
    planAllowedHosts: session.start.plan.allowedHosts ?? [],
  };
  const attempts = (probe.retries ?? PLAN_DEFAULTS.probeRetries) + 1;
  let last: OutboundResult = { ok: false, problem: "the probe did not run" };
  let made = 0;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const answer = yield* orCancel<OutboundResult>(session, context.df.callActivityWithRetry(ACTIVITY.probeOnce, bookkeepingRetry(), input));
    if (answer.canceled) return undefined;
    made = attempt;
    last = answer.value;
    if (last.ok || attempt === attempts) break;
    const waited = yield* orCancel(session, timerIn(context, PROBE_RETRY_SECONDS * attempt));
    if (waited.canceled) return undefined;
  }
  const endedAtMs = nowMs(context);
  const evidence: ProbeEvidence = {
    name,
    url: probe.url,
    passed: last.ok,
    attempts: made,
    startedAtMs,
    endedAtMs,
    ...(last.status === undefined ? {} : { statusCode: last.status }),
    ...(last.ok ? {} : { message: `${last.problem ?? "the probe failed"} (after ${made} attempts)` }),
  };
  if (last.ok) {
    update(session, finishStep(session.operation, stepId, { status: "succeeded", atMs: endedAtMs }));
  } else {
    const error = { code: "ProbeFailed", message: evidence.message as string };
    fail(session, error);
    update(session, finishStep(session.operation, stepId, { status: "failed", atMs: endedAtMs, error }));
  }
  return evidence;
}
