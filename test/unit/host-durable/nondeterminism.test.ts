import "./registrations";
import { knobs, resetApp, runs } from "./app";
import { eventTypes, startTestEngine, type TestEngine } from "./setup";

describe("durable engine: non-determinism detection", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("fails an instance whose replay schedules different work, naming what was recorded and what was produced", async () => {
    const id = await test.engine.startNew("Evolving");
    await test.engine.whenIdle();
    const before = await test.engine.getHistory(id);
    expect(eventTypes(before)).toContain("TaskCompleted");

    // A new deployment changes the code; the next replay of the old instance must be detected.
    knobs.version = 2;
    await test.engine.raiseEvent(id, "Continue", null);
    await test.engine.whenIdle();

    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Failed");
    expect(status?.output).toContain("Non-deterministic workflow detected");
    expect(status?.output).toContain("decision #0 was recorded in the history as TaskScheduled 'SayHello'");
    expect(status?.output).toContain("CallActivity 'Slow'");
    expect(runs.get("Slow")).toBeUndefined();

    const after = await test.engine.getHistory(id);
    // The recorded part is untouched and nothing of the mismatched decision was written.
    expect(after.slice(0, before.length)).toEqual(before);
    expect(eventTypes(after.slice(before.length))).toEqual(["OrchestratorStarted", "EventRaised", "ExecutionCompleted", "OrchestratorCompleted"]);
    expect(after.filter((event) => event.EventType === 4).map((event) => event.Name)).toEqual(["SayHello"]);
  });

  it("replays an unchanged orchestrator without complaint", async () => {
    const id = await test.engine.startNew("Evolving");
    await test.engine.whenIdle();
    await test.engine.raiseEvent(id, "Continue", null);
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: "done" });
  });
});
