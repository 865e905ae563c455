import "./registrations";
import { knobs, resetApp, runs } from "./app";
import { InstanceExistsError, InstanceNotFoundError } from "../../../local/host/durable/contract";
import { eventTypes, startTestEngine, type TestEngine } from "./setup";
import { MemoryTaskHubStore } from "../../../local/host/durable/memory-store";

describe("durable engine: instance management", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("terminates a running instance with its reason", async () => {
    const id = await test.engine.startNew("Approval");
    await test.engine.whenIdle();
    await test.engine.terminate(id, "operator said stop");
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Terminated", output: "operator said stop" });
    expect(eventTypes(await test.engine.getHistory(id)).slice(-3)).toEqual(["OrchestratorStarted", "ExecutionTerminated", "OrchestratorCompleted"]);
    // Its timer firing later changes nothing.
    await test.clock.advance(2 * 3600_000);
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Terminated");
  });

  it("holds events while suspended and processes them after resume", async () => {
    const id = await test.engine.startNew("Approval");
    await test.engine.whenIdle();
    await test.engine.suspend(id, "maintenance");
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Suspended");

    await test.engine.raiseEvent(id, "Approve", "bob");
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Suspended");

    await test.engine.resume(id, "done");
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: { approved: true, by: "bob" } });
    const types = eventTypes(await test.engine.getHistory(id));
    expect(types.indexOf("ExecutionSuspended")).toBeLessThan(types.indexOf("ExecutionResumed"));
    expect(types.indexOf("ExecutionResumed")).toBeLessThan(types.indexOf("EventRaised"));
  });

  it("starts an instance suspended before its first episode once it is resumed", async () => {
    const id = await test.engine.startNew("HelloSequence");
    await test.engine.suspend(id, "not yet");
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Suspended");
    expect(runs.get("SayHello")).toBeUndefined();
    await test.engine.resume(id, "go");
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Completed");
  });

  it("purges a finished instance and refuses to purge a running one", async () => {
    const done = await test.engine.startNew("HelloSequence");
    const running = await test.engine.startNew("Approval");
    await test.engine.whenIdle();
    await expect(test.engine.purge(running)).rejects.toThrow(/only finished instances can be purged/);
    expect(await test.engine.purge(done)).toBe(true);
    expect(await test.engine.getStatus(done)).toBeUndefined();
    expect(await test.engine.purge(done)).toBe(false);
    expect(await test.engine.getStatus(running)).toBeDefined();
  });

  it("refuses a second running instance with the same id but restarts a finished one", async () => {
    await test.engine.startNew("Approval", { instanceId: "single" });
    await expect(test.engine.startNew("Approval", { instanceId: "single" })).rejects.toBeInstanceOf(InstanceExistsError);
    await test.engine.startNew("HelloSequence", { instanceId: "again" });
    await test.engine.whenIdle();
    await test.engine.startNew("HelloSequence", { instanceId: "again" });
    await test.engine.whenIdle();
    expect((await test.engine.getStatus("again"))?.runtimeStatus).toBe("Completed");
    expect(runs.get("SayHello")).toBe(6);
  });

  it("rejects bad input with a clear error and stores nothing", async () => {
    await expect(test.engine.startNew("NoSuchOrchestrator")).rejects.toThrow(/no orchestration function named 'NoSuchOrchestrator'/);
    await expect(test.engine.startNew("HelloSequence", { instanceId: "bad/id" })).rejects.toThrow(/must not contain/);
    await expect(test.engine.startNew("HelloSequence", { instanceId: "@entity" })).rejects.toThrow(/must not start with '@'/);
    await expect(test.engine.terminate("ghost", "x")).rejects.toBeInstanceOf(InstanceNotFoundError);
    await expect(test.engine.signalEntity({ name: "NoSuchEntity", key: "k" }, "op")).rejects.toThrow(/no entity function named/);
    await expect(test.engine.signalEntity({ name: "Account", key: "" }, "op")).rejects.toThrow(/non-empty key/);
    expect(await test.engine.listInstances()).toEqual([]);
    expect(await test.store.loadMessages()).toEqual([]);
  });

  it("refuses a concurrency limit that is not a positive whole number", async () => {
    await expect(startTestEngine({ maxConcurrentActivities: 0 })).rejects.toThrow(RangeError);
    await expect(startTestEngine({ maxConcurrentActivities: 2.5 })).rejects.toThrow(/positive integer/);
  });

  it("whenIdle resolves while instances wait for events or future timers", async () => {
    await test.engine.startNew("Approval");
    await test.engine.startNew("Sleeper", { input: 600 });
    await test.engine.whenIdle();
    expect((await test.engine.listInstances({ runtimeStatus: ["Running"] })).length).toBe(2);
  });

  it("abandons work in flight on stop, and the next start runs it again (at least once)", async () => {
    const store = new MemoryTaskHubStore();
    let release!: () => void;
    knobs.gate = new Promise((resolve) => (release = resolve));
    const first = await startTestEngine({ store, clock: test.clock });
    const id = await first.engine.startNew("FanOut", { input: 2 });
    while ((runs.get("Slow") ?? 0) < 2) await new Promise((resolve) => setImmediate(resolve));

    const stopping = first.engine.stop();
    release();
    await stopping;
    expect((await store.loadMessages()).filter((message) => message.kind === "activity")).toHaveLength(2);

    const second = await startTestEngine({ store, clock: test.clock });
    await second.engine.whenIdle();
    expect(await second.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: 2 });
    expect(runs.get("Slow")).toBe(4);
    await second.engine.stop();
  });
});
