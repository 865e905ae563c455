// `GET /health` and `GET /plans/{plan}/health`: every plan's replication health as of the latest sweep, with the
// snapshot's time and age (a stale snapshot must look stale). A plan the sweep has not seen yet is "unknown" with no
// time. Beyond the contract's fields each plan carries the RPO trend, the RPO SLO and its plan-level problems.
import type { EstateHealth, PlanHealth, Plan } from "@standby/client/contract";
import type { HealthSnapshot, StoredPlanHealth } from "../../activities/health/health-snapshot";
import { planNotFound } from "../../core/errors";
import type { RouteHandler } from "../dependencies";
import { planNameParam } from "../request-input";
import { allStoredPlans } from "../../activities/storage/all-stored-plans";

export type HealthSnapshotReader = () => Promise<HealthSnapshot | undefined>;

export type PlanHealthView = PlanHealth & Partial<Pick<StoredPlanHealth, "rpoTrend" | "rpoSlo" | "problems">>;

export function getHealthHandler(readSnapshot: HealthSnapshotReader): RouteHandler {
  return async (_request, deps) => {
    const snapshot = await readSnapshot();
    const plans: Plan[] = [];
    for await (const stored of allStoredPlans(deps.plans)) plans.push(stored.plan);
    const body: EstateHealth & { ageSeconds: number | null } = {
      asOf: snapshot?.asOf ?? null,
      ageSeconds: ageSeconds(snapshot, deps.now()),
      plans: plans.map((plan) => planHealthView(plan, snapshot, deps.now())),
    };
    return { status: 200, body };
  };
}

export function getPlanHealthHandler(readSnapshot: HealthSnapshotReader): RouteHandler {
  return async (request, deps) => {
    const name = planNameParam(request);
    const stored = await deps.plans.get(name);
    if (stored === undefined) throw planNotFound(name);
    return { status: 200, body: planHealthView(stored.plan, await readSnapshot(), deps.now()) };
  };
}

export function planHealthView(plan: Plan, snapshot: HealthSnapshot | undefined, nowMs: number): PlanHealthView {
  const swept = snapshot?.plans.find((candidate) => candidate.plan === plan.name);
  if (snapshot === undefined || swept === undefined) {
    return { plan: plan.name, status: "unknown", rpoObjectiveSeconds: plan.objectives.rpoSeconds, worstRpoSeconds: null, asOf: null, ageSeconds: null, items: [] };
  }
  return {
    plan: plan.name,
    status: swept.status,
    rpoObjectiveSeconds: swept.rpoObjectiveSeconds,
    worstRpoSeconds: swept.worstRpoSeconds,
    asOf: snapshot.asOf,
    ageSeconds: ageSeconds(snapshot, nowMs),
    items: swept.items,
    rpoTrend: swept.rpoTrend,
    rpoSlo: swept.rpoSlo,
    problems: swept.problems,
  };
}

function ageSeconds(snapshot: HealthSnapshot | undefined, nowMs: number): number | null {
  // Never negative: the sweep's clock (the orchestration's) may run slightly ahead of this process's.
  return snapshot === undefined ? null : Math.max(0, Math.round((nowMs - Date.parse(snapshot.asOf)) / 1000));
}
