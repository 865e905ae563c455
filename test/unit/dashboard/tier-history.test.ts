import type { DrillHistoryEntry } from "../../../dashboard/src/api";
import { tierHistory } from "../../../dashboard/src/tier-history";

function drill(id: string, groupRtoSeconds: Record<string, number> | undefined, status: DrillHistoryEntry["status"] = "succeeded"): DrillHistoryEntry {
  return {
    id,
    plan: "shop",
    operationId: `op-${id}`,
    status,
    startedAt: `2026-11-0${id}T00:00:00Z`,
    rtoSeconds: groupRtoSeconds === undefined ? undefined : Object.values(groupRtoSeconds).reduce((a, b) => a + b, 0),
    itemsTotal: 3,
    itemsSucceeded: 3,
    probesPassed: 1,
    probesFailed: 0,
    cleanup: "succeeded",
    groupRtoSeconds,
  };
}

describe("the drill history per tier", () => {
  it("reads oldest first, in the newest drill's tier order", () => {
    const history = tierHistory([drill("3", { db: 30, app: 40, web: 20 }), drill("2", { db: 35, app: 45, web: 25 })]);
    expect(history.tiers).toEqual(["db", "app", "web"]);
    expect(history.drills.map((entry) => [entry.id, entry.byTier])).toEqual([
      ["2", [35, 45, 25]],
      ["3", [30, 40, 20]],
    ]);
  });

  it("leaves a gap where a drill did not get through a tier, and keeps tiers only older drills had", () => {
    const history = tierHistory([drill("3", { db: 30, app: 40 }, "failed"), drill("2", { db: 35, cache: 5 })]);
    expect(history.tiers).toEqual(["db", "app", "cache"]);
    expect(history.drills.map((entry) => [entry.id, entry.status, entry.byTier])).toEqual([
      ["2", "succeeded", [35, undefined, 5]],
      ["3", "failed", [30, 40, undefined]],
    ]);
  });

  it("leaves out drills with no per-tier figures yet (running, or nothing measured)", () => {
    const history = tierHistory([drill("4", undefined, "running"), drill("3", {}), drill("2", { db: 10 })]);
    expect(history.drills.map((entry) => entry.id)).toEqual(["2"]);
    expect(tierHistory([]).tiers).toEqual([]);
  });
});
