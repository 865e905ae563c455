// Approvals (approved, rejected, timed out with either on-timeout choice, a decision for another step) and cancel
// (mid-group, during an approval), driven with scripted external events on the virtual clock.
import type { ApprovalAction, Plan } from "@standby/client/contract";
import { ACTIVITY } from "../../../functions/activities/names";
import { OPERATION_EVENT } from "../../../functions/orchestrations/contract";
import type { ItemActionInput } from "../../../functions/orchestrations/item-action";
import { TIMEOUT_DECIDER } from "../../../functions/orchestrations/stages/approval-step";
import { FakeEstate, shopPlan, startOf } from "./fake-estate";

const STEP = "failover/app/after/0";

function planWithApproval(onTimeout: ApprovalAction["onTimeout"] = "reject"): Plan {
  const plan = shopPlan();
  plan.groups[1] = { ...plan.groups[1]!, after: [{ type: "approval", prompt: "Open the gates?", timeoutMinutes: 30, onTimeout }] };
  return plan;
}

const startedItems = (estate: FakeEstate): string[] => estate.world.callsTo(ACTIVITY.startItemAction).map((call) => (call.input as ItemActionInput).item);

describe("approval step", () => {
  it("waits for the decision, records who approved, and goes on", () => {
    const plan = planWithApproval();
    const estate = new FakeEstate(plan);
    const startMs = estate.world.nowMs;
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "approved", by: "bob@example.com", comment: "go" }, atMs: startMs + 40 * 60_000 });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("succeeded");
    expect(operation.approvals).toEqual([{ stepId: STEP, decision: "approved", by: "bob@example.com", comment: "go", at: expect.any(String) }]);
    expect(operation.steps.find((step) => step.id === STEP)?.status).toBe("succeeded");
    expect(estate.events).toEqual(["Standby.Operation.Started", "Standby.Operation.ApprovalRequired", "Standby.Operation.Completed"]);
    expect(startedItems(estate)).toContain("web-1");
  });

  it("shows the pending approval while it waits", () => {
    const plan = planWithApproval();
    const estate = new FakeEstate(plan);
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "approved", by: "bob" }, when: () => true });
    estate.run(startOf(plan, "failover"));
    const waiting = estate.world.statuses.find((status) => (status as { status: string }).status === "waitingForApproval") as { pendingApproval: unknown };
    expect(waiting.pendingApproval).toMatchObject({ stepId: STEP, prompt: "Open the gates?", onTimeout: "reject" });
    const saved = estate.saved.find((operation) => operation.status === "waitingForApproval");
    expect(saved?.pendingApproval?.stepId).toBe(STEP);
  });

  it("fails on rejection before the next group and traffic", () => {
    const plan = planWithApproval();
    const estate = new FakeEstate(plan);
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "rejected", by: "carol", comment: "not yet" }, when: () => true });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "ApprovalRejected", message: "Rejected by carol: not yet." });
    expect(startedItems(estate)).not.toContain("web-1");
    expect(estate.trafficChanges).toHaveLength(0);
  });

  it("applies the plan's on-timeout choice when nobody answers: reject", () => {
    const plan = planWithApproval("reject");
    const estate = new FakeEstate(plan);
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("failed");
    expect(operation.error?.code).toBe("ApprovalTimedOut");
    expect(operation.approvals).toEqual([expect.objectContaining({ decision: "timedOut", by: TIMEOUT_DECIDER })]);
    const step = operation.steps.find((candidate) => candidate.id === STEP);
    expect(Date.parse(step?.endedAt as string) - Date.parse(step?.startedAt as string)).toBe(30 * 60_000);
  });

  it("applies the plan's on-timeout choice when nobody answers: approve", () => {
    const plan = planWithApproval("approve");
    const estate = new FakeEstate(plan);
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("succeeded");
    expect(operation.approvals?.[0]?.decision).toBe("timedOut");
    expect(estate.trafficChanges).toHaveLength(1);
  });

  it("ignores a decision for another step and malformed decisions, and keeps waiting", () => {
    const plan = planWithApproval("reject");
    const estate = new FakeEstate(plan);
    const base = estate.world.nowMs;
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "approved", by: "bob", stepId: "failover/web/after/9" }, atMs: base + 20 * 60_000 });
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "maybe", by: "bob" }, atMs: base + 21 * 60_000 });
    estate.world.raise({ name: OPERATION_EVENT.approval, data: { decision: "approved", by: "dave", stepId: STEP }, atMs: base + 22 * 60_000 });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("succeeded");
    expect(operation.approvals).toEqual([expect.objectContaining({ decision: "approved", by: "dave" })]);
  });
});

describe("cancel", () => {
  it("stops starting new work, asks ASR to stop the running items, and ends canceled", () => {
    const plan = shopPlan({ failover: { maxParallelItems: 2 } });
    plan.groups[0] = { name: "db", items: ["db-1"] };
    const estate = new FakeEstate(plan);
    estate.world.raise({
      name: OPERATION_EVENT.cancel,
      data: { by: "erin", reason: "false alarm" },
      // Due once db-1 started: it wins against the app group's first batch, which is scheduled but unanswered.
      when: (world) => world.callsTo(ACTIVITY.startItemAction).length >= 1,
    });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("canceled");
    expect(operation.error).toEqual({ code: "Canceled", message: "Canceled by erin: false alarm." });
    expect(startedItems(estate)).toEqual(["db-1"]);
    expect(estate.world.callsTo(ACTIVITY.cancelItemAction).map((call) => (call.input as { itemId: string }).itemId.split("/").pop())).toEqual(["app-1", "app-2"]);
    // app-1 and app-2 were running (scheduled, not answered); app-3's batch never started.
    expect(operation.steps.filter((step) => step.group === "app").map((step) => step.status)).toEqual(["canceled", "canceled", "skipped"]);
    expect(operation.steps.filter((step) => step.group === "web").every((step) => step.status === "skipped")).toBe(true);
    expect(estate.trafficChanges).toHaveLength(0);
    expect(estate.lockReleases).toHaveLength(1);
    expect(estate.events[estate.events.length - 1]).toBe("Standby.Operation.Completed");
  });

  it("cancels while waiting for an approval", () => {
    const plan = planWithApproval();
    const estate = new FakeEstate(plan);
    estate.world.raise({ name: OPERATION_EVENT.cancel, data: { by: "erin" }, when: (world) => world.callsTo(ACTIVITY.publishOperationEvent).length >= 2 });
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("canceled");
    expect(operation.pendingApproval).toBeUndefined();
    expect(operation.steps.find((step) => step.id === STEP)?.status).toBe("canceled");
    expect(startedItems(estate)).not.toContain("web-1");
  });
});
