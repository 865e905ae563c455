// Cancel mid-way and the approval step (rejected, timed out, approved) through the real API: decisions are durable
// external events raised by the HTTP handlers; the approver's identity is recorded.
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { itemActionPosts, readOperation, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(900_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  const groups = plan.groups as { name: string; items: string[]; after?: unknown[] }[];
  groups[1] = { ...(groups[1] as { name: string; items: string[] }), after: [{ type: "approval", prompt: "Open the web tier?", timeoutMinutes: 30, onTimeout: "reject" }] };
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
});

afterAll(async () => {
  await lab?.stop();
});

const waiting = (operation: Operation) => operation.status === "waitingForApproval";

describe("cancel", () => {
  it("stops a running failover mid-way: no later group, no traffic switch, the plan free again", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "to be canceled" });
    await runUntil(lab, started.id, { until: (operation) => operation.steps.some((step) => step.group === "db" && step.status === "running") });
    const cancel = await api(lab, "POST", `/operations/${started.id}/cancel`, { json: { reason: "false alarm" } });
    expect(cancel.status).toBe(202);
    const operation = await runUntil(lab, started.id);
    expect(operation.status).toBe("canceled");
    expect(operation.error?.code).toBe("Canceled");
    expect(operation.steps.filter((step) => step.group === "app" || step.group === "web").every((step) => step.status === "skipped")).toBe(true);
    const log = await lab.emulatorRequests();
    expect(trafficChanges(log)).toHaveLength(0);
    const appOrWeb = operation.steps.filter((step) => step.group !== "db" && step.item !== undefined).map((step) => (step.item as string).split("/").pop());
    expect(itemActionPosts(log).filter((entry) => appOrWeb.includes(entry.path.split("/").slice(-2, -1)[0]))).toHaveLength(0);
    // Let whatever ASR still runs for the db items end before the next operation.
    await lab.advance(30 * 60_000, { stepMs: 60_000 });
  });
});

describe("approval", () => {
  it("rejected: fails before the web group and the traffic switch, recording who rejected", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "approval: reject" });
    const pending = await runUntil(lab, started.id, { until: waiting });
    expect(pending.pendingApproval).toMatchObject({ prompt: "Open the web tier?", onTimeout: "reject" });
    expect((await api(lab, "POST", `/operations/${started.id}/reject`, { json: { comment: "not now" } })).status).toBe(200);
    const operation = await runUntil(lab, started.id);
    expect(operation.status).toBe("failed");
    expect(operation.error?.code).toBe("ApprovalRejected");
    expect(operation.approvals).toEqual([expect.objectContaining({ decision: "rejected", comment: "not now", by: pending.startedBy })]);
    expect(operation.steps.filter((step) => step.group === "web").every((step) => step.status === "skipped")).toBe(true);
    expect(trafficChanges(await lab.emulatorRequests())).toHaveLength(0);
  });

  it("timed out: the plan's onTimeout choice (reject) decides after the timeout", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "approval: time out" });
    const pending = await runUntil(lab, started.id, { until: waiting });
    const operation = await runUntil(lab, started.id);
    expect(operation.status).toBe("failed");
    expect(operation.error?.code).toBe("ApprovalTimedOut");
    expect(operation.approvals?.[0]?.decision).toBe("timedOut");
    const decidedAfterMs = Date.parse(operation.approvals?.[0]?.at as string) - Date.parse(pending.pendingApproval?.requestedAt as string);
    expect(decidedAfterMs).toBeGreaterThanOrEqual(30 * 60_000);
    expect(trafficChanges(await lab.emulatorRequests())).toHaveLength(0);
  });

  it("approved: goes on to the web group and switches traffic", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "approval: approve" });
    await runUntil(lab, started.id, { until: waiting });
    expect((await api(lab, "POST", `/operations/${started.id}/approve`, { json: { comment: "go" } })).status).toBe(200);
    const operation = await runUntil(lab, started.id);
    expect(operation.status).toBe("succeeded");
    expect(operation.approvals).toEqual([expect.objectContaining({ decision: "approved", comment: "go" })]);
    expect(operation.steps.filter((step) => step.group === "web" && step.item !== undefined).every((step) => step.status === "succeeded")).toBe(true);
    expect(trafficChanges(await lab.emulatorRequests())).toHaveLength(1);
    expect((await readOperation(lab, started.id)).pendingApproval).toBeUndefined();
  });
});
