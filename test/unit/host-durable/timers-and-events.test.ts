import "./registrations";
import { resetApp, runs } from "./app";
import { advance, eventTypes, startTestEngine, type TestEngine } from "./setup";

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

describe("durable engine: timers on the shared clock and external events", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("fires a durable timer only when the virtual clock reaches it", async () => {
    const id = await test.engine.startNew("Sleeper", { input: 60 });
    await test.engine.whenIdle();
    await test.clock.advance(59 * MINUTE);
    await test.engine.whenIdle();
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Running");

    await test.clock.advance(MINUTE);
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: 60 });
    const history = await test.engine.getHistory(id);
    expect(eventTypes(history)).toEqual([
      "OrchestratorStarted", "ExecutionStarted", "TimerCreated", "OrchestratorCompleted",
      "OrchestratorStarted", "TimerFired", "ExecutionCompleted", "OrchestratorCompleted",
    ]);
    expect(history[5]).toMatchObject({ TimerId: 0, FireAt: history[2]!.FireAt });
  });

  it("fires due timers of several instances in time order when the clock jumps", async () => {
    const late = await test.engine.startNew("Sleeper", { input: 30 });
    const early = await test.engine.startNew("Sleeper", { input: 10 });
    await test.engine.whenIdle();
    await test.clock.advance(45 * MINUTE);
    await test.engine.whenIdle();
    const [lateStatus, earlyStatus] = [await test.engine.getStatus(late), await test.engine.getStatus(early)];
    expect(lateStatus?.runtimeStatus).toBe("Completed");
    expect(earlyStatus?.runtimeStatus).toBe("Completed");
    expect(Date.parse(earlyStatus!.lastUpdatedTime)).toBeLessThan(Date.parse(lateStatus!.lastUpdatedTime));
  });

  it("splits a timer longer than six days into three-day segments, consuming the ids the library expects", async () => {
    const id = await test.engine.startNew("LongTimer", { input: 10 });
    await advance(test, 9 * DAY, DAY);
    expect((await test.engine.getStatus(id))?.runtimeStatus).toBe("Running");
    await advance(test, DAY, DAY);

    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: "woke up" });
    const timers = (await test.engine.getHistory(id)).filter((event) => event.EventType === 10);
    expect(timers.map((event) => event.EventId)).toEqual([0, 1, 2]);
    expect(Date.parse(timers[2]!.FireAt!) - Date.parse(timers[0]!.FireAt!)).toBe(7 * DAY);
  });

  it("lets the timer win a Task.any when no event comes", async () => {
    const id = await test.engine.startNew("Approval");
    await advance(test, 61 * MINUTE);
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: { approved: false }, customStatus: { stage: "timed out" } });
  });

  it("keeps an event that arrives before the orchestrator waits for it", async () => {
    const id = await test.engine.startNew("EarlyEvent");
    // Raised before the first episode has even run: the orchestrator is not waiting yet.
    await test.engine.raiseEvent(id, "Go", { early: true });
    await test.engine.whenIdle();

    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: { greeting: "Hello Early!", data: { early: true } } });
    const types = eventTypes(await test.engine.getHistory(id));
    expect(types.indexOf("EventRaised")).toBeLessThan(types.lastIndexOf("TaskCompleted"));
  });

  it("rejects events for instances that do not exist or have finished", async () => {
    await expect(test.engine.raiseEvent("missing", "Go", 1)).rejects.toThrow(/no orchestration instance with id 'missing'/);
    const id = await test.engine.startNew("HelloSequence");
    await test.engine.whenIdle();
    await expect(test.engine.raiseEvent(id, "Go", 1)).rejects.toThrow(/not running/);
    await expect(test.engine.raiseEvent(id, "", 1)).rejects.toThrow(TypeError);
    expect(runs.get("SayHello")).toBe(3);
  });
});
