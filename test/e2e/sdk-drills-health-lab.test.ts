// Drills, replication health and approval decisions through the SDK against the real app in the local host (ARM
// emulator, Azurite, virtual clock): drill evidence and its HTML report, drill lists by page, health as of the
// latest sweep, and an approval step approved and then rejected. Every document served is checked against the
// contract both ways (types right, no field left undescribed). Nothing is faked; the client is the published one.
import { AzureKeyCredential, StandbyClient, getProblemDetails, type Operation, type Plan } from "@standby/client";
import { DrillSchema, DrillSummarySchema, EstateHealthSchema, PlanHealthSchema } from "@standby/client/contract";
import { drillPlan, testInstanceProbe } from "../integration/drills/drill-lab";
import { sweepMinutes } from "../integration/health/monitor-lab";
import { startLab, type Lab } from "../support/lab";
import { caught } from "../unit/sdk/fixtures";
import { contractMismatches } from "./sdk-contract-check";
import { driveUntilDone } from "./sdk-lab-time";

jest.setTimeout(600_000);

let lab: Lab;
let client: StandbyClient;
let plan: Plan;

function planItems(): string[] {
  return plan.groups.flatMap((group) => group.items).sort();
}

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
  const drilled = await drillPlan(lab, { probes: [await testInstanceProbe(lab, "db"), await testInstanceProbe(lab, "web")] });
  plan = await client.createOrUpdatePlan(drilled as Plan);
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe("replication health through the SDK", () => {
  it("reads one plan's health per item as of the latest sweep, and the same plan in the estate's health", async () => {
    const swept = await sweepMinutes(lab, "shop", 2);
    const health = await client.getPlanHealth("shop");
    expect(health).toMatchObject({ plan: "shop", status: "healthy", rpoObjectiveSeconds: plan.objectives.rpoSeconds, asOf: swept.asOf });
    expect(health.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(health.items.map((item) => item.item).sort()).toEqual(planItems());
    const rpos = health.items.map((item) => item.rpoSeconds);
    expect(rpos.every((rpo) => typeof rpo === "number" && rpo <= plan.objectives.rpoSeconds)).toBe(true);
    expect(health.worstRpoSeconds).toBe(Math.max(...(rpos as number[])));

    const estate = await client.getHealth();
    expect(estate.asOf).toBe(swept.asOf);
    expect(estate.plans.map((entry) => entry.plan)).toEqual(["shop"]);
    // The clock has not moved since: the estate's view of the plan is the plan's own.
    expect(estate.plans[0]).toEqual(health);
    expect(estate.ageSeconds).toBe(health.ageSeconds);
    expect(health.rpoSlo).toMatchObject({ targetShare: 0.99, burning: false });
    expect(health.rpoTrend).toBeDefined();
    expect(health.problems).toEqual([]);
    expect(contractMismatches(PlanHealthSchema, health)).toEqual([]);
    expect(contractMismatches(EstateHealthSchema, estate)).toEqual([]);
    // The check is not vacuous: a field the contract does not name is reported.
    expect(contractMismatches(PlanHealthSchema, { ...health, surprise: 1 })).toEqual(["/surprise: served, but not in the contract"]);
  });

  it("answers a plan that does not exist with a 404 RestError carrying the problem", async () => {
    const error = await caught(client.getPlanHealth("nowhere"));
    expect(error).toMatchObject({ name: "RestError", statusCode: 404 });
    expect(getProblemDetails(error)?.detail).toMatch(/nowhere/);
  });
});

describe("drills through the SDK", () => {
  const drills: Operation[] = [];

  async function drill(reason: string): Promise<Operation> {
    const poller = await client.beginDrill("shop", { reason });
    const seen: Operation[] = [];
    poller.onProgress((state) => state.operation && seen.push(state.operation));
    const started = poller.getOperationState().operation as Operation;
    expect(started).toMatchObject({ plan: "shop", kind: "drill", reason });
    const final = await driveUntilDone(lab, poller);
    expect(seen.some((operation) => operation.steps.some((step) => step.status === "running"))).toBe(true);
    drills.push(final);
    return final;
  }

  it("runs a drill under beginDrill's poller, and shows it as running through getDrill before it ends", async () => {
    const poller = await client.beginDrill("shop", { reason: "sdk e2e: first" });
    const id = poller.getOperationState().operation?.id as string;
    const running = await client.getDrill(id);
    expect(running).toMatchObject({ id, operationId: id, plan: "shop", status: "running", cleanup: "pending", items: [], probes: [] });
    expect(contractMismatches(DrillSchema, running)).toEqual([]);
    const final = await driveUntilDone(lab, poller);
    expect(final).toMatchObject({ id, kind: "drill", status: "succeeded" });
    expect(final.result?.rtoSeconds).toBeGreaterThan(0);
    drills.push(final);
  });

  it("reads the drill's evidence: every item failed over and cleaned up, every probe passed, the measured RTO", async () => {
    const [first] = drills;
    const evidence = await client.getDrill(first?.id as string);
    expect(evidence).toMatchObject({
      id: first?.id,
      operationId: first?.id,
      plan: "shop",
      status: "succeeded",
      cleanup: "succeeded",
      itemsTotal: planItems().length,
      itemsSucceeded: planItems().length,
      probesPassed: 2,
      probesFailed: 0,
      rtoSeconds: first?.result?.rtoSeconds,
      reportUrl: `/api/v1/drills/${first?.id}/report.html`,
    });
    expect(evidence.items.map((item) => item.item).sort()).toEqual(planItems());
    expect(evidence.items.every((item) => item.status === "succeeded" && item.recoveryPointTime !== undefined)).toBe(true);
    expect(evidence.probes.map((probe) => [probe.passed, probe.statusCode])).toEqual([
      [true, 200],
      [true, 200],
    ]);
    expect(evidence.integrity?.intact).toBe(true);
    expect(evidence.groups?.map((group) => group.name)).toEqual(["db", "app", "web"]);
    expect(evidence.timeline?.spanSeconds).toBe(evidence.rtoSeconds);
    expect(evidence.cleanupVerification).toMatchObject({ clean: true, verified: true, leftovers: [] });
    expect(evidence.reason).toBe("sdk e2e: first");
    expect(contractMismatches(DrillSchema, evidence)).toEqual([]);
  });

  it("gets the drill's report as its HTML page", async () => {
    const id = drills[0]?.id as string;
    const html = await client.getDrillReportHtml(id);
    expect(typeof html).toBe("string");
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(`<title>Drill ${id} of plan shop</title>`);
    expect(html).toContain(`<svg id="timeline"`);
  });

  it("pages through the drills newest first, one plan's or all, and resumes from a page's continuation token", async () => {
    const second = await drill("sdk e2e: second");
    const expected = [second.id, drills[0]?.id];

    const pages: string[][] = [];
    const tokens: (string | undefined)[] = [];
    for await (const page of client.listDrills({ plan: "shop" }).byPage({ maxPageSize: 1 })) {
      pages.push(page.map((entry) => entry.id));
      tokens.push(page.continuationToken);
    }
    expect(pages).toEqual([[expected[0]], [expected[1]]]);
    expect(tokens[0]).toBeTruthy();

    const rest: string[] = [];
    for await (const page of client.listDrills({ plan: "shop" }).byPage({ continuationToken: tokens[0], maxPageSize: 1 })) {
      rest.push(...page.map((entry) => entry.id));
    }
    expect(rest).toEqual([expected[1]]);

    const all: string[] = [];
    for await (const entry of client.listDrills()) {
      all.push(entry.id);
      expect(entry.intact).toBe(true);
      expect(Object.keys(entry.groupRtoSeconds ?? {}).sort()).toEqual(["app", "db", "web"]);
      expect(contractMismatches(DrillSummarySchema, entry)).toEqual([]);
    }
    expect(all).toEqual(expected);
    const none: string[] = [];
    for await (const entry of client.listDrills({ plan: "other" })) none.push(entry.id);
    expect(none).toEqual([]);
  });

  it("answers an unknown drill with a 404 RestError, and refuses an empty id before sending anything", async () => {
    const missing = await caught(client.getDrill("drill-none"));
    expect(missing).toMatchObject({ name: "RestError", statusCode: 404 });
    expect(await caught(client.getDrillReportHtml("drill-none"))).toMatchObject({ name: "RestError", statusCode: 404 });
    await expect(client.getDrill("")).rejects.toThrow(TypeError);
  });
});

describe("approval decisions through the SDK", () => {
  it("approves the first gate of a failover and rejects the second: the operation fails at the gate, by whom and why recorded", async () => {
    const [db, app] = plan.groups;
    await client.createOrUpdatePlan({
      ...plan,
      name: "gated",
      traffic: undefined,
      drill: undefined,
      groups: [
        { name: "db", items: db?.items ?? [], before: [{ type: "approval", prompt: "Fail over the database?", timeoutMinutes: 60, onTimeout: "reject" }] },
        { name: "app", items: app?.items ?? [], before: [{ type: "approval", prompt: "Fail over the app tier?", timeoutMinutes: 60, onTimeout: "reject" }] },
      ],
    });
    const poller = await client.beginFailover("gated", { mode: "planned", reason: "sdk e2e: gates" });
    const waitingAt = (prompt: string) => (operation: Operation) => operation.status === "waitingForApproval" && operation.pendingApproval?.prompt === prompt;

    const first = await driveUntilDone(lab, poller, { until: waitingAt("Fail over the database?") });
    const approved = await client.approveOperation(first.id, { comment: "database first" });
    expect(approved.id).toBe(first.id);

    const second = await driveUntilDone(lab, poller, { until: waitingAt("Fail over the app tier?") });
    expect(second.steps.filter((step) => step.group === "db" && step.item !== undefined).every((step) => step.status === "succeeded")).toBe(true);
    await client.rejectOperation(first.id, { comment: "not the app tier" });

    const final = await driveUntilDone(lab, poller);
    expect(final.status).toBe("failed");
    expect(final.approvals?.map((decision) => [decision.decision, decision.comment])).toEqual([
      ["approved", "database first"],
      ["rejected", "not the app tier"],
    ]);
    expect(final.steps.filter((step) => step.group === "app" && step.item !== undefined).every((step) => step.status !== "succeeded")).toBe(true);
  });
});
