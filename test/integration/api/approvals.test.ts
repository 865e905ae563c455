// Approvals through the real app: the decision is a durable external event, and who decided is the authenticated
// caller, recorded in the operation's timeline. In Azure that is the principal App Service authentication writes in
// x-ms-client-principal-name, believed only while that authentication is on; the lab's host stands in for it with
// `appServiceAuth`, and without it drops any principal header a caller sends, so a key holder cannot name a person.
import type { Operation, ProblemDetails } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab, type LabOptions } from "../../support/lab";

const PRINCIPAL = { "x-ms-client-principal-name": "alice@contoso.com", "x-ms-client-principal-id": "00000000-0000-0000-0000-00000000a11c" };

/** A lab whose `shop` plan stops at an approval after its first group. */
async function labWithApprovalGate(options: LabOptions): Promise<Lab> {
  const lab = await startLab({ estate: "shop", ...options });
  const plan = await shopPlan(lab);
  const groups = plan.groups as { after?: unknown[] }[];
  (groups[0] as { after?: unknown[] }).after = [{ type: "approval", prompt: "Is the database consistent?", timeoutMinutes: 60, onTimeout: "reject" }];
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  return lab;
}

async function advanceUntil(lab: Lab, id: string, done: (operation: Operation) => boolean): Promise<Operation> {
  let operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  for (let minute = 0; minute < 120 && !done(operation); minute++) {
    await lab.advance(60_000, { stepMs: 15_000 });
    operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  }
  return operation;
}

/** Starts a failover with the principal headers, waits at the gate, approves with them, and returns the outcome. */
async function failoverApprovedWithPrincipal(lab: Lab): Promise<{ started: Operation; decided: Operation }> {
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "approval test" }, headers: PRINCIPAL });
  expect(started.status).toBe(202);
  const id = started.body.id;
  const waiting = await advanceUntil(lab, id, (operation) => operation.status !== "running");
  expect(waiting.status).toBe("waitingForApproval");
  expect(waiting.pendingApproval).toMatchObject({ prompt: "Is the database consistent?", onTimeout: "reject" });

  const spoofed = await api(lab, "POST", `/operations/${id}/approve`, { json: { by: "someone-else" }, headers: PRINCIPAL });
  expect(spoofed.status).toBe(400);

  const approved = await api<Operation>(lab, "POST", `/operations/${id}/approve`, { json: { comment: "replica checked" }, headers: PRINCIPAL });
  expect(approved.status).toBe(200);
  const decided = await advanceUntil(lab, id, (operation) => operation.status !== "waitingForApproval");
  return { started: started.body, decided };
}

/** A lab with an approval gate for the tests of the enclosing describe block, stopped after them. */
function labForThisBlock(options: LabOptions): () => Lab {
  let lab: Lab | undefined;
  beforeAll(async () => {
    lab = await labWithApprovalGate(options);
  });
  afterAll(async () => {
    await lab?.stop();
  });
  return () => lab as Lab;
}

describe("with App Service authentication (the host stands in for it)", () => {
  const theLab = labForThisBlock({ appServiceAuth: true });

  it("records the signed-in principal, not a name from the body, and refuses a second decision", async () => {
    const lab = theLab();
    const { started, decided } = await failoverApprovedWithPrincipal(lab);
    expect(started.startedBy).toBe("alice@contoso.com");
    expect(decided.approvals).toEqual([expect.objectContaining({ decision: "approved", by: "alice@contoso.com", comment: "replica checked" })]);
    const second = await api<ProblemDetails>(lab, "POST", `/operations/${decided.id}/reject`, { json: {} });
    expect(second.status).toBe(409);
  });
});

describe("without App Service authentication", () => {
  const theLab = labForThisBlock({});

  it("records a principal header a key holder sends as the function key, for the start and the approval", async () => {
    const { started, decided } = await failoverApprovedWithPrincipal(theLab());
    expect(started.startedBy).toBe("function key");
    expect(decided.approvals).toEqual([expect.objectContaining({ decision: "approved", by: "function key", comment: "replica checked" })]);
    expect(JSON.stringify(decided)).not.toContain("alice@contoso.com");
  });
});
