// Starting operations and deciding on them, with in-memory fakes: the lock decides, the engine gets the start,
// identity comes from the authenticated caller, and every refusal leaves nothing behind.
import type { Operation, ProblemDetails } from "@standby/client/contract";
import { approvalHandler, cancelOperation } from "../../../functions/http/handlers/decisions";
import { getOperation, listOperations } from "../../../functions/http/handlers/operations";
import { POLL_AFTER_SECONDS, beginOperation, startOperationHandler } from "../../../functions/http/handlers/start-operation";
import { runHandler } from "../../../functions/http/routes";
import { OPERATION_EVENT, ORCHESTRATION } from "../../../functions/orchestrations/contract";
import { NOW_MS, apiRequest, fakeDependencies, validPlan, type TestDependencies } from "./fakes";

let deps: TestDependencies;

beforeEach(async () => {
  deps = fakeDependencies();
  await deps.plans.put(validPlan("shop"));
});

const failover = (json: unknown, caller = "alice@contoso.com") =>
  runHandler(startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan: "shop" }, json, caller }), deps);

describe("POST /plans/{plan}/failover", () => {
  it("takes the lock, starts the orchestration and answers 202 with Location, Retry-After and the new operation", async () => {
    const answer = await failover({ mode: "unplanned", reason: "eastus is down" });
    expect(answer.status).toBe(202);
    expect(answer.headers).toEqual({ Location: "/api/v1/operations/failover-1", "Retry-After": String(POLL_AFTER_SECONDS) });
    const operation = answer.body as Operation;
    expect(operation).toMatchObject({ id: "failover-1", plan: "shop", kind: "failover", status: "running", startedBy: "alice@contoso.com", reason: "eastus is down" });
    expect(operation.createdAt).toBe(new Date(NOW_MS).toISOString());
    expect(operation.steps.map((step) => step.item).filter(Boolean)).toEqual(["db-1", "db-2", "web-1"]);

    expect(deps.engine.started).toHaveLength(1);
    const [started] = deps.engine.started;
    expect(started?.orchestration).toBe(ORCHESTRATION.failover);
    expect(started?.input).toMatchObject({
      operationId: "failover-1",
      kind: "failover",
      plan: validPlan("shop"),
      planEtag: '"v1"',
      request: { mode: "unplanned", reason: "eastus is down" },
      startedBy: "alice@contoso.com",
      requestedAtMs: NOW_MS,
    });
    expect(deps.lock.holders.get("shop")?.operationId).toBe("failover-1");
    expect(deps.operations.operations.get("failover-1")).toEqual(operation);
  });

  it("starts through beginOperation for any starter, under the same lock", async () => {
    const operation = await beginOperation(deps, "shop", { kind: "failover", body: { mode: "unplanned", reason: "policy" } }, "standby:auto-failover");
    expect(operation).toMatchObject({ status: "running", startedBy: "standby:auto-failover" });
    expect(deps.engine.started[0]?.input.startedBy).toBe("standby:auto-failover");
    const refused = await failover({ mode: "planned", reason: "operator" });
    expect((refused.body as ProblemDetails).operationId).toBe(operation.id);
  });

  it("answers 409 naming the running operation while the plan is busy, and starts nothing", async () => {
    expect((await failover({ mode: "planned", reason: "first" })).status).toBe(202);
    const second = await failover({ mode: "planned", reason: "second" });
    expect(second.status).toBe(409);
    expect((second.body as ProblemDetails).operationId).toBe("failover-1");
    expect(deps.engine.started).toHaveLength(1);
    expect([...deps.operations.operations.keys()]).toEqual(["failover-1"]);
  });

  it("admits a new operation once the holder has ended", async () => {
    await failover({ mode: "planned", reason: "first" });
    deps.engine.instances.set("failover-1", { runtimeStatus: "Completed" });
    const commit = await runHandler(startOperationHandler("commit"), apiRequest({ method: "POST", params: { plan: "shop" } }), deps);
    expect(commit.status).toBe(202);
    expect((commit.body as Operation).reason).toBe("No reason given.");
    expect(deps.engine.started.map((start) => start.orchestration)).toEqual([ORCHESTRATION.failover, ORCHESTRATION.commit]);
  });

  it("releases the lock and stores nothing when the start fails", async () => {
    deps.engine.failStarts = true;
    const answer = await failover({ mode: "planned", reason: "x" });
    expect(answer.status).toBe(500);
    expect((answer.body as ProblemDetails).detail).not.toContain("task hub");
    expect(deps.reported).toHaveLength(1);
    expect(deps.lock.holders.size).toBe(0);
    expect(deps.lock.released).toEqual(["failover-1"]);
    expect(deps.operations.operations.size).toBe(0);
  });

  it.each([
    [{}, ["/mode", "/reason"]],
    [{ mode: "sideways", reason: "" }, ["/mode", "/reason"]],
    [{ mode: "planned", reason: "ok", force: "yes", extra: 1 }, ["/force"]],
  ])("answers 400 with pointers to %j and takes no lock", async (body, pointers) => {
    const answer = await failover(body);
    expect(answer.status).toBe(400);
    const errors = (answer.body as ProblemDetails).errors ?? [];
    expect(errors.map((error) => error.pointer)).toEqual(expect.arrayContaining(pointers));
    expect(deps.lock.holders.size).toBe(0);
    expect(deps.engine.started).toHaveLength(0);
  });

  it("answers 404 for an unknown plan before taking any lock", async () => {
    const answer = await runHandler(startOperationHandler("failback"), apiRequest({ method: "POST", params: { plan: "ghost" }, json: { reason: "x" } }), deps);
    expect(answer.status).toBe(404);
    expect(deps.lock.holders.size).toBe(0);
  });

  it("answers 413 from the declared length without reading the body, and from the actual size", async () => {
    const declared = await runHandler(
      startOperationHandler("failover"),
      { ...apiRequest({ method: "POST", params: { plan: "shop" }, headers: { "content-length": String(5 * 1024 * 1024) } }), body: () => Promise.reject(new Error("must not read")) },
      deps,
    );
    expect(declared.status).toBe(413);
    const actual = await runHandler(startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan: "shop" }, body: Buffer.alloc(1024 * 1024 + 1, 32) }), deps);
    expect(actual.status).toBe(413);
    expect(deps.engine.started).toHaveLength(0);
  });

  it("answers 400 to JSON that does not parse, and 415 to another media type", async () => {
    const broken = await runHandler(startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan: "shop" }, body: "{", headers: { "content-type": "application/json" } }), deps);
    expect(broken.status).toBe(400);
    expect((broken.body as ProblemDetails).errors?.[0]?.pointer).toBe("");
    const text = await runHandler(startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan: "shop" }, body: "mode=planned", headers: { "content-type": "text/plain" } }), deps);
    expect(text.status).toBe(415);
  });
});

function running(id: string, extra: Partial<Operation> = {}): Operation {
  return { id, plan: "shop", kind: "failover", status: "running", startedBy: "alice", reason: "r", createdAt: "2026-03-01T10:00:00.000Z", updatedAt: "2026-03-01T10:00:00.000Z", steps: [], ...extra };
}

describe("GET /operations/{id}", () => {
  it("prefers the workflow's live document and asks to poll again while it runs", async () => {
    await deps.operations.saveIfAbsent(running("op-1"));
    const live = running("op-1", { steps: [{ id: "s", name: "db", status: "running" }] });
    deps.engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: live });
    const answer = await runHandler(getOperation, apiRequest({ params: { operationId: "op-1" } }), deps);
    expect(answer).toEqual({ status: 200, headers: { "Retry-After": String(POLL_AFTER_SECONDS) }, body: live });
  });

  it("reads the stored timeline only when the engine has no live document", async () => {
    const reads = jest.spyOn(deps.operations, "get");
    deps.engine.instances.set("op-6", { runtimeStatus: "Running", customStatus: running("op-6") });
    await runHandler(getOperation, apiRequest({ params: { operationId: "op-6" } }), deps);
    expect(reads).not.toHaveBeenCalled();
    deps.engine.instances.set("op-7", { runtimeStatus: "Pending" });
    await deps.operations.saveIfAbsent(running("op-7"));
    expect((await runHandler(getOperation, apiRequest({ params: { operationId: "op-7" } }), deps)).body).toEqual(running("op-7"));
    expect(reads).toHaveBeenCalledWith("op-7");
  });

  it("reports failed when the engine says the workflow failed before recording it", async () => {
    await deps.operations.saveIfAbsent(running("op-2"));
    deps.engine.instances.set("op-2", { runtimeStatus: "Failed", output: "Orchestrator function 'x' failed: boom" });
    const answer = await runHandler(getOperation, apiRequest({ params: { operationId: "op-2" } }), deps);
    expect(answer.headers).toEqual({});
    expect(answer.body).toMatchObject({ status: "failed", error: { code: "WorkflowFailed", message: expect.stringContaining("boom") } });
  });

  it("reports canceled when the instance was terminated outside the workflow", async () => {
    deps.engine.instances.set("op-5", { runtimeStatus: "Terminated", customStatus: running("op-5"), output: "stopped by an operator" });
    const answer = await runHandler(getOperation, apiRequest({ params: { operationId: "op-5" } }), deps);
    expect(answer.body).toMatchObject({ status: "canceled", error: { code: "WorkflowTerminated", message: "stopped by an operator" } });
  });

  it("falls back to the stored timeline, and answers 404 when neither knows the id", async () => {
    await deps.operations.saveIfAbsent(running("op-3", { status: "succeeded" }));
    expect((await runHandler(getOperation, apiRequest({ params: { operationId: "op-3" } }), deps)).body).toMatchObject({ status: "succeeded" });
    expect((await runHandler(getOperation, apiRequest({ params: { operationId: "op-4" } }), deps)).status).toBe(404);
  });

  it("lists by plan and status, refusing unknown statuses", async () => {
    await deps.operations.saveIfAbsent(running("op-1"));
    await deps.operations.saveIfAbsent(running("op-2", { status: "failed" }));
    const answer = await runHandler(listOperations, apiRequest({ query: { plan: "shop", status: "failed" } }), deps);
    expect((answer.body as { value: Operation[] }).value.map((operation) => operation.id)).toEqual(["op-2"]);
    expect((await runHandler(listOperations, apiRequest({ query: { status: "done" } }), deps)).status).toBe(400);
  });
});

describe("GET /operations shows each operation as GET /operations/{id} does", () => {
  const list = async (query: Record<string, string> = {}) => ((await runHandler(listOperations, apiRequest({ query }), deps)).body as { value: Operation[] }).value;

  beforeEach(async () => {
    await deps.operations.saveIfAbsent(running("op-dead"));
    deps.engine.instances.set("op-dead", { runtimeStatus: "Terminated", output: "stopped by an operator" });
    await deps.operations.saveIfAbsent(running("op-failed"));
    deps.engine.instances.set("op-failed", { runtimeStatus: "Failed", output: "boom" });
    await deps.operations.saveIfAbsent(running("op-live"));
    deps.engine.instances.set("op-live", { runtimeStatus: "Running", customStatus: running("op-live", { steps: [{ id: "s", name: "db", status: "running" }] }) });
    await deps.operations.saveIfAbsent(running("op-done", { status: "succeeded" }));
  });

  it("answers the engine's word for an operation whose timeline records no end", async () => {
    const byId = new Map((await list()).map((operation) => [operation.id, operation]));
    expect(byId.get("op-dead")).toMatchObject({ status: "canceled", error: { code: "WorkflowTerminated" } });
    expect(byId.get("op-failed")).toMatchObject({ status: "failed", error: { code: "WorkflowFailed", message: "boom" } });
    expect(byId.get("op-live")?.steps).toHaveLength(1);
    for (const id of ["op-dead", "op-failed", "op-live"]) {
      const single = await runHandler(getOperation, apiRequest({ params: { operationId: id } }), deps);
      expect(byId.get(id)).toEqual(single.body);
    }
  });

  it("leaves an operation that died without recording it out of ?status=running", async () => {
    expect((await list({ status: "running" })).map((operation) => operation.id)).toEqual(["op-live"]);
  });

  it("asks the engine only about the operations of the page whose timeline records no end", async () => {
    const reads = jest.spyOn(deps.engine, "instance");
    await list();
    expect(reads.mock.calls.map(([id]) => id).sort()).toEqual(["op-dead", "op-failed", "op-live"]);
    reads.mockClear();
    expect((await list({ status: "succeeded" })).map((operation) => operation.id)).toEqual(["op-done"]);
    expect(reads).not.toHaveBeenCalled();
  });
});

describe("approve, reject and cancel", () => {
  const pending = { stepId: "web/after/0", prompt: "Open the gates?", requestedAt: "2026-03-01T10:05:00.000Z", timeoutAt: "2026-03-01T10:35:00.000Z", onTimeout: "reject" as const };

  it("raises the approval event with the authenticated caller and the pending step, ignoring any name in the body", async () => {
    deps.engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: running("op-1", { status: "waitingForApproval", pendingApproval: pending }) });
    const approve = approvalHandler("approved");
    const answer = await runHandler(approve, apiRequest({ method: "POST", params: { operationId: "op-1" }, json: { comment: "go" }, caller: "bob@contoso.com" }), deps);
    expect(answer.status).toBe(200);
    expect(deps.engine.raised).toEqual([{ operationId: "op-1", eventName: OPERATION_EVENT.approval, data: { decision: "approved", by: "bob@contoso.com", comment: "go", stepId: "web/after/0" } }]);

    const spoofed = await runHandler(approve, apiRequest({ method: "POST", params: { operationId: "op-1" }, json: { by: "ceo" } }), deps);
    expect(spoofed.status).toBe(400);
    expect(deps.engine.raised).toHaveLength(1);
  });

  it("answers 409 to a decision when nothing waits for one, and to anything on an ended operation", async () => {
    deps.engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: running("op-1") });
    const reject = await runHandler(approvalHandler("rejected"), apiRequest({ method: "POST", params: { operationId: "op-1" } }), deps);
    expect(reject.status).toBe(409);
    expect((reject.body as ProblemDetails).type).toMatch(/OperationNotWaitingForApproval$/);
    deps.engine.instances.set("op-9", { runtimeStatus: "Completed", output: running("op-9", { status: "succeeded" }) });
    const cancel = await runHandler(cancelOperation, apiRequest({ method: "POST", params: { operationId: "op-9" } }), deps);
    expect(cancel.status).toBe(409);
    expect((cancel.body as ProblemDetails).type).toMatch(/OperationFinished$/);
    expect(deps.engine.raised).toEqual([]);
  });

  it("answers 409 when only the stored timeline remains and no workflow could receive the decision", async () => {
    await deps.operations.saveIfAbsent(running("op-lost"));
    const answer = await runHandler(cancelOperation, apiRequest({ method: "POST", params: { operationId: "op-lost" } }), deps);
    expect(answer.status).toBe(409);
    expect((answer.body as ProblemDetails).type).toMatch(/OperationFinished$/);
    expect(deps.engine.raised).toEqual([]);
  });

  it("raises the cancel event and answers 202 with the operation to watch", async () => {
    deps.engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: running("op-1") });
    const answer = await runHandler(cancelOperation, apiRequest({ method: "POST", params: { operationId: "op-1" }, json: { reason: "wrong region" }, caller: "carol" }), deps);
    expect(answer.status).toBe(202);
    expect(answer.headers?.Location).toBe("/api/v1/operations/op-1");
    expect(deps.engine.raised).toEqual([{ operationId: "op-1", eventName: OPERATION_EVENT.cancel, data: { by: "carol", reason: "wrong region" } }]);
  });
});
