import type { Operation } from "@standby/client/contract";
import { holderState } from "../../../functions/http/operation-engine";
import { FakeEngine } from "./fakes";

function document(status: Operation["status"]): Operation {
  return {
    id: "op-1",
    plan: "shop",
    kind: "failover",
    status,
    startedBy: "function key",
    reason: "drill",
    createdAt: "2026-03-01T10:00:00.000Z",
    updatedAt: "2026-03-01T10:05:00.000Z",
    steps: [],
  } as Operation;
}

describe("whether the operation holding a plan's lock still runs", () => {
  const engine = new FakeEngine();

  it("does not know an operation the engine has never seen", async () => {
    expect(await holderState(engine, "op-unknown")).toBe("unknown");
  });

  it("is active while the workflow runs and its operation has not ended", async () => {
    engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: document("running") });
    expect(await holderState(engine, "op-1")).toBe("active");
    engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: document("waitingForApproval") });
    expect(await holderState(engine, "op-1")).toBe("active");
    engine.instances.set("op-1", { runtimeStatus: "Pending" });
    expect(await holderState(engine, "op-1")).toBe("active");
  });

  it("has ended once the operation shows its end, even while the workflow still releases the lock", async () => {
    for (const status of ["succeeded", "failed", "canceled"] as const) {
      engine.instances.set("op-1", { runtimeStatus: "Running", customStatus: document(status) });
      expect({ status, holder: await holderState(engine, "op-1") }).toEqual({ status, holder: "ended" });
    }
  });

  it("has ended when the workflow has, whatever it last showed", async () => {
    engine.instances.set("op-1", { runtimeStatus: "Terminated", customStatus: document("running") });
    expect(await holderState(engine, "op-1")).toBe("ended");
    engine.instances.set("op-1", { runtimeStatus: "Completed", output: document("succeeded") });
    expect(await holderState(engine, "op-1")).toBe("ended");
  });
});
