import type { LiveState } from "../../../functions/core/live-state";
import { assessReadiness } from "../../../functions/core/readiness";
import { aPlan, anItem, PLAN_ITEMS } from "./fixtures";

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

function healthyState(): LiveState {
  return {
    items: PLAN_ITEMS.map((name) => anItem(name)),
    trafficEndpoints: [
      { name: "shop-eastus", endpointStatus: "Enabled", endpointMonitorStatus: "Online" },
      { name: "shop-westus", endpointStatus: "Enabled", endpointMonitorStatus: "Online" },
    ],
  };
}

function withItem(state: LiveState, name: string, change: Partial<ReturnType<typeof anItem>>): LiveState {
  return { ...state, items: state.items.map((item) => (item.name === name ? { ...item, ...change } : item)) };
}

const codes = (state: LiveState) => assessReadiness(aPlan(), state, NOW).findings.map((finding) => finding.code);

describe("plan readiness", () => {
  it("scores a plan whose items and endpoints are all fine 100 with no findings", () => {
    expect(assessReadiness(aPlan(), healthyState(), NOW)).toEqual({
      plan: "shop",
      score: 100,
      checkedAt: "2026-11-27T12:00:00.000Z",
      findings: [],
    });
  });

  it("reports an item missing from the vault at its place in the plan", () => {
    const state = { ...healthyState(), items: healthyState().items.filter((item) => item.name !== "app-2") };
    expect(assessReadiness(aPlan(), state, NOW).findings).toEqual([
      { code: "ItemNotFound", severity: "error", message: 'No protected item "app-2" in the vault.', item: "app-2", pointer: "/groups/1/items/1" },
    ]);
  });

  it("reports unprotected items and items Site Recovery will not fail over", () => {
    expect(codes(withItem(healthyState(), "db-1", { protectionState: "UnprotectedStatesBegin" }))).toEqual(["ItemNotProtected"]);
    expect(codes(withItem(healthyState(), "db-1", { allowedOperations: ["DisableProtection"] }))).toEqual(["FailoverNotAllowed"]);
  });

  it("reports critical replication as an error and warnings as warnings, with ASR's messages", () => {
    const critical = withItem(healthyState(), "web-1", {
      replicationHealth: "Critical",
      healthErrors: [{ code: "150097", message: "Replication data is not flowing" }],
    });
    expect(assessReadiness(aPlan(), critical, NOW).findings).toEqual([
      expect.objectContaining({
        code: "ReplicationCritical",
        severity: "error",
        message: "Replication health is Critical: Replication data is not flowing.",
        item: "web-1",
      }),
    ]);
    expect(codes(withItem(healthyState(), "web-1", { replicationHealth: "Warning" }))).toEqual(["ReplicationWarning"]);
  });

  it("compares each item's RPO with the plan's objective", () => {
    expect(codes(withItem(healthyState(), "app-1", { rpoSeconds: 301 }))).toEqual(["RpoOverObjective"]);
    expect(codes(withItem(healthyState(), "app-1", { rpoSeconds: 300 }))).toEqual([]);
    expect(codes(withItem(healthyState(), "app-1", { rpoSeconds: null }))).toEqual(["RpoUnknown"]);
  });

  it("warns about items already failed over, busy, or left in a test failover", () => {
    expect(codes(withItem(healthyState(), "db-1", { activeLocation: "Recovery", protectionState: "UnplannedFailoverCommitPendingStatesBegin" }))).toEqual([
      "ItemInRecoveryLocation",
    ]);
    expect(codes(withItem(healthyState(), "db-1", { currentScenario: { scenarioName: "Reprotect" } }))).toEqual(["ItemBusy"]);
    expect(codes(withItem(healthyState(), "db-1", { testFailoverState: "WaitingForCompletion" }))).toEqual(["TestFailoverPending"]);
  });

  it("refuses providers it cannot fail over", () => {
    expect(codes(withItem(healthyState(), "db-1", { provider: "InMageAzureV2" }))).toEqual(["UnsupportedProvider"]);
  });

  it("checks that the Traffic Manager profile and both endpoints exist", () => {
    expect(assessReadiness(aPlan(), { ...healthyState(), trafficEndpoints: undefined }, NOW).findings).toEqual([
      expect.objectContaining({ code: "TrafficProfileNotFound", severity: "error", pointer: "/traffic/profile" }),
    ]);
    const missing = { ...healthyState(), trafficEndpoints: [{ name: "SHOP-EASTUS", endpointStatus: "Enabled" }] };
    expect(assessReadiness(aPlan(), missing, NOW).findings).toEqual([
      expect.objectContaining({ code: "EndpointNotFound", pointer: "/traffic/standbyEndpoint" }),
    ]);
    const disabled = { ...healthyState(), trafficEndpoints: [{ name: "shop-eastus" }, { name: "shop-westus", endpointStatus: "Disabled" }] };
    expect(codes(disabled)).toEqual(["StandbyEndpointDisabled"]);
  });

  it("weighs the score: items share 80 points, the traffic switch 20", () => {
    const oneItemBroken = withItem(healthyState(), "db-1", { protectionState: "Unprotected" });
    expect(assessReadiness(aPlan(), oneItemBroken, NOW).score).toBe(84);
    const oneItemWarned = withItem(healthyState(), "db-1", { replicationHealth: "Warning" });
    expect(assessReadiness(aPlan(), oneItemWarned, NOW).score).toBe(92);
    expect(assessReadiness(aPlan(), { ...healthyState(), trafficEndpoints: undefined }, NOW).score).toBe(80);
    const nothingThere: LiveState = { items: [] };
    expect(assessReadiness(aPlan(), nothingThere, NOW).score).toBe(0);
  });

  it("never rounds a plan with findings up to 100", () => {
    const plan = aPlan();
    plan.groups = [{ name: "big", items: Array.from({ length: 100 }, (_, i) => `i-${i}`) }];
    const state: LiveState = {
      items: plan.groups[0]!.items.map((name, i) => anItem(name, i === 0 ? { replicationHealth: "Warning" } : {})),
      trafficEndpoints: healthyState().trafficEndpoints,
    };
    expect(assessReadiness(plan, state, NOW).score).toBe(99);
  });
});
