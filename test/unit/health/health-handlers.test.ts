import type { EstateHealth } from "@standby/client/contract";
import type { HealthSnapshot } from "../../../functions/activities/health/health-snapshot";
import { NOTHING_ANNOUNCED } from "../../../functions/core/alerts/health-alerts";
import { evaluatePlanHealth } from "../../../functions/core/health/evaluate";
import { getHealthHandler, getPlanHealthHandler, type PlanHealthView } from "../../../functions/http/handlers/health";
import { runHandler } from "../../../functions/http/routes";
import { apiRequest, fakeDependencies, NOW_MS } from "../http/fakes";
import { plan, sweptItem } from "./fixtures";

function snapshotAt(asOfMs: number): HealthSnapshot {
  const evaluation = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { rpoSeconds: 200 }), sweptItem("web-1")], atMs: asOfMs });
  return { sweepId: "s", asOf: new Date(asOfMs).toISOString(), vaults: [], plans: [{ ...evaluation, announced: NOTHING_ANNOUNCED, alerts: [] }] };
}

describe("health routes", () => {
  it("answer a plan's health from the snapshot with its age, trend and SLO", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(plan());
    const handler = getPlanHealthHandler(async () => snapshotAt(NOW_MS - 90_000));
    const answer = await runHandler(handler, apiRequest({ params: { plan: "shop" } }), deps);
    expect(answer.status).toBe(200);
    const body = answer.body as PlanHealthView;
    expect(body).toMatchObject({ plan: "shop", status: "healthy", worstRpoSeconds: 200, rpoObjectiveSeconds: 300, ageSeconds: 90, asOf: new Date(NOW_MS - 90_000).toISOString() });
    expect(body.items).toHaveLength(2);
    expect(body.rpoSlo).toMatchObject({ targetShare: 0.99, burning: false });
    expect(body.rpoTrend).toBe("unknown");
  });

  it("answer unknown with no time for a plan no sweep has seen, and 404 for no plan", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(plan({ name: "fresh" }));
    const handler = getPlanHealthHandler(async () => snapshotAt(NOW_MS));
    expect((await runHandler(handler, apiRequest({ params: { plan: "fresh" } }), deps)).body).toEqual({
      plan: "fresh",
      status: "unknown",
      rpoObjectiveSeconds: 300,
      worstRpoSeconds: null,
      asOf: null,
      ageSeconds: null,
      items: [],
    });
    expect((await runHandler(handler, apiRequest({ params: { plan: "gone" } }), deps)).status).toBe(404);
    expect((await runHandler(handler, apiRequest({ params: { plan: "../x" } }), deps)).status).toBe(400);
  });

  it("list every plan on GET /health, and never report a negative age", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(plan());
    await deps.plans.put(plan({ name: "blog" }));
    const answer = await runHandler(getHealthHandler(async () => snapshotAt(NOW_MS + 5_000)), apiRequest(), deps);
    const body = answer.body as EstateHealth & { ageSeconds: number };
    expect(body.plans.map((entry) => [entry.plan, entry.status])).toEqual([
      ["blog", "unknown"],
      ["shop", "healthy"],
    ]);
    expect(body.ageSeconds).toBe(0);
    const empty = await runHandler(getHealthHandler(async () => undefined), apiRequest(), deps);
    expect(empty.body).toMatchObject({ asOf: null, ageSeconds: null });
  });
});
