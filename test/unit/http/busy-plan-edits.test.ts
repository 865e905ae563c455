// A plan cannot be replaced or imported over while an operation of it runs: the next operation (a commit or a
// failback) reads the stored plan, so an item removed mid-failover would silently be left out of it.
import type { Plan, ProblemDetails } from "@standby/client/contract";
import { importPlan } from "../../../functions/http/handlers/import-plan";
import { putPlan } from "../../../functions/http/handlers/plans";
import { startOperationHandler } from "../../../functions/http/handlers/start-operation";
import { runHandler } from "../../../functions/http/routes";
import { apiRequest, fakeDependencies, validPlan, type TestDependencies } from "./fakes";

let deps: TestDependencies;
let runningId: string;

const ASR_PLAN = {
  name: "rp-shop",
  properties: {
    groups: [
      { groupType: "Shutdown", replicationProtectedItems: [] },
      { groupType: "Failover", replicationProtectedItems: [] },
      { groupType: "Boot", replicationProtectedItems: [{ id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/vault/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/db-1" }] },
    ],
  },
};

beforeEach(async () => {
  deps = fakeDependencies();
  await deps.plans.put(validPlan("shop"));
  deps.recoveryPlans.set("rp-shop", ASR_PLAN);
  const started = await runHandler(startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan: "shop" }, json: { mode: "planned", reason: "region down" } }), deps);
  expect(started.status).toBe(202);
  runningId = (started.body as { id: string }).id;
});

const withoutWeb = (): Plan => ({ ...validPlan("shop"), groups: [{ name: "db", items: ["db-1", "db-2"] }] });

function expectBusyRefusal(answer: { status: number; headers?: Record<string, string>; body?: unknown }): void {
  expect(answer.status).toBe(409);
  expect(answer.headers?.["Content-Type"]).toBe("application/problem+json");
  expect(answer.body).toMatchObject({ type: expect.stringMatching(/OperationConflict$/), operationId: runningId, detail: expect.stringContaining(runningId) });
}

describe("while an operation of the plan runs", () => {
  it("refuses a PUT that replaces the plan with 409 naming the operation, keeping the stored plan", async () => {
    const before = await deps.plans.get("shop");
    const answer = await runHandler(putPlan, apiRequest({ method: "PUT", params: { plan: "shop" }, json: withoutWeb() }), deps);
    expectBusyRefusal(answer);
    expect(await deps.plans.get("shop")).toEqual(before);
  });

  it("refuses it under a matching If-Match too: the ETag says nothing about a running operation", async () => {
    const before = await deps.plans.get("shop");
    const answer = await runHandler(putPlan, apiRequest({ method: "PUT", params: { plan: "shop" }, json: withoutWeb(), headers: { "if-match": before?.etag as string } }), deps);
    expectBusyRefusal(answer);
    expect(await deps.plans.get("shop")).toEqual(before);
  });

  it("refuses an import over the plan with 409 naming the operation, keeping the stored plan", async () => {
    const before = await deps.plans.get("shop");
    const answer = await runHandler(
      importPlan,
      apiRequest({ method: "POST", params: { plan: "shop" }, json: { vault: validPlan().vault, recoveryPlanName: "rp-shop" } }),
      deps,
    );
    expectBusyRefusal(answer);
    expect(await deps.plans.get("shop")).toEqual(before);
  });

  it("still answers 400 to an invalid body first: the caller learns what is wrong with it", async () => {
    const answer = await runHandler(putPlan, apiRequest({ method: "PUT", params: { plan: "shop" }, json: { name: "shop" } }), deps);
    expect(answer.status).toBe(400);
    expect((answer.body as ProblemDetails).type).toMatch(/PlanInvalid$/);
  });

  it("creates another plan, and imports into another plan, as usual", async () => {
    expect((await runHandler(putPlan, apiRequest({ method: "PUT", params: { plan: "other" }, json: validPlan("other") }), deps)).status).toBe(201);
    const imported = await runHandler(
      importPlan,
      apiRequest({ method: "POST", params: { plan: "imported" }, json: { vault: validPlan().vault, recoveryPlanName: "rp-shop" } }),
      deps,
    );
    expect(imported.status).toBe(201);
  });
});

describe("once the operation has ended", () => {
  it("accepts the replacement and the import", async () => {
    deps.engine.instances.set(runningId, { runtimeStatus: "Completed" });
    expect((await runHandler(putPlan, apiRequest({ method: "PUT", params: { plan: "shop" }, json: withoutWeb() }), deps)).status).toBe(200);
    expect((await deps.plans.get("shop"))?.plan.groups).toHaveLength(1);
    const imported = await runHandler(
      importPlan,
      apiRequest({ method: "POST", params: { plan: "shop" }, json: { vault: validPlan().vault, recoveryPlanName: "rp-shop" } }),
      deps,
    );
    expect(imported.status).toBe(200);
  });
});
