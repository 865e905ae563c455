import "./registrations";
import { knobs, resetApp, runs } from "./app";
import { advance, eventTypes, startTestEngine, type TestEngine } from "./setup";

describe("durable engine: retries and failure details", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("retries a failing activity on durable timers with backoff until it succeeds", async () => {
    knobs.failuresBeforeSuccess = 2;
    const id = await test.engine.startNew("RetryActivity", { input: 5 });
    await test.engine.whenIdle();
    expect(runs.get("Flaky")).toBe(1);
    await advance(test, 999);
    expect(runs.get("Flaky")).toBe(1);
    await advance(test, 1);
    expect(runs.get("Flaky")).toBe(2);
    // Backoff coefficient 2: the second wait is twice the first.
    await advance(test, 1999);
    expect(runs.get("Flaky")).toBe(2);
    await advance(test, 1);

    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: "ok payload after 3" });
    const history = await test.engine.getHistory(id);
    const idOrder = history.filter((event) => [4, 10].includes(event.EventType)).map((event) => `${event.EventType === 4 ? "task" : "timer"}${event.EventId}`);
    expect(idOrder).toEqual(["task0", "timer1", "task2", "timer3", "task4"]);
    expect(eventTypes(history).filter((type) => type === "TaskFailed")).toHaveLength(2);
  });

  it("gives up after the last attempt and hands the orchestrator the activity's error", async () => {
    knobs.failuresBeforeSuccess = 10;
    const id = await test.engine.startNew("RetryActivity", { input: 2 });
    await advance(test, 10_000, 500);
    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Completed");
    expect((status!.output as { gaveUp: string }).gaveUp).toContain("flaky failure 2");
    expect(runs.get("Flaky")).toBe(2);
  });

  it("retries a failing sub-orchestration", async () => {
    knobs.failuresBeforeSuccess = 1;
    const id = await test.engine.startNew("RetrySubOrchestration");
    await advance(test, 2000, 250);
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: "ok child after 2" });
    const created = (await test.engine.getHistory(id)).filter((event) => event.EventType === 7);
    expect(created).toHaveLength(2);
  });

  it("records an activity failure with reason and details, and the orchestrator can catch it", async () => {
    const id = await test.engine.startNew("CatchesFailure");
    await test.engine.whenIdle();
    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Completed");
    expect(status?.output).toContain("Activity function 'Boom' failed: the activity exploded");
    const failed = (await test.engine.getHistory(id)).find((event) => event.EventType === 6)!;
    expect(failed.Reason).toBe("Activity function 'Boom' failed: the activity exploded");
    expect(failed.Details).toContain("RangeError: the activity exploded");
    expect(failed.TaskScheduledId).toBe(0);
  });

  it("fails the orchestration with the error's message and details when it does not catch", async () => {
    const id = await test.engine.startNew("Failing");
    await test.engine.whenIdle();
    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Failed");
    expect(status?.output).toMatch(/^Orchestrator function 'Failing' failed: .*the activity exploded/s);
    const completed = (await test.engine.getHistory(id)).find((event) => event.EventType === 1)!;
    expect(completed.OrchestrationStatus).toBe("Failed");
    expect(completed.FailureDetails?.ErrorMessage).toContain("the activity exploded");
  });

  it("fails an orchestration that uses a durable feature the local engine does not offer, saying which", async () => {
    const id = await test.engine.startNew("CallsHttp");
    await test.engine.whenIdle();
    const status = await test.engine.getStatus(id);
    expect(status?.runtimeStatus).toBe("Failed");
    expect(status?.output).toContain("callHttp is not supported by the local durable engine");
  });
});
