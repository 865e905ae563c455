import type { PolicyDecision } from "../../../functions/core/alerts/policy";
import { AUTO_FAILOVER_APPROVAL_NAME } from "../../../functions/core/alerts/approval-gate";
import { AUTO_FAILOVER_CALLER, startAutoFailover } from "../../../functions/activities/alerts/auto-failover-starter";
import { ORCHESTRATION } from "../../../functions/orchestrations/contract";
import { fakeDependencies, validPlan } from "../http/fakes";

function decision(approval: "required" | "none", plan = "shop"): PolicyDecision {
  return {
    plan,
    atMs: Date.UTC(2026, 2, 1, 10, 0, 0),
    action: "startFailover",
    approval,
    checks: [],
    signals: [
      { key: "resourceHealth:vm-1", eventId: "e1", atMs: 1, summary: "Unavailable: vm-1" },
      { key: "resourceHealth:vm-2", eventId: "e2", atMs: 2, summary: "Unavailable: vm-2" },
    ],
    summary: "Starting a failover that waits for approval.",
  };
}

describe("automatic failover start", () => {
  it("goes through the operator's failover starter, with an approval step in front and the signals as reason", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(validPlan());
    const outcome = await startAutoFailover(deps, decision("required"));
    expect(outcome).toEqual({ started: true, operationId: "failover-1" });
    expect(deps.engine.started).toHaveLength(1);
    const [{ orchestration, input }] = deps.engine.started as [(typeof deps.engine.started)[number]];
    expect(orchestration).toBe(ORCHESTRATION.failover);
    expect(input).toMatchObject({
      operationId: "failover-1",
      kind: "failover",
      startedBy: AUTO_FAILOVER_CALLER,
      request: { mode: "unplanned", reason: "Automatic failover on 2 independent signals: Unavailable: vm-1; Unavailable: vm-2" },
    });
    expect(input.plan.groups[0]?.before?.[0]).toMatchObject({ type: "approval", name: AUTO_FAILOVER_APPROVAL_NAME, onTimeout: "reject" });
    // The stored plan itself is not changed, and the operation is recorded and holds the plan's lock.
    expect((await deps.plans.get("shop"))?.plan.groups[0]?.before).toBeUndefined();
    expect(deps.lock.holders.get("shop")?.operationId).toBe("failover-1");
    expect(deps.operations.operations.get("failover-1")).toMatchObject({ startedBy: AUTO_FAILOVER_CALLER, status: "running" });
  });

  it("runs the plan as it is when the plan needs no approval", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(validPlan());
    await startAutoFailover(deps, decision("none"));
    expect(deps.engine.started[0]?.input.plan).toEqual(validPlan());
  });

  it("reports a busy plan or a missing plan without starting anything", async () => {
    const deps = fakeDependencies();
    await deps.plans.put(validPlan());
    await startAutoFailover(deps, decision("required"));
    const second = await startAutoFailover(deps, decision("required"));
    expect(second).toEqual({ started: false, code: "OperationConflict", message: 'Plan "shop" is busy with operation failover-1.' });
    expect(await startAutoFailover(deps, decision("required", "nothing"))).toMatchObject({ started: false, code: "PlanNotFound" });
    expect(deps.engine.started).toHaveLength(1);
  });
});
