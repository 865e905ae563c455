// `POST /plans/{plan}/validate`: the plan's readiness against live Site Recovery and Traffic Manager state.
import { assessReadiness } from "../../core/readiness";
import { planNotFound } from "../../core/errors";
import { readFromArm } from "../arm-failure";
import type { RouteHandler } from "../dependencies";
import { planNameParam } from "../request-input";

export const validatePlanReadiness: RouteHandler = async (request, deps) => {
  const name = planNameParam(request);
  const stored = await deps.plans.get(name);
  if (stored === undefined) throw planNotFound(name);
  const state = await readFromArm(() => deps.readLiveState(stored.plan));
  return { status: 200, body: assessReadiness(stored.plan, state, deps.now()) };
};
