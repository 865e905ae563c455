// The failover workflow with stub activities: group order, bounded parallelism, stop on failure before traffic,
// preflight refusal, traffic read-back, probes retried on timers, the measured result, and the lock always released.
import type { Operation } from "@standby/client/contract";
import { ACTIVITY } from "../../../functions/activities/names";
import { ORCHESTRATION } from "../../../functions/orchestrations/contract";
import { failoverOrchestrator } from "../../../functions/orchestrations/failover";
import type { ItemActionInput } from "../../../functions/orchestrations/item-action";
import { FakeEstate, shopPlan, startOf } from "./fake-estate";

/** The world's calls reduced to what they did, in order: item starts, actions, traffic. */
function story(estate: FakeEstate): string[] {
  return estate.world.calls.flatMap((call) => {
    if (call.name === ACTIVITY.startItemAction) return [`start ${(call.input as ItemActionInput).item}`];
    if (call.name === ACTIVITY.probeOnce) return ["probe"];
    if (call.name === ACTIVITY.switchTraffic) return ["switch"];
    if (call.name === ACTIVITY.readTraffic) return ["verify"];
    return [];
  });
}

describe("failover workflow", () => {
  it("runs groups in plan order, each group's items before its after-actions, and switches traffic last", () => {
    const estate = new FakeEstate(shopPlan());
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("succeeded");
    expect(story(estate)).toEqual(["start db-1", "start app-1", "start app-2", "start app-3", "start web-1", "start web-2", "probe", "switch", "verify"]);
    expect(estate.endpoints.get("primary")).toBe("Disabled");
    expect(estate.trafficChanges).toHaveLength(1);
    // The delay after db really waited before app started.
    const dbDone = operation.steps.find((step) => step.id === "failover/db/after/0");
    const appStart = operation.steps.find((step) => step.item === "app-1");
    expect(Date.parse(appStart?.startedAt as string) - Date.parse(dbDone?.startedAt as string)).toBeGreaterThanOrEqual(60_000);
  });

  it("measures RTO from the start to the traffic switch and records the recovery point of every item", () => {
    const estate = new FakeEstate(shopPlan());
    const operation = estate.run(startOf(shopPlan(), "failover"));
    const traffic = operation.steps.find((step) => step.id === "traffic");
    expect(traffic?.status).toBe("succeeded");
    expect(operation.result?.rtoSeconds).toBe((Date.parse(traffic?.endedAt as string) - Date.parse(operation.createdAt)) / 1000);
    expect(operation.result?.recoveryPoints.map((point) => point.item).sort()).toEqual(["app-1", "app-2", "app-3", "db-1", "web-1", "web-2"]);
    expect(operation.result?.recoveryPoints.every((point) => point.dataLossSeconds === 60)).toBe(true);
    expect(operation.steps.filter((step) => step.item !== undefined).every((step) => step.status === "succeeded" && step.jobId !== undefined)).toBe(true);
  });

  it("passes the plan's mode, recovery point choice, RPO budget and force to every item", () => {
    const estate = new FakeEstate(shopPlan());
    estate.run(startOf(shopPlan(), "failover", { mode: "unplanned", recoveryPoint: "latestApplicationConsistent", force: true }));
    const inputs = estate.world.callsTo(ACTIVITY.startItemAction).map((call) => call.input as ItemActionInput);
    expect(inputs.every((input) => input.operation === "unplannedFailover" && input.recoveryPoint === "latestApplicationConsistent" && input.force === true && input.rpoBudgetSeconds === 300)).toBe(true);
  });

  it("starts at most maxParallelItems items of a group at once, and every item in the end", () => {
    const items = Array.from({ length: 8 }, (_, index) => `app-${index + 1}`);
    const plan = shopPlan({ groups: [{ name: "app", items }], failover: { maxParallelItems: 3 } });
    const estate = new FakeEstate(plan);
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("succeeded");
    expect(estate.world.maxRunningSubs).toBe(3);
    expect(estate.posts.map((post) => post.item)).toEqual(items);
  });

  it("runs each item in its own sub-orchestration with an id derived from the operation", () => {
    const estate = new FakeEstate(shopPlan());
    estate.run(startOf(shopPlan(), "failover"));
    const subs = estate.world.calls.filter((call) => call.kind === "sub");
    expect(subs.every((call) => call.name === ORCHESTRATION.itemAction)).toBe(true);
    expect(subs.map((call) => call.instanceId)).toEqual(["failover-1:0:0", "failover-1:2:0", "failover-1:2:1", "failover-1:2:2", "failover-1:3:0", "failover-1:3:1"]);
  });

  it("stops before the next group and before traffic when an item fails, reporting the item and ASR's error", () => {
    const estate = new FakeEstate(shopPlan(), {
      failing: { "app-2": { operation: "plannedFailover", code: "70094", message: "The VM could not be started in the recovery region." } },
    });
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toEqual({ code: "70094", message: "The VM could not be started in the recovery region.", item: "app-2" });
    expect(story(estate)).toEqual(["start db-1", "start app-1", "start app-2", "start app-3"]);
    expect(estate.trafficChanges).toHaveLength(0);
    expect(operation.steps.find((step) => step.item === "app-2")).toMatchObject({ status: "failed", error: { code: "70094" } });
    expect(operation.steps.filter((step) => step.group === "web").every((step) => step.status === "skipped")).toBe(true);
    expect(operation.steps.find((step) => step.id === "traffic")?.status).toBe("skipped");
    expect(estate.lockReleases).toEqual([{ plan: "shop", operationId: "failover-1" }]);
    expect(estate.events).toEqual(["Standby.Operation.Started", "Standby.Operation.Failed"]);
  });

  it("on a retry skips the items a previous attempt already failed over and repeats no action", () => {
    const estate = new FakeEstate(shopPlan(), { failing: { "web-1": { operation: "plannedFailover", code: "X", message: "boom" } } });
    expect(estate.run(startOf(shopPlan(), "failover")).status).toBe("failed");
    const postsBefore = estate.posts.map((post) => post.item);
    delete (estate.options.failing as Record<string, unknown>)["web-1"];
    const retry = estate.run({ ...startOf(shopPlan(), "failover"), operationId: "failover-2" });
    expect(retry.status).toBe("succeeded");
    const retried = estate.posts.slice(postsBefore.length).map((post) => post.item);
    expect(retried).toEqual(["web-1"]);
    expect(retry.steps.filter((step) => ["db", "app"].includes(step.group ?? "") && step.item !== undefined).every((step) => step.status === "skipped")).toBe(true);
    expect(retry.steps.find((step) => step.item === "web-2")?.status).toBe("skipped");
  });

  it("refuses up front when the guard refuses an item: nothing starts, the lock is released", () => {
    const estate = new FakeEstate(shopPlan(), { refusals: ["web-2"] });
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "FailoverRefused", message: expect.stringContaining("web-2: Site Recovery does not allow it now") });
    expect(estate.posts).toHaveLength(0);
    expect(estate.trafficChanges).toHaveLength(0);
    expect(estate.lockReleases).toHaveLength(1);
  });

  it("retries a failing probe on durable timers and switches traffic once it passes", () => {
    const estate = new FakeEstate(shopPlan(), { probes: [{ ok: false, status: 503, problem: "503" }, { ok: false, problem: "timeout" }, { ok: true, status: 200 }] });
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("succeeded");
    const probes = estate.world.callsTo(ACTIVITY.probeOnce);
    expect(probes).toHaveLength(3);
    expect((probes[1]?.atMs ?? 0) - (probes[0]?.atMs ?? 0)).toBeGreaterThanOrEqual(10_000);
  });

  it("fails without switching traffic when the probe never passes", () => {
    const failing = { ok: false, status: 500, problem: "https://web.shop.example.com/health answered 500" };
    const estate = new FakeEstate(shopPlan(), { probes: [failing, failing, failing, failing] });
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "ProbeFailed", message: expect.stringContaining("after 4 attempts") });
    expect(estate.trafficChanges).toHaveLength(0);
  });

  it("fails when the read-back shows the endpoints not switched", () => {
    const estate = new FakeEstate(shopPlan(), { trafficStuck: true });
    const operation = estate.run(startOf(shopPlan(), "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "TrafficNotSwitched", message: expect.stringContaining("primary enabled (wanted disabled)") });
  });

  it("fails a refused webhook and starts nothing after it", () => {
    const plan = shopPlan();
    plan.groups[1] = { ...plan.groups[1]!, before: [{ type: "webhook", url: "https://hooks.shop.example.com/drain" }] };
    const estate = new FakeEstate(plan, { webhook: { ok: false, problem: "refused by the app's allow-list: host hooks.shop.example.com is not in allowedHosts" } });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.error).toMatchObject({ code: "WebhookFailed", message: expect.stringContaining("app's allow-list") });
    expect(story(estate)).toEqual(["start db-1"]);
  });

  it("keeps the custom status current and returns the final document, saved before the lock is released", () => {
    const estate = new FakeEstate(shopPlan());
    const operation = estate.run(startOf(shopPlan(), "failover"));
    const statuses = estate.world.statuses as Operation[];
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses[0]?.status).toBe("running");
    expect(statuses[statuses.length - 1]).toEqual(operation);
    expect(estate.saved[estate.saved.length - 1]).toEqual(operation);
    const saveIndex = estate.world.calls.map((call) => call.name).lastIndexOf("saveOperationActivity");
    const releaseIndex = estate.world.calls.map((call) => call.name).indexOf("releasePlanLockActivity");
    expect(saveIndex).toBeLessThan(releaseIndex);
    expect(estate.events).toEqual(["Standby.Operation.Started", "Standby.Operation.Completed"]);
  });

  it("refuses a malformed start before touching anything", () => {
    const estate = new FakeEstate(shopPlan());
    expect(() => estate.world.run(failoverOrchestrator as never, { ...startOf(shopPlan(), "failover"), kind: "commit" })).toThrow(/input is malformed: kind/);
    expect(() => estate.world.run(failoverOrchestrator as never, { ...startOf(shopPlan(), "failover"), request: {} })).toThrow(/request.reason/);
    expect(() => estate.world.run(failoverOrchestrator as never, undefined)).toThrow(TypeError);
    expect(estate.world.calls).toHaveLength(0);
  });
});
