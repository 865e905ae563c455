import "./registrations";
import { knobs, resetApp, runs } from "./app";
import { startTestEngine, eventTypes, type TestEngine } from "./setup";

describe("durable engine: orchestrations through the real durable-functions replay", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("runs a sequence of activities and records the history the Durable Task Framework records", async () => {
    const id = await test.engine.startNew("HelloSequence", { instanceId: "hello-1" });
    await test.engine.whenIdle();

    const status = await test.engine.getStatus(id);
    expect(status).toMatchObject({ runtimeStatus: "Completed", output: ["Hello Tokyo!", "Hello Seattle!", "Hello London!"], name: "HelloSequence" });
    const history = await test.engine.getHistory(id);
    expect(eventTypes(history)).toEqual([
      "OrchestratorStarted", "ExecutionStarted", "TaskScheduled", "OrchestratorCompleted",
      "OrchestratorStarted", "TaskCompleted", "TaskScheduled", "OrchestratorCompleted",
      "OrchestratorStarted", "TaskCompleted", "TaskScheduled", "OrchestratorCompleted",
      "OrchestratorStarted", "TaskCompleted", "ExecutionCompleted", "OrchestratorCompleted",
    ]);
    const scheduled = history.filter((event) => event.EventType === 4);
    expect(scheduled.map((event) => [event.EventId, event.Name, event.Input])).toEqual([
      [0, "SayHello", '"Tokyo"'], [1, "SayHello", '"Seattle"'], [2, "SayHello", '"London"'],
    ]);
    const completed = history.filter((event) => event.EventType === 5);
    expect(completed.map((event) => [event.TaskScheduledId, event.Result])).toEqual([
      [0, '"Hello Tokyo!"'], [1, '"Hello Seattle!"'], [2, '"Hello London!"'],
    ]);
    expect(history.find((event) => event.EventType === 1)).toMatchObject({ OrchestrationStatus: "Completed", Result: JSON.stringify(status!.output) });
    expect(runs.get("SayHello")).toBe(3);
  });

  it("fans out with Task.all and never runs more activities at once than allowed", async () => {
    await test.engine.stop();
    test = await startTestEngine({ maxConcurrentActivities: 3 });
    const id = await test.engine.startNew("FanOut", { input: 20 });
    await test.engine.whenIdle();

    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: 2 * (19 * 20) / 2 });
    expect(runs.get("Slow")).toBe(20);
    expect(knobs.maxInFlight).toBeGreaterThan(1);
    expect(knobs.maxInFlight).toBeLessThanOrEqual(3);
  });

  it("passes sub-orchestration inputs and outputs, names children with and without an instance id, and reports child failures", async () => {
    const id = await test.engine.startNew("Parent", { instanceId: "family" });
    await test.engine.whenIdle();

    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Completed");
    const output = status!.output as { named: { instanceId: string; parent: string; greeting: string }; anonymous: { instanceId: string; parent: string }; failure: string };
    expect(output.named).toEqual({ greeting: "Hello Oslo!", instanceId: "family-oslo", parent: "family" });
    expect(output.anonymous.parent).toBe("family");
    expect(output.anonymous.instanceId.startsWith("family:")).toBe(true);
    expect(output.failure).toContain("child refused Nowhere");
    expect((await test.engine.getStatus("family-oslo"))?.runtimeStatus).toBe("Completed");
    const history = await test.engine.getHistory(id);
    expect(eventTypes(history)).toContain("SubOrchestrationInstanceCreated");
    expect(eventTypes(history)).toContain("SubOrchestrationInstanceCompleted");
    expect(eventTypes(history)).toContain("SubOrchestrationInstanceFailed");
    const childHistory = await test.engine.getHistory("family-oslo");
    expect(childHistory[1]).toMatchObject({ EventType: 0, Name: "Child", ParentInstance: { OrchestrationInstance: { InstanceId: "family" } } });
  });

  it("continues as new with the new input, keeping only the latest execution's history", async () => {
    const id = await test.engine.startNew("Counter", { input: { n: 0, until: 3 } });
    for (let round = 0; round < 3; round++) {
      await test.engine.whenIdle();
      await test.clock.advance(1000);
    }
    await test.engine.whenIdle();

    const status = await test.engine.getStatus(id);
    expect(status).toMatchObject({ runtimeStatus: "Completed", output: 3, input: { n: 2, until: 3 } });
    const history = await test.engine.getHistory(id);
    expect(history[1]).toMatchObject({ EventType: 0, Input: JSON.stringify({ n: 2, until: 3 }) });
    expect(history.filter((event) => event.EventType === 0)).toHaveLength(1);
  });

  it("answers the parent with the last execution's output when a sub-orchestration continues as new", async () => {
    const id = await test.engine.startNew("CountsInChild", { instanceId: "counts" });
    for (let round = 0; round < 3; round++) {
      await test.engine.whenIdle();
      await test.clock.advance(1000);
    }
    await test.engine.whenIdle();

    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: 3 });
    const childHistory = await test.engine.getHistory("counts-counter");
    expect(childHistory[1]).toMatchObject({ EventType: 0, Input: JSON.stringify({ n: 2, until: 3 }), ParentInstance: { OrchestrationInstance: { InstanceId: "counts" } } });
    expect(eventTypes(await test.engine.getHistory(id)).filter((type) => type === "SubOrchestrationInstanceCompleted")).toHaveLength(1);
  });

  it("keeps the custom status the orchestrator sets", async () => {
    const id = await test.engine.startNew("Approval");
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Running", customStatus: { stage: "waiting" } });
    await test.engine.raiseEvent(id, "Approve", "alice");
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", customStatus: { stage: "approved" }, output: { approved: true, by: "alice" } });
  });

  it("lists instances by status and id prefix", async () => {
    await test.engine.startNew("HelloSequence", { instanceId: "list-a" });
    await test.engine.startNew("Approval", { instanceId: "list-b" });
    await test.engine.startNew("Approval", { instanceId: "other" });
    await test.engine.whenIdle();

    const running = await test.engine.listInstances({ runtimeStatus: ["Running"] });
    expect(running.map((status) => status.instanceId).sort()).toEqual(["list-b", "other"]);
    const prefixed = await test.engine.listInstances({ instanceIdPrefix: "list-" });
    expect(prefixed.map((status) => status.instanceId).sort()).toEqual(["list-a", "list-b"]);
  });

  it("shows the history in the HTTP API's shape when asked", async () => {
    const id = await test.engine.startNew("HelloSequence");
    await test.engine.whenIdle();
    const status = await test.engine.getStatus(id, { showHistory: true, showHistoryOutput: true });
    const types = (status!.historyEvents as { EventType: string }[]).map((event) => event.EventType);
    expect(types).toEqual(["ExecutionStarted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"]);
    expect(status!.historyEvents![1]).toMatchObject({ FunctionName: "SayHello", Result: "Hello Tokyo!" });
    const withoutHistory = await test.engine.getStatus(id);
    expect(withoutHistory!.historyEvents).toBeUndefined();
  });

  it("fails a sub-orchestration whose instance id belongs to a running instance, leaving that instance alone", async () => {
    await test.engine.startNew("Approval", { instanceId: "taken" });
    const id = await test.engine.startNew("ClaimsChildId", { input: "taken" });
    await test.engine.whenIdle();
    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Failed");
    expect(status?.output).toContain("an orchestration instance with id 'taken' already exists");
    expect(await test.engine.getStatus("taken")).toMatchObject({ runtimeStatus: "Running", customStatus: { stage: "waiting" } });
  });

  it("tells the orchestrator when it is replaying: past episodes are played, the current one is not", async () => {
    const id = await test.engine.startNew("ReplayAware");
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.output).toEqual([true, true, false]);
  });
});
