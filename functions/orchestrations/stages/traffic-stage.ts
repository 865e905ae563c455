// The Traffic Manager switch, then a read-back: the step succeeds only when the profile shows the endpoints as
// wanted, since a PATCH that ARM accepted is not yet proof of what the profile now routes to.
import type { Task } from "durable-functions";
import type { PlanTraffic } from "@standby/client/contract";
import type { TrafficEndpointStatus, TrafficSwitchInput } from "../../activities/contracts";
import { ACTIVITY } from "../../activities/names";
import { finishStep, startStep } from "../../core/operation/progress";
import type { TrafficStage } from "../../core/plan/sequence";
import { armRetry, errorMessage, nowMs } from "../durable";
import { fail, update, type Session } from "../session";

export function* runTrafficStage(session: Session, stage: TrafficStage): Generator<Task, void, unknown> {
  const { context } = session;
  const traffic = session.start.plan.traffic as PlanTraffic;
  update(session, startStep(session.operation, stage.id, nowMs(context)));
  const input: TrafficSwitchInput = {
    profile: traffic.profile,
    activate: stage.activate,
    primaryEndpoint: traffic.primaryEndpoint,
    standbyEndpoint: traffic.standbyEndpoint,
  };
  let problem: string | undefined;
  try {
    yield context.df.callActivityWithRetry(ACTIVITY.switchTraffic, armRetry(), input);
    const endpoints = (yield context.df.callActivityWithRetry(ACTIVITY.readTraffic, armRetry(), { profile: traffic.profile })) as TrafficEndpointStatus[];
    problem = trafficProblem(endpoints, input);
  } catch (error) {
    problem = `the switch failed: ${errorMessage(error)}`;
  }
  const atMs = nowMs(context);
  if (problem === undefined) {
    update(session, finishStep(session.operation, stage.id, { status: "succeeded", atMs }));
    return;
  }
  const error = { code: "TrafficNotSwitched", message: problem };
  fail(session, error);
  update(session, finishStep(session.operation, stage.id, { status: "failed", atMs, error }));
}

/** What the read-back shows wrong, or undefined when the endpoints are as the switch wanted them. */
export function trafficProblem(endpoints: readonly TrafficEndpointStatus[], input: TrafficSwitchInput): string | undefined {
  const status = (name: string) => endpoints.find((endpoint) => endpoint.name.toLowerCase() === name.toLowerCase())?.endpointStatus?.toLowerCase();
  const wanted: [string, string][] =
    input.activate === "standby"
      ? [[input.standbyEndpoint, "enabled"], [input.primaryEndpoint, "disabled"]]
      : [[input.primaryEndpoint, "enabled"]];
  const wrong = wanted.filter(([name, want]) => status(name) !== want);
  if (wrong.length === 0) return undefined;
  return `after the switch the profile shows ${wrong.map(([name, want]) => `${name} ${status(name) ?? "missing"} (wanted ${want})`).join(", ")}`;
}
