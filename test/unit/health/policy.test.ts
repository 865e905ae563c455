import type { AutoFailoverPolicy } from "@standby/client/contract";
import { withApprovalGate, AUTO_FAILOVER_APPROVAL_NAME } from "../../../functions/core/alerts/approval-gate";
import { plansConcerned } from "../../../functions/core/alerts/plan-match";
import { approvalPrompt, decideAutoFailover, failoverReason, type PolicyInput } from "../../../functions/core/alerts/policy";
import type { Signal } from "../../../functions/core/alerts/signals";
import { plan } from "./fixtures";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const POLICY: AutoFailoverPolicy = { enabled: true, minSignals: 2, windowMinutes: 15, cooldownMinutes: 60, approval: "required" };

function signal(resource: string, state: "down" | "up", minutesAgo: number, eventId = `${resource}-${state}-${minutesAgo}`): Signal {
  return { eventId, source: "resourceHealth", key: `resourceHealth:${resource}`, resourceId: resource, state, atMs: AT - minutesAgo * MINUTE, summary: `${resource} ${state}` };
}

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    plan: "shop",
    policy: POLICY,
    signals: [signal("vm-1", "down", 2), signal("vm-2", "down", 1)],
    atMs: AT,
    rpo: { objectiveSeconds: 300, worstRpoSeconds: 60, measuredAtMs: AT - MINUTE },
    ...overrides,
  };
}

describe("automatic failover policy", () => {
  it("starts a failover waiting for approval on enough independent signals, with every check explained", () => {
    const decision = decideAutoFailover(input());
    expect(decision).toMatchObject({ action: "startFailover", approval: "required", summary: "Starting a failover that waits for approval." });
    expect(decision.checks.map((check) => [check.check, check.passed])).toEqual([
      ["enabled", true],
      ["signals", true],
      ["cooldown", true],
      ["rpo", true],
    ]);
    expect(decision.checks[3]?.detail).toBe("Worst RPO 60 s at the last sweep, about 120 s now; the objective is 300 s.");
    expect(decision.signals.map((counted) => counted.key)).toEqual(["resourceHealth:vm-1", "resourceHealth:vm-2"]);
    expect(failoverReason(decision)).toBe("Automatic failover on 2 independent signals: vm-1 down; vm-2 down");
    expect(approvalPrompt(decision)).toBe("Fail over plan shop? Automatic failover on 2 independent signals: vm-1 down; vm-2 down");
  });

  it("starts without approval when the plan says so", () => {
    expect(decideAutoFailover(input({ policy: { ...POLICY, approval: "none" } }))).toMatchObject({ action: "startFailover", approval: "none" });
  });

  it("does nothing when the policy is absent or disabled", () => {
    expect(decideAutoFailover(input({ policy: undefined }))).toMatchObject({ action: "none", checks: [{ check: "enabled", passed: false }] });
    expect(decideAutoFailover(input({ policy: { ...POLICY, enabled: false } })).action).toBe("none");
  });

  it("counts a flapping machine once, and not at all once it is back", () => {
    const flapping = [signal("vm-1", "down", 6), signal("vm-1", "up", 5), signal("vm-1", "down", 4), signal("vm-1", "up", 3), signal("vm-1", "down", 2)];
    const decision = decideAutoFailover(input({ signals: flapping }));
    expect(decision).toMatchObject({ action: "none", summary: "Not enough independent signals (1 of 2)." });
    const recovered = decideAutoFailover(input({ signals: [signal("vm-1", "down", 3), signal("vm-2", "down", 2), signal("vm-2", "up", 1)] }));
    expect(recovered.signals).toHaveLength(1);
    expect(recovered.action).toBe("none");
  });

  it("counts only signals within the window (default 15 min when the plan names none)", () => {
    const old = [signal("vm-1", "down", 20), signal("vm-2", "down", 1)];
    expect(decideAutoFailover(input({ signals: old })).action).toBe("none");
    const { windowMinutes: _omitted, ...withoutWindow } = POLICY;
    expect(decideAutoFailover(input({ signals: old, policy: { ...withoutWindow, windowMinutes: 30 } })).action).toBe("startFailover");
    expect(decideAutoFailover(input({ signals: old, policy: withoutWindow })).checks[1]?.detail).toBe(
      "1 independent outage signal(s) within 15 min; the policy needs 2.",
    );
  });

  it("does nothing within the cooldown after the plan's last operation", () => {
    const decision = decideAutoFailover(input({ lastOperation: { id: "failover-1", kind: "failover", atMs: AT - 10 * MINUTE } }));
    expect(decision).toMatchObject({ action: "none", summary: "Within the cooldown after failover failover-1." });
    expect(decision.checks[2]).toEqual({
      check: "cooldown",
      passed: false,
      detail: "The last operation (failover failover-1) started 10 min ago; the cooldown is 60 min.",
    });
    expect(decideAutoFailover(input({ lastOperation: { id: "drill-1", kind: "drill", atMs: AT - 61 * MINUTE } })).action).toBe("startFailover");
  });

  it("does nothing without a measured RPO or when the data loss would exceed the objective", () => {
    expect(decideAutoFailover(input({ rpo: { objectiveSeconds: 300, worstRpoSeconds: null, measuredAtMs: null } }))).toMatchObject({
      action: "none",
      summary: "No measured RPO: the data loss of a failover now is unknown.",
    });
    const stale = decideAutoFailover(input({ rpo: { objectiveSeconds: 300, worstRpoSeconds: 60, measuredAtMs: AT - 10 * MINUTE } }));
    expect(stale).toMatchObject({ action: "none", summary: "A failover now would lose about 660 s of data, more than the 300 s objective." });
  });
});

describe("signals mapped to plans", () => {
  const footprints = [
    { plan: "shop", machines: ["vm-1", "vm-2"], regions: ["eastus"] },
    { plan: "blog", machines: ["vm-9"], regions: ["westus"] },
  ];

  it("by machine when the signal names one, by region otherwise", () => {
    expect(plansConcerned(signal("vm-2", "down", 0), footprints)).toEqual(["shop"]);
    expect(plansConcerned(signal("vm-7", "down", 0), footprints)).toEqual([]);
    const regional: Signal = { eventId: "e", source: "azureMonitor", key: "azureMonitor:rule:westus", region: "westus", state: "down", atMs: AT, summary: "x" };
    expect(plansConcerned(regional, footprints)).toEqual(["blog"]);
  });
});

describe("approval gate", () => {
  it("puts one approval step before the first group and leaves the rest as it was", () => {
    const original = plan();
    const gated = withApprovalGate(original, "Fail over?");
    expect(gated.groups[0]?.before).toEqual([{ type: "approval", name: AUTO_FAILOVER_APPROVAL_NAME, prompt: "Fail over?", timeoutMinutes: 60, onTimeout: "reject" }]);
    expect(gated.groups.slice(1)).toEqual(original.groups.slice(1));
    expect(original.groups[0]?.before).toBeUndefined();
  });
});
