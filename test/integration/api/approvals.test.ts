// Approvals through the real app: the decision is a durable external event, and who decided is the authenticated
// caller (App Service authentication's principal in Azure), recorded in the operation's timeline.
import type { Operation, ProblemDetails } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  const groups = plan.groups as { after?: unknown[] }[];
  (groups[0] as { after?: unknown[] }).after = [{ type: "approval", prompt: "Is the database consistent?", timeoutMinutes: 60, onTimeout: "reject" }];
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
});

afterAll(async () => {
  await lab?.stop();
});

async function advanceUntil(id: string, done: (operation: Operation) => boolean): Promise<Operation> {
  let operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  for (let minute = 0; minute < 120 && !done(operation); minute++) {
    await lab.advance(60_000, { stepMs: 15_000 });
    operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  }
  return operation;
}

it("records the authenticated approver, not a name from the body, and refuses a second decision", async () => {
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "approval test" } });
  expect(started.status).toBe(202);
  const id = started.body.id;
  const waiting = await advanceUntil(id, (operation) => operation.status !== "running");
  expect(waiting.status).toBe("waitingForApproval");
  expect(waiting.pendingApproval).toMatchObject({ prompt: "Is the database consistent?", onTimeout: "reject" });

  const spoofed = await api(lab, "POST", `/operations/${id}/approve`, { json: { by: "someone-else" } });
  expect(spoofed.status).toBe(400);

  const approved = await api<Operation>(lab, "POST", `/operations/${id}/approve`, {
    json: { comment: "replica checked" },
    headers: { "x-ms-client-principal-name": "alice@contoso.com" },
  });
  expect(approved.status).toBe(200);

  const after = await advanceUntil(id, (operation) => operation.status !== "waitingForApproval");
  expect(after.approvals).toEqual([expect.objectContaining({ decision: "approved", by: "alice@contoso.com", comment: "replica checked" })]);
  const second = await api<ProblemDetails>(lab, "POST", `/operations/${id}/reject`, { json: {} });
  expect(second.status).toBe(409);
});
