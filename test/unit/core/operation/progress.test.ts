import type { Operation } from "@standby/client/contract";
import {
  awaitApproval,
  finishOperation,
  finishStep,
  itemStepId,
  operationResult,
  recordApproval,
  recoveryPointUsed,
  startOperation,
  startStep,
} from "../../../../functions/core/operation/progress";
import { sequenceOperation } from "../../../../functions/core/plan/sequence";
import { aPlan } from "../fixtures";

const T0 = Date.UTC(2026, 10, 27, 3, 0, 0);
const at = (seconds: number) => T0 + seconds * 1000;

function aFailover(): Operation {
  return startOperation({
    id: "op-1",
    plan: "shop",
    kind: "failover",
    startedBy: "alice@example.com",
    reason: "eastus outage",
    stages: sequenceOperation(aPlan(), "failover"),
    atMs: T0,
  });
}

const step = (operation: Operation, id: string) => {
  const found = operation.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

describe("operation progress", () => {
  it("starts running with every step pending: one per item, one per action, one for traffic", () => {
    const operation = aFailover();
    expect(operation).toMatchObject({
      id: "op-1",
      plan: "shop",
      kind: "failover",
      status: "running",
      startedBy: "alice@example.com",
      reason: "eastus outage",
      createdAt: "2026-11-27T03:00:00.000Z",
      updatedAt: "2026-11-27T03:00:00.000Z",
    });
    expect(operation.steps.map((s) => s.id)).toEqual([
      "failover/db/items/db-1",
      "failover/db/after/0",
      "failover/app/before/0",
      "failover/app/items/app-1",
      "failover/app/items/app-2",
      "failover/app/after/0",
      "failover/web/before/0",
      "failover/web/items/web-1",
      "failover/web/items/web-2",
      "failover/web/after/0",
      "traffic",
    ]);
    expect(step(operation, itemStepId("failover/db/items", "db-1"))).toEqual({
      id: "failover/db/items/db-1",
      name: "Planned failover of group db",
      group: "db",
      item: "db-1",
      status: "pending",
    });
    expect(operation.steps.every((s) => s.status === "pending")).toBe(true);
  });

  it("times a step from start to end and keeps its ASR job id", () => {
    let operation = startStep(aFailover(), "failover/db/items/db-1", at(1), "/jobs/j1");
    expect(step(operation, "failover/db/items/db-1")).toMatchObject({ status: "running", startedAt: "2026-11-27T03:00:01.000Z", jobId: "/jobs/j1" });
    operation = finishStep(operation, "failover/db/items/db-1", { status: "succeeded", atMs: at(481) });
    expect(step(operation, "failover/db/items/db-1")).toMatchObject({
      status: "succeeded",
      endedAt: "2026-11-27T03:08:01.000Z",
      durationMs: 480_000,
      jobId: "/jobs/j1",
    });
    expect(operation.updatedAt).toBe("2026-11-27T03:08:01.000Z");
  });

  it("records the failed item's error on its step", () => {
    const error = { code: "A2AFailoverFailed", message: "The VM could not start.", item: "app-2" };
    const operation = finishStep(startStep(aFailover(), "failover/app/items/app-2", at(5)), "failover/app/items/app-2", {
      status: "failed",
      atMs: at(65),
      error,
    });
    expect(step(operation, "failover/app/items/app-2")).toMatchObject({ status: "failed", error, durationMs: 60_000 });
  });

  it("ignores a repeated start or finish, as a replayed or twice-run activity would send", () => {
    const running = startStep(aFailover(), "failover/db/items/db-1", at(1));
    const again = startStep(running, "failover/db/items/db-1", at(9));
    expect(step(again, "failover/db/items/db-1").startedAt).toBe("2026-11-27T03:00:01.000Z");
    const done = finishStep(running, "failover/db/items/db-1", { status: "succeeded", atMs: at(10) });
    expect(finishStep(done, "failover/db/items/db-1", { status: "failed", atMs: at(20) })).toBe(done);
    expect(startStep(done, "failover/db/items/db-1", at(30))).toBe(done);
  });

  it("ends a step that never started with a zero duration", () => {
    const operation = finishStep(aFailover(), "failover/db/after/0", { status: "skipped", atMs: at(3) });
    expect(step(operation, "failover/db/after/0")).toMatchObject({ status: "skipped", durationMs: 0 });
  });

  it("refuses to touch a step that does not exist", () => {
    expect(() => startStep(aFailover(), "nope", at(1))).toThrow(RangeError);
  });

  it("never changes the operation it was given", () => {
    const operation = aFailover();
    const before = JSON.stringify(operation);
    finishStep(startStep(operation, "traffic", at(1)), "traffic", { status: "succeeded", atMs: at(2) });
    expect(JSON.stringify(operation)).toBe(before);
  });

  describe("approvals", () => {
    const pending = {
      stepId: "failover/web/after/0",
      prompt: "Open the gates?",
      requestedAt: "2026-11-27T03:20:00.000Z",
      timeoutAt: "2026-11-27T03:50:00.000Z",
      onTimeout: "reject" as const,
    };
    const waiting = () => awaitApproval(aFailover(), pending, at(1200));

    it("waits for approval with the prompt and deadline visible", () => {
      const operation = waiting();
      expect(operation.status).toBe("waitingForApproval");
      expect(operation.pendingApproval).toEqual(pending);
      expect(step(operation, pending.stepId).status).toBe("waitingForApproval");
    });

    it("goes on after an approval, recording who approved", () => {
      const decision = { stepId: pending.stepId, decision: "approved" as const, by: "bob@example.com", at: "2026-11-27T03:25:00.000Z" };
      const operation = recordApproval(waiting(), decision, at(1500));
      expect(operation.status).toBe("running");
      expect(operation.pendingApproval).toBeUndefined();
      expect(operation.approvals).toEqual([decision]);
      expect(step(operation, pending.stepId)).toMatchObject({ status: "succeeded", durationMs: 300_000 });
    });

    it("fails the approval step on a rejection, with the approver and comment", () => {
      const decision = { stepId: pending.stepId, decision: "rejected" as const, by: "bob", at: "x", comment: "not yet" };
      const operation = recordApproval(waiting(), decision, at(1500));
      expect(step(operation, pending.stepId)).toMatchObject({
        status: "failed",
        error: { code: "ApprovalRejected", message: "Rejected by bob: not yet." },
      });
    });

    it("applies the plan's on-timeout choice when nobody answers", () => {
      const timedOut = { stepId: pending.stepId, decision: "timedOut" as const, by: "standby", at: "x" };
      expect(step(recordApproval(waiting(), timedOut, at(3000)), pending.stepId)).toMatchObject({
        status: "failed",
        error: { code: "ApprovalTimedOut" },
      });
      const approving = awaitApproval(aFailover(), { ...pending, onTimeout: "approve" }, at(1200));
      expect(step(recordApproval(approving, timedOut, at(3000)), pending.stepId).status).toBe("succeeded");
    });

    it("ignores a decision when no approval is pending or it is for another step", () => {
      const decision = { stepId: pending.stepId, decision: "approved" as const, by: "bob", at: "x" };
      const running = aFailover();
      expect(recordApproval(running, decision, at(1))).toBe(running);
      const other = waiting();
      expect(recordApproval(other, { ...decision, stepId: "traffic" }, at(1))).toBe(other);
    });
  });

  describe("the end", () => {
    it("marks steps that never ran as skipped and running ones as canceled", () => {
      let operation = finishStep(startStep(aFailover(), "failover/db/items/db-1", at(1)), "failover/db/items/db-1", {
        status: "succeeded",
        atMs: at(100),
      });
      operation = startStep(operation, "failover/db/after/0", at(100));
      const canceled = finishOperation(operation, { status: "canceled", atMs: at(130) });
      expect(canceled.status).toBe("canceled");
      expect(step(canceled, "failover/db/items/db-1").status).toBe("succeeded");
      expect(step(canceled, "failover/db/after/0")).toMatchObject({ status: "canceled", durationMs: 30_000 });
      expect(canceled.steps.slice(2).every((s) => s.status === "skipped")).toBe(true);
    });

    it("keeps the first ending", () => {
      const failed = finishOperation(aFailover(), { status: "failed", atMs: at(5), error: { code: "X", message: "m" } });
      expect(finishOperation(failed, { status: "succeeded", atMs: at(6) })).toBe(failed);
      expect(failed.error).toEqual({ code: "X", message: "m" });
    });

    it("drops a pending approval when the operation ends", () => {
      const waiting = awaitApproval(
        aFailover(),
        { stepId: "failover/web/after/0", prompt: "p", requestedAt: "a", timeoutAt: "b", onTimeout: "reject" },
        at(1),
      );
      expect(finishOperation(waiting, { status: "canceled", atMs: at(2) }).pendingApproval).toBeUndefined();
    });
  });

  describe("result", () => {
    it("measures RTO from the start to the traffic switch", () => {
      let operation = aFailover();
      operation = finishStep(startStep(operation, "failover/web/items/web-2", at(100)), "failover/web/items/web-2", { status: "succeeded", atMs: at(900) });
      operation = finishStep(startStep(operation, "traffic", at(1000)), "traffic", { status: "succeeded", atMs: at(1012) });
      const points = [recoveryPointUsed("db-1", at(-45), at(1))];
      expect(operationResult(operation, points)).toEqual({ rtoSeconds: 1012, recoveryPoints: points });
    });

    it("measures RTO to the last item when the plan switches no traffic", () => {
      let operation = startOperation({
        id: "op-2",
        plan: "shop",
        kind: "failover",
        startedBy: "a",
        reason: "r",
        stages: sequenceOperation({ ...aPlan(), traffic: undefined }, "failover"),
        atMs: T0,
      });
      operation = finishStep(startStep(operation, "failover/app/items/app-1", at(10)), "failover/app/items/app-1", { status: "succeeded", atMs: at(700) });
      operation = finishStep(startStep(operation, "failover/db/items/db-1", at(10)), "failover/db/items/db-1", { status: "succeeded", atMs: at(400) });
      expect(operationResult(operation, []).rtoSeconds).toBe(700);
    });

    it("computes the data lost per item from its recovery point", () => {
      expect(recoveryPointUsed("db-1", at(0), at(75))).toEqual({
        item: "db-1",
        recoveryPointTime: "2026-11-27T03:00:00.000Z",
        dataLossSeconds: 75,
      });
      expect(recoveryPointUsed("db-1", at(80), at(75)).dataLossSeconds).toBe(0);
    });
  });
});
