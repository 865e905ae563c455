// Plans as code: list (paged), get with ETag, create or replace (validated first; every error with its JSON
// pointer), delete. Writes honour If-Match / If-None-Match so concurrent editors cannot overwrite each other, and
// neither a replacement nor a deletion is accepted while an operation of the plan runs (409 naming it).
import { API_BASE_PATH } from "@standby/client/contract";
import { operationConflict, planInvalid, planNotFound } from "../../core/errors";
import { validatePlan } from "../../core/plan/validate";
import type { ApiResponse } from "../api-types";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import { holderState } from "../operation-engine";
import { nextLink, pageQuery, planNameParam, readJsonBody } from "../request-input";

export const listPlans: RouteHandler = async (request, deps) => {
  const page = await deps.plans.list(pageQuery(request));
  const link = nextLink(request, page.continuationToken);
  return { status: 200, body: { value: page.plans.map((stored) => stored.plan), ...(link ? { nextLink: link } : {}) } };
};

export const getPlan: RouteHandler = async (request, deps) => {
  const name = planNameParam(request);
  const stored = await deps.plans.get(name);
  if (stored === undefined) throw planNotFound(name);
  return { status: 200, headers: { ETag: stored.etag }, body: stored.plan };
};

export const putPlan: RouteHandler = async (request, deps) => {
  const name = planNameParam(request);
  const validation = validatePlan(await readJsonBody(request), { expectedName: name, allowLoopback: deps.allowLoopbackTargets, appAllowedHosts: deps.allowedHosts });
  if (!validation.ok) throw planInvalid(validation.errors);
  await refuseWhileBusy(name, deps);
  const ifMatch = request.header("if-match");
  const ifNoneMatch = request.header("if-none-match");
  const written = await deps.plans.put(validation.plan, {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
  });
  return planWritten(validation.plan, written);
};

export const deletePlan: RouteHandler = async (request, deps) => {
  const name = planNameParam(request);
  await refuseWhileBusy(name, deps);
  const ifMatch = request.header("if-match");
  await deps.plans.delete(name, ifMatch === undefined ? {} : { ifMatch });
  return { status: 204 };
};

/**
 * Refuses a change to a plan while an operation of it runs: the workflows act on the plan as it was at their start,
 * but the next operation (a commit or failback after a failover) reads the stored plan, so an item removed
 * meanwhile would silently be left out of it. The check is made right before the write to keep the window in which
 * a starter could slip in between the two as short as the write itself.
 */
export async function refuseWhileBusy(name: string, deps: Pick<ApiDependencies, "lock" | "engine">): Promise<void> {
  const holder = await deps.lock.activeHolder(name, (id) => holderState(deps.engine, id));
  if (holder !== undefined) throw operationConflict(name, holder.operationId);
}

export function planWritten(plan: { name: string }, written: { etag: string; created: boolean }): ApiResponse {
  return {
    status: written.created ? 201 : 200,
    headers: { ETag: written.etag, ...(written.created ? { Location: `${API_BASE_PATH}/plans/${plan.name}` } : {}) },
    body: plan,
  };
}
