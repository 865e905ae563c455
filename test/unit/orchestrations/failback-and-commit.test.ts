// Failback (reprotect -> healthy replication -> failover back -> commit -> reprotect -> traffic to the primary)
// and commit, with stub activities.
import { ACTIVITY } from "../../../functions/activities/names";
import type { ItemActionInput } from "../../../functions/orchestrations/item-action";
import { REPLICATION_POLL_SECONDS } from "../../../functions/orchestrations/stages/replication-stage";
import { FakeEstate, shopPlan, startOf } from "./fake-estate";

const itemSteps = (estate: FakeEstate): string[] =>
  estate.world.callsTo(ACTIVITY.startItemAction).map((call) => {
    const input = call.input as ItemActionInput;
    return `${input.operation} ${input.direction} ${input.item}`;
  });

describe("failback workflow", () => {
  const twoGroups = () => shopPlan({ groups: [{ name: "db", items: ["db-1"] }, { name: "web", items: ["web-1"] }] });
  const failBackAfterFailover = (options: ConstructorParameters<typeof FakeEstate>[1]) => {
    const plan = twoGroups();
    const estate = new FakeEstate(plan, { healthyAfterSeconds: REPLICATION_POLL_SECONDS, ...options });
    expect(estate.run(startOf(plan, "failover")).status).toBe("succeeded");
    return { estate, operation: estate.run(startOf(plan, "failback")) };
  };

  it("moves traffic back when the last reprotect fails: the machines already run in the primary region", () => {
    const { estate, operation } = failBackAfterFailover({
      failing: { "web-1": { operation: "reprotect", direction: "PrimaryToRecovery", code: "150097", message: "Reprotect failed." } },
    });
    expect(operation).toMatchObject({ status: "failed", error: { code: "150097", item: "web-1" } });
    expect(estate.trafficChanges.map((change) => change.activate)).toEqual(["standby", "primary"]);
    expect(estate.endpoints.get("primary")).toBe("Enabled");
    expect(operation.steps.find((step) => step.id === "traffic")?.status).toBe("succeeded");
  });

  it("moves traffic back when the commit after failing back fails, and starts no reprotect", () => {
    const { estate, operation } = failBackAfterFailover({
      failing: { "db-1": { operation: "commit", direction: "RecoveryToPrimary", code: "70169", message: "Commit failed." } },
    });
    expect(operation).toMatchObject({ status: "failed", error: { code: "70169", item: "db-1" } });
    expect(estate.trafficChanges.map((change) => change.activate)).toEqual(["standby", "primary"]);
    const reprotectsBack = estate.world.callsTo(ACTIVITY.startItemAction).filter((call) => {
      const input = call.input as ItemActionInput;
      return input.operation === "reprotect" && input.direction === "PrimaryToRecovery";
    });
    expect(reprotectsBack).toHaveLength(0);
  });

  it("leaves traffic on the standby endpoint when a group fails to fail back", () => {
    const { estate, operation } = failBackAfterFailover({
      failing: { "web-1": { operation: "plannedFailover", direction: "RecoveryToPrimary", code: "70094", message: "The VM could not be started." } },
    });
    expect(operation).toMatchObject({ status: "failed", error: { code: "70094", item: "web-1" } });
    expect(estate.trafficChanges.map((change) => change.activate)).toEqual(["standby"]);
    expect(estate.endpoints.get("primary")).toBe("Disabled");
  });

  it("reprotects, waits for healthy replication, fails back in plan order, commits, reprotects and moves traffic back", () => {
    const plan = shopPlan({ groups: [{ name: "db", items: ["db-1"] }, { name: "web", items: ["web-1"] }] });
    const estate = new FakeEstate(plan, { healthyAfterSeconds: 3 * REPLICATION_POLL_SECONDS });
    expect(estate.run(startOf(plan, "failover")).status).toBe("succeeded");
    estate.world.calls.length = 0;
    const operation = estate.run(startOf(plan, "failback"));
    expect(operation.status).toBe("succeeded");
    expect(itemSteps(estate)).toEqual([
      "reprotect RecoveryToPrimary db-1",
      "reprotect RecoveryToPrimary web-1",
      "plannedFailover RecoveryToPrimary db-1",
      "plannedFailover RecoveryToPrimary web-1",
      "commit RecoveryToPrimary db-1",
      "commit RecoveryToPrimary web-1",
      "reprotect PrimaryToRecovery db-1",
      "reprotect PrimaryToRecovery web-1",
    ]);
    expect(estate.world.callsTo(ACTIVITY.readReplicationHealth).length).toBe(4);
    // Failing back names no recovery point unless asked: the source is shut down and synchronized first.
    expect(estate.world.callsTo(ACTIVITY.startItemAction).every((call) => (call.input as ItemActionInput).recoveryPoint === "latest")).toBe(true);
    expect(estate.trafficChanges.map((change) => change.activate)).toEqual(["standby", "primary"]);
    expect(estate.endpoints.get("primary")).toBe("Enabled");
    expect(operation.steps.find((step) => step.id === "replication/healthy")?.status).toBe("succeeded");
    // The health wait comes after every reprotect ended and before any failover back started.
    const names = estate.world.calls.map((call) => (call.name === ACTIVITY.startItemAction ? (call.input as ItemActionInput).operation : call.name));
    expect(names.indexOf(ACTIVITY.readReplicationHealth)).toBeGreaterThan(names.lastIndexOf("reprotect", names.indexOf("plannedFailover")));
    expect(names.lastIndexOf(ACTIVITY.readReplicationHealth)).toBeLessThan(names.indexOf("plannedFailover"));
  });

  it("uses the recovery point the failback request names", () => {
    const plan = shopPlan({ groups: [{ name: "db", items: ["db-1"] }] });
    const estate = new FakeEstate(plan);
    estate.run(startOf(plan, "failover"));
    estate.world.calls.length = 0;
    estate.run(startOf(plan, "failback", { recoveryPoint: "latestProcessed" }));
    const failbacks = estate.world.callsTo(ACTIVITY.startItemAction).map((call) => call.input as ItemActionInput).filter((input) => input.operation === "plannedFailover");
    expect(failbacks.map((input) => input.recoveryPoint)).toEqual(["latestProcessed"]);
  });

  it("does not fail back while replication stays unhealthy, and cancel ends the wait", () => {
    const plan = shopPlan({ groups: [{ name: "db", items: ["db-1"] }] });
    const estate = new FakeEstate(plan, { healthyAfterSeconds: 10 * 24 * 3600 });
    estate.world.raise({ name: "cancel", data: { by: "ops" }, when: (world) => world.callsTo(ACTIVITY.readReplicationHealth).length >= 5 });
    const operation = estate.run(startOf(plan, "failback"));
    expect(operation.status).toBe("canceled");
    expect(itemSteps(estate)).toEqual(["reprotect RecoveryToPrimary db-1"]);
    expect(estate.trafficChanges).toHaveLength(0);
  });

  it("gives up after the replication wait limit with the unhealthy items named", () => {
    const plan = shopPlan({ groups: [{ name: "db", items: ["db-1"] }] });
    const estate = new FakeEstate(plan, { healthyAfterSeconds: 10 * 24 * 3600 });
    const operation = estate.run(startOf(plan, "failback"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "ReplicationNotHealthy", message: expect.stringContaining("db-1: replication health is Warning") });
    expect(itemSteps(estate)).toEqual(["reprotect RecoveryToPrimary db-1"]);
  });
});

describe("commit workflow", () => {
  it("commits every item group by group, switches no traffic and carries no RTO result", () => {
    const plan = shopPlan();
    const estate = new FakeEstate(plan);
    estate.run(startOf(plan, "failover"));
    estate.world.calls.length = 0;
    const operation = estate.run(startOf(plan, "commit"));
    expect(operation.status).toBe("succeeded");
    expect(itemSteps(estate)).toEqual(["db-1", "app-1", "app-2", "app-3", "web-1", "web-2"].map((item) => `commit PrimaryToRecovery ${item}`));
    expect(estate.trafficChanges).toHaveLength(1);
    expect(operation.result).toBeUndefined();
    expect(estate.world.callsTo(ACTIVITY.probeOnce)).toHaveLength(0);
  });

  it("skips items already committed", () => {
    const plan = shopPlan();
    const estate = new FakeEstate(plan);
    estate.run(startOf(plan, "failover"));
    estate.run(startOf(plan, "commit"));
    const again = estate.run({ ...startOf(plan, "commit"), operationId: "commit-2" });
    expect(again.status).toBe("succeeded");
    expect(again.steps.every((step) => step.status === "skipped")).toBe(true);
  });
});
