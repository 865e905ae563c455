import type { Plan } from "@standby/client/contract";
import { sequenceOperation, type Stage } from "../../../../functions/core/plan/sequence";
import { criticalPathMs, makespanMs } from "../../../../functions/core/plan/critical-path";
import { aPlan } from "../fixtures";

const ids = (stages: Stage[]): string[] => stages.map((stage) => stage.id);

describe("operation sequencing", () => {
  it("fails over group by group: before-actions, items, after-actions, then traffic to the standby endpoint", () => {
    const stages = sequenceOperation(aPlan(), "failover");
    expect(ids(stages)).toEqual([
      "failover/db/items",
      "failover/db/after/0",
      "failover/app/before/0",
      "failover/app/items",
      "failover/app/after/0",
      "failover/web/before/0",
      "failover/web/items",
      "failover/web/after/0",
      "traffic",
    ]);
    expect(stages[0]).toMatchObject({
      type: "items",
      operation: "plannedFailover",
      direction: "PrimaryToRecovery",
      items: ["db-1"],
      maxParallel: 5,
      group: "db",
    });
    expect(stages.at(-1)).toMatchObject({ type: "traffic", activate: "standby", name: "Switch traffic to shop-westus" });
  });

  it("uses unplanned failover when asked", () => {
    const stages = sequenceOperation(aPlan(), "failover", { mode: "unplanned" });
    const operations = stages.flatMap((stage) => (stage.type === "items" ? [stage.operation] : []));
    expect(operations).toEqual(["unplannedFailover", "unplannedFailover", "unplannedFailover"]);
  });

  it("names actions by their name, or by what they do", () => {
    const plan = aPlan();
    plan.groups[0]!.after = [{ type: "probe", name: "db answers", url: "https://db.shop.example.com/health" }];
    const names = sequenceOperation(plan, "failover").map((stage) => stage.name);
    expect(names).toEqual([
      "Planned failover of group db",
      "db answers",
      "Wait 30 s",
      "Planned failover of group app",
      "Runbook warm-cache",
      "Webhook hooks.example.com",
      "Planned failover of group web",
      "Approval",
      "Switch traffic to shop-westus",
    ]);
  });

  it("has no traffic stage when the plan switches no traffic", () => {
    const plan: Plan = { ...aPlan(), traffic: undefined };
    expect(sequenceOperation(plan, "failover").some((stage) => stage.type === "traffic")).toBe(false);
  });

  it("uses the default bound of 10 parallel items when the plan sets none", () => {
    const plan: Plan = { ...aPlan(), failover: undefined };
    expect(sequenceOperation(plan, "failover")[0]).toMatchObject({ maxParallel: 10 });
  });

  it("commits every group's items without running actions or switching traffic", () => {
    const stages = sequenceOperation(aPlan(), "commit");
    expect(ids(stages)).toEqual(["commit/db/items", "commit/app/items", "commit/web/items"]);
    expect(stages.every((stage) => stage.type === "items" && stage.operation === "commit")).toBe(true);
  });

  it("fails back in the same group order, between reprotects, and moves traffic back last", () => {
    const stages = sequenceOperation(aPlan(), "failback");
    expect(ids(stages)).toEqual([
      "reprotect/db/items",
      "reprotect/app/items",
      "reprotect/web/items",
      "replication/healthy",
      "failback/db/items",
      "failback/db/after/0",
      "failback/app/before/0",
      "failback/app/items",
      "failback/app/after/0",
      "failback/web/before/0",
      "failback/web/items",
      "failback/web/after/0",
      "failback-commit/db/items",
      "failback-commit/app/items",
      "failback-commit/web/items",
      "protect/db/items",
      "protect/app/items",
      "protect/web/items",
      "traffic",
    ]);
    expect(stages[0]).toMatchObject({ operation: "reprotect", direction: "RecoveryToPrimary" });
    expect(stages[3]).toMatchObject({ items: ["db-1", "app-1", "app-2", "web-1", "web-2"] });
    expect(stages[4]).toMatchObject({ operation: "plannedFailover", direction: "RecoveryToPrimary" });
    expect(stages[15]).toMatchObject({ operation: "reprotect", direction: "PrimaryToRecovery" });
    expect(stages.at(-1)).toMatchObject({ type: "traffic", activate: "primary", name: "Switch traffic to shop-eastus" });
  });

  it("drills with test failovers in group order, the drill probes, then a cleanup that always runs", () => {
    const stages = sequenceOperation(aPlan(), "drill");
    expect(ids(stages)).toEqual(["drill/db/items", "drill/app/items", "drill/web/items", "drill/probes/0", "drill/cleanup"]);
    expect(stages.filter((stage) => stage.always)).toEqual([
      expect.objectContaining({ operation: "testFailoverCleanup", items: ["db-1", "app-1", "app-2", "web-1", "web-2"] }),
    ]);
    // Webhooks, runbooks and approvals touch production or need a person: never in a drill.
    expect(stages.some((stage) => stage.type === "action" && stage.action.type !== "probe")).toBe(false);
    expect(stages.some((stage) => stage.type === "traffic")).toBe(false);
  });

  it("refuses an unknown operation kind", () => {
    expect(() => sequenceOperation(aPlan(), "teleport" as never)).toThrow(RangeError);
  });

  it("gives every stage an id unique within the operation", () => {
    for (const kind of ["failover", "commit", "failback", "drill"] as const) {
      const stageIds = ids(sequenceOperation(aPlan(), kind));
      expect(new Set(stageIds).size).toBe(stageIds.length);
    }
  });
});

describe("critical path", () => {
  const minutes = (m: number) => m * 60_000;
  const jobMinutes: Record<string, number> = { "db-1": 12, "app-1": 9, "app-2": 7, "web-1": 8, "web-2": 6 };

  it("sums over groups the slowest item plus the actions", () => {
    const stages = sequenceOperation(aPlan(), "failover");
    const total = criticalPathMs(stages, {
      itemMs: (item) => minutes(jobMinutes[item] ?? 0),
      trafficSwitchMs: 1_000,
    });
    // db 12 min, the 30 s delay, app 9 min, web 8 min, traffic 1 s; the approval counts as no time.
    expect(total).toBe(minutes(12) + 30_000 + minutes(9) + minutes(8) + 1_000);
  });

  it("lets the caller estimate actions", () => {
    const stages = sequenceOperation(aPlan(), "failover");
    const total = criticalPathMs(stages, { itemMs: () => 0, actionMs: () => 1_000 });
    expect(total).toBe(5 * 1_000);
  });

  it("accounts for the parallel bound when a group has more items than slots", () => {
    expect(makespanMs([5, 5, 5, 5, 5], 2)).toBe(15);
    expect(makespanMs([10, 1, 1, 1], 2)).toBe(10);
    expect(makespanMs([3, 7, 2], 10)).toBe(7);
    expect(makespanMs([], 3)).toBe(0);
    expect(() => makespanMs([1], 0)).toThrow(RangeError);
  });

  it("includes the wait for healthy replication in a failback", () => {
    const stages = sequenceOperation(aPlan(), "failback");
    expect(criticalPathMs(stages, { itemMs: () => 0, waitForReplicationMs: 7_000 })).toBe(7_000 + 30_000);
  });
});
