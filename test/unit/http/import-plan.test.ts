// Import of an ASR recovery plan with fakes: groups and actions carried over, the import's warnings and notes in
// the answer, script actions refused with 422 and pointers into the ASR plan, an existing plan keeping its own
// settings, and the ETag rules of PUT.
import type { PlanImportResult, ProblemDetails } from "@standby/client/contract";
import { importPlan } from "../../../functions/http/handlers/import-plan";
import { runHandler } from "../../../functions/http/routes";
import { apiRequest, fakeDependencies, validPlan, type TestDependencies } from "./fakes";

const vault = { subscriptionId: "00000000-0000-0000-0000-000000000001", resourceGroup: "rg", name: "vault" };
const itemId = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/vault/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/${name}`;

const asrPlan = (extraActions: unknown[] = []) => ({
  name: "erp",
  properties: {
    groups: [
      { groupType: "Shutdown", replicationProtectedItems: [] },
      { groupType: "Failover", replicationProtectedItems: [] },
      {
        groupType: "Boot",
        replicationProtectedItems: [{ id: itemId("db-1") }],
        endGroupActions: [{ actionName: "check", failoverTypes: ["PlannedFailover"], customDetails: { instanceType: "ManualActionDetails", description: "Is the DB up?" } }, ...extraActions],
      },
      { groupType: "Boot", replicationProtectedItems: [{ id: itemId("web-1") }] },
    ],
  },
});

let deps: TestDependencies;

beforeEach(() => {
  deps = fakeDependencies();
});

const run = (json: unknown, headers: Record<string, string> = {}) =>
  runHandler(importPlan, apiRequest({ method: "POST", params: { plan: "erp" }, json, headers }), deps);

describe("POST /plans/{plan}/import", () => {
  it("stores the recovery plan's groups, items and actions as a new plan", async () => {
    deps.recoveryPlans.set("erp-plan", asrPlan());
    const answer = await run({ vault, recoveryPlanName: "erp-plan" });
    expect(answer.status).toBe(201);
    const { plan } = answer.body as PlanImportResult;
    expect(plan.groups.map((group) => [group.name, group.items])).toEqual([
      ["group-1", ["db-1"]],
      ["group-2", ["web-1"]],
    ]);
    expect(plan.groups[0]?.after?.[0]).toMatchObject({ type: "approval", prompt: "Is the DB up?", onTimeout: "reject" });
    expect(deps.plans.plans.get("erp")?.plan).toEqual(plan);
  });

  it("keeps an existing plan's own settings and replaces only vault and groups, under If-Match", async () => {
    deps.recoveryPlans.set("erp-plan", asrPlan());
    const existing = { ...validPlan("erp"), objectives: { rpoSeconds: 60, rtoSeconds: 600 }, description: "mine" };
    const { etag } = await deps.plans.put(existing);
    const stale = await run({ vault, recoveryPlanName: "erp-plan" }, { "if-match": '"other"' });
    expect(stale.status).toBe(412);
    const answer = await run({ vault, recoveryPlanName: "erp-plan" }, { "if-match": etag });
    expect(answer.status).toBe(200);
    expect((answer.body as PlanImportResult).plan).toMatchObject({
      description: "mine",
      objectives: { rpoSeconds: 60, rtoSeconds: 600 },
      groups: [{ name: "group-1" }, { name: "group-2" }],
    });
  });

  it("answers with what the import left out or chose, located in the ASR plan and in the stored plan", async () => {
    const drillOnly = { actionName: "drill note", failoverTypes: ["TestFailover"], customDetails: { instanceType: "ManualActionDetails", description: "Note it" } };
    deps.recoveryPlans.set("erp-plan", asrPlan([drillOnly]));
    const answer = await run({ vault, recoveryPlanName: "erp-plan" });
    expect(answer.status).toBe(201);
    const { plan, findings } = answer.body as PlanImportResult;
    expect(findings).toEqual([
      {
        code: "ApprovalTimeoutChosen",
        severity: "info",
        message: expect.stringContaining('"check"'),
        recoveryPlanPointer: "/properties/groups/2/endGroupActions/0",
        pointer: "/groups/0/after/0",
      },
      {
        code: "ActionNarrowed",
        severity: "warning",
        message: expect.stringContaining('"drill note" ran only for testfailover'),
        recoveryPlanPointer: "/properties/groups/2/endGroupActions/1",
      },
    ]);
    expect(plan.groups[0]?.after).toHaveLength(1);
    expect(deps.plans.plans.get("erp")?.plan).toEqual(plan);
  });

  it("answers with no findings when everything carried over as it was", async () => {
    const plain = asrPlan();
    plain.properties.groups[2]!.endGroupActions = [];
    deps.recoveryPlans.set("erp-plan", plain);
    const answer = await run({ vault, recoveryPlanName: "erp-plan" });
    expect(answer.status).toBe(201);
    expect((answer.body as PlanImportResult).findings).toEqual([]);
  });

  it("refuses with 422 what cannot be carried over, locating it in the ASR plan, and stores nothing", async () => {
    deps.recoveryPlans.set("erp-plan", asrPlan([{ actionName: "vmm script", customDetails: { instanceType: "ScriptActionDetails", path: "c:\\x.ps1" } }]));
    const answer = await run({ vault, recoveryPlanName: "erp-plan" });
    expect(answer.status).toBe(422);
    const problem = answer.body as ProblemDetails;
    expect(problem.type).toMatch(/ImportUnsupported$/);
    expect(problem.errors).toEqual([{ pointer: "/properties/groups/2/endGroupActions/1", message: expect.stringContaining("vmm script") }]);
    expect(deps.plans.plans.size).toBe(0);
  });

  it("answers 404 for a recovery plan the vault does not have, and 400 for a malformed request", async () => {
    expect((await run({ vault, recoveryPlanName: "nope" })).status).toBe(404);
    const bad = await run({ vault: { name: 3 }, recoveryPlan: "x" });
    expect(bad.status).toBe(400);
    expect(((bad.body as ProblemDetails).errors ?? []).map((error) => error.pointer)).toEqual(
      expect.arrayContaining(["/vault/name", "/vault/subscriptionId", "/recoveryPlanName"]),
    );
  });
});
