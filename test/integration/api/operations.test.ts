// Starting operations through the real app: the plan lock admits exactly one of many concurrent failover
// requests, the others get 409 naming it; the started operation can be read, listed and decided on.
import type { Operation, ProblemDetails } from "@standby/client/contract";
import { api, startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

describe("concurrent failover requests for one plan", () => {
  let winner: Operation;

  it("answer exactly one 202 and nine 409s naming the running operation", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => api<Operation | ProblemDetails>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: `request ${index}` } })),
    );
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(9);
    winner = accepted[0]?.body as Operation;
    expect(accepted[0]?.headers.get("location")).toBe(`/api/v1/operations/${winner.id}`);
    expect(Number(accepted[0]?.headers.get("retry-after"))).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.contentType).toContain("application/problem+json");
      expect((answer.body as ProblemDetails).operationId).toBe(winner.id);
    }
  });

  it("keep the plan busy for any kind of operation while it runs", async () => {
    const commit = await api<ProblemDetails>(lab, "POST", "/plans/shop/commit", { json: {} });
    expect(commit.status).toBe(409);
    expect(commit.body.operationId).toBe(winner.id);
    const remove = await api<ProblemDetails>(lab, "DELETE", "/plans/shop");
    expect(remove.status).toBe(409);
    expect(remove.body.operationId).toBe(winner.id);
  });

  it("show the started operation by id and in the plan's list, with who started it", async () => {
    const read = await api<Operation>(lab, "GET", `/operations/${winner.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: winner.id, plan: "shop", kind: "failover", startedBy: "function key" });
    expect(read.body.steps.length).toBeGreaterThan(0);
    const listed = await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop");
    // The nine refused requests (and the refused commit) left no operation behind.
    expect(listed.body.value.map((operation) => operation.id)).toEqual([winner.id]);
    expect((await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=other")).body.value).toEqual([]);
  });

  it("refuse an approval the operation is not waiting for", async () => {
    const answer = await api<ProblemDetails>(lab, "POST", `/operations/${winner.id}/approve`, { json: { comment: "go" } });
    expect(answer.status).toBe(409);
    expect(answer.body.type).toMatch(/OperationNotWaitingForApproval$/);
  });

  it("cancel on request; the canceled operation frees the plan for the next one", async () => {
    const cancel = await api<Operation>(lab, "POST", `/operations/${winner.id}/cancel`, { json: { reason: "wrong region" } });
    expect(cancel.status).toBe(202);
    expect(cancel.headers.get("location")).toBe(`/api/v1/operations/${winner.id}`);
    let operation = cancel.body;
    for (let step = 0; step < 120 && !["succeeded", "failed", "canceled"].includes(operation.status); step++) {
      await lab.advance(60_000, { stepMs: 15_000 });
      operation = (await api<Operation>(lab, "GET", `/operations/${winner.id}`)).body;
    }
    expect(operation.status).toBe("canceled");
    const again = await api<ProblemDetails>(lab, "POST", `/operations/${winner.id}/cancel`, { json: {} });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/OperationFinished$/);
    const next = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "retry" } });
    expect(next.status).toBe(202);
    expect(next.body.id).not.toBe(winner.id);
  });
});
