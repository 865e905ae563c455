// The direction of a drill's test failovers comes from each item's live state: an item failed over, committed and
// reprotected is protected from the recovery region back to the primary one, and Site Recovery refuses a
// PrimaryToRecovery test failover of it. An item that allows no test failover is refused by the preflight at once,
// with words an operator can act on, before anything starts.
import { ACTIVITY } from "../../../functions/activities/names";
import { guardItem, testFailoverDirection } from "../../../functions/core/failover/guard";
import type { ProtectedItemState } from "../../../functions/core/live-state";
import { runDrill } from "./drill-world";

const PROTECTED_BACK: ProtectedItemState = {
  id: "/items/web-1",
  name: "web-1",
  provider: "A2A",
  protectionState: "Protected",
  activeLocation: "Recovery",
  testFailoverState: "None",
  allowedOperations: ["UnplannedFailover", "TestFailover", "DisableProtection"],
  rpoSeconds: 30,
};

describe("the direction of an item's test failover", () => {
  it("follows the item's replication, whatever the request names", () => {
    expect(testFailoverDirection(PROTECTED_BACK)).toBe("RecoveryToPrimary");
    expect(testFailoverDirection({ ...PROTECTED_BACK, activeLocation: "Primary" })).toBe("PrimaryToRecovery");
    const verdict = guardItem("web-1", PROTECTED_BACK, { operation: "testFailover", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300, callOptions: { networkId: "/vnet" } });
    expect(verdict).toMatchObject({ decision: "proceed", call: { method: "beginTestFailover", input: { properties: { failoverDirection: "RecoveryToPrimary", networkId: "/vnet" } } } });
  });

  it("is what a drill asks for, item by item: a reprotected item is tested back towards the primary region", () => {
    const run = runDrill({ "web-1": { protectedBack: true } });
    const directions = run.asr.starts.filter((entry) => entry.operation === "testFailover").map((entry) => [entry.item, entry.direction, entry.outcome]);
    expect(directions).toEqual([
      ["db-1", "PrimaryToRecovery", "started"],
      ["web-1", "RecoveryToPrimary", "started"],
      ["web-2", "PrimaryToRecovery", "started"],
    ]);
    expect(run.report.failures).toEqual([]);
    expect(run.operation.status).toBe("succeeded");
  });
});

describe("an item whose state allows no test failover", () => {
  it("is refused by the preflight at once, named with its state, and the drill starts nothing", () => {
    const run = runDrill({ "web-1": { committedOnly: true } });
    expect(run.world.callsTo(ACTIVITY.preflightItems)).toHaveLength(1);
    // Only the cleanup that always runs asks Site Recovery anything, and finds nothing to clean.
    expect(run.world.callsTo(ACTIVITY.startItemAction).filter((call) => (call.input as { operation: string }).operation !== "testFailoverCleanup")).toEqual([]);
    expect(run.asr.accepted).toEqual([]);
    expect(run.operation.status).toBe("failed");
    expect(run.operation.error?.message).toContain(
      "web-1: no test failover possible: the machine runs in the recovery region and is not protected back yet (protection state UnplannedFailoverCommitted; Site Recovery allows ReverseReplicate, DisableProtection)",
    );
  });

  it("says so without blaming the region when the machine runs in the primary one", () => {
    const copying: ProtectedItemState = { ...PROTECTED_BACK, activeLocation: "Primary", allowedOperations: ["DisableProtection"] };
    expect(guardItem("web-1", copying, { operation: "testFailover", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300 })).toEqual({
      item: "web-1",
      itemId: "/items/web-1",
      decision: "refuse",
      reason: "no test failover possible in its current state (protection state Protected; Site Recovery allows DisableProtection)",
    });
  });
});
