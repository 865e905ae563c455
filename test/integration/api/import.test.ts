// Import of the emulator's ASR recovery plan through the real app and the real Site Recovery client.
import type { Plan, PlanImportResult, Readiness } from "@standby/client/contract";
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;
let vault: { subscriptionId: string; resourceGroup: string; name: string };
let shopPlanFirstBoot: number;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const estate = (await lab.control<{ subscriptionId: string; resourceGroup: string; vaults: { name: string }[] }>("GET", "/_emulator/estate")).body;
  vault = { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name as string };
  // The shop's recovery plan has no actions; give its first boot group one that ASR runs only in test failovers, as
  // operators' plans often have. The emulator serves the estate it holds, so Site Recovery answers with the action.
  const shopPlan = lab.emulator.estate.vaults[0]?.recoveryPlans.find((plan) => plan.name === "shop-plan");
  const firstBoot = shopPlan?.groups.findIndex((group) => group.groupType === "Boot") ?? -1;
  if (shopPlan === undefined || firstBoot < 0) throw new Error("the shop estate no longer has shop-plan with a boot group");
  shopPlanFirstBoot = firstBoot;
  shopPlan.groups[firstBoot]!.startGroupActions = [
    { actionName: "Note drill start", failoverTypes: ["TestFailover"], failoverDirections: ["PrimaryToRecovery"], customDetails: { instanceType: "ManualActionDetails", description: "Drill started" } },
  ];
});

afterAll(async () => {
  await lab?.stop();
});

describe("POST /plans/{plan}/import", () => {
  it("creates the plan from the recovery plan's boot groups, in ASR's order, and the plan validates", async () => {
    const answer = await api<PlanImportResult>(lab, "POST", "/plans/imported/import", { json: { vault, recoveryPlanName: "shop-plan" }, headers: { "if-none-match": "*" } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("etag")).toBeTruthy();
    expect(answer.body.plan.groups.map((group) => group.name)).toEqual(["group-1", "group-2", "group-3"]);
    expect(answer.body.plan.groups.every((group) => group.items.length === 2)).toBe(true);
    const stored = await api<Plan>(lab, "GET", "/plans/imported");
    expect(stored.headers.get("etag")).toBe(answer.headers.get("etag"));
    expect(stored.body).toEqual(answer.body.plan);
    const readiness = await api<Readiness>(lab, "POST", "/plans/imported/validate");
    expect(readiness.body.findings.filter((finding) => finding.code === "ItemNotFound")).toEqual([]);
  });

  it("says in the answer that the test-failover-only action was left out, pointing at it in the recovery plan", async () => {
    const answer = await api<PlanImportResult>(lab, "POST", "/plans/imported/import", { json: { vault, recoveryPlanName: "shop-plan" } });
    expect(answer.status).toBe(200);
    expect(answer.body.findings).toEqual([
      {
        code: "ActionNarrowed",
        severity: "warning",
        message: expect.stringMatching(/^"Note drill start" ran only for testfailover in ASR; .*left out\.$/),
        recoveryPlanPointer: `/properties/groups/${shopPlanFirstBoot}/startGroupActions/0`,
      },
    ]);
    expect(answer.body.plan.groups.every((group) => group.before === undefined && group.after === undefined)).toBe(true);
  });

  it("refuses to create it twice with If-None-Match: *", async () => {
    const again = await api(lab, "POST", "/plans/imported/import", { json: { vault, recoveryPlanName: "shop-plan" }, headers: { "if-none-match": "*" } });
    expect(again.status).toBe(412);
  });

  it("answers 404 problem+json for a recovery plan the vault does not have", async () => {
    const answer = await api(lab, "POST", "/plans/other/import", { json: { vault, recoveryPlanName: "no-such-plan" } });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain("application/problem+json");
    expect((await api(lab, "GET", "/plans/other")).status).toBe(404);
  });
});

describe("POST /plans/{plan}/import of a recovery plan with a script action", () => {
  let hybrid: Lab;

  beforeAll(async () => {
    hybrid = await startLab({ estate: "hybrid" });
  });

  afterAll(async () => {
    await hybrid?.stop();
  });

  it("refuses with 422, locating the script action in the ASR plan, and stores nothing", async () => {
    const estate = (await hybrid.control<{ subscriptionId: string; resourceGroup: string; vaults: { name: string }[] }>("GET", "/_emulator/estate")).body;
    const hybridVault = { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name as string };
    const answer = await api<{ type: string; errors: { pointer: string; message: string }[] }>(hybrid, "POST", "/plans/erp/import", {
      json: { vault: hybridVault, recoveryPlanName: "erp-plan" },
    });
    expect(answer.status).toBe(422);
    expect(answer.contentType).toContain("application/problem+json");
    expect(answer.body.type).toMatch(/ImportUnsupported$/);
    expect(answer.body.errors).toEqual([{ pointer: expect.stringMatching(/^\/properties\/groups\/\d+\/startGroupActions\/0$/), message: expect.stringContaining("FlushErpQueues") }]);
    expect((await api(hybrid, "GET", "/plans/erp")).status).toBe(404);
  });
});
