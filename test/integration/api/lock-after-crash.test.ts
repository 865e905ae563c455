// The plan lock across a host crash: the lock lives in storage, so after a SIGKILL and restart the plan is still held
// by the same operation, and once that operation ends the plan takes the next one.
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

it("keeps the plan held by the running operation through a SIGKILL, and frees it when the operation ends", async () => {
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "crash test" } });
  expect(started.status).toBe(202);
  const id = started.body.id;
  await lab.advance(2 * 60_000, { stepMs: 15_000 });
  await lab.restartHost({ kill: "SIGKILL" });

  const refused = await api<ProblemDetails>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "second" } });
  expect(refused.status).toBe(409);
  expect(refused.body.operationId).toBe(id);

  let operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  for (let round = 0; round < 36 && ["running", "waitingForApproval"].includes(operation.status); round++) {
    await lab.advance(5 * 60_000, { stepMs: 30_000 });
    operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
  }
  expect(operation.status).toBe("succeeded");
  const listed = await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop&status=succeeded");
  expect(listed.body.value.map((entry) => entry.id)).toEqual([id]);

  const next = await api<Operation>(lab, "POST", "/plans/shop/commit", { json: { reason: "make it final" } });
  expect(next.status).toBe(202);
});
