import "./registrations";
import { createClock } from "../../../local/clock/clock";
import { createDurableEngine, type LocalDurableEngine } from "../../../local/host/durable/engine";
import { MemoryTaskHubStore } from "../../../local/host/durable/memory-store";
import type { TaskHubStore } from "../../../local/host/durable/store";
import { resetApp, runs } from "./app";
import { CrashSwitch, crashableInvoker, crashableStore } from "./crash";
import { createTestInvoker } from "./registrations";
import { ORIGIN_MS } from "./setup";

const EXPECTED = { hello: "Hello Journey!", doubled: [2, 4], child: "Hello Paris!", balance: 3, approval: "yes" };
const ACTIVITY_RUNS = { SayHello: 2, Slow: 2 };

type Clock = ReturnType<typeof createClock>;
const CRASHED: unique symbol = Symbol("crashed");

/** Drives an instance of Journey to its end: lets the engine settle, moves time, approves once it waits. */
async function drive(engine: LocalDurableEngine, clock: Clock, id: string, stop: Promise<void> = new Promise(() => undefined)): Promise<"done" | "crashed"> {
  const crashed = stop.then((): typeof CRASHED => CRASHED);
  // Any call into a dead engine may hang, like a request to a killed process.
  const orCrash = <T>(work: Promise<T>) => Promise.race([work, crashed]);
  for (let step = 0; step < 20; step++) {
    if ((await orCrash(engine.whenIdle())) === CRASHED) return "crashed";
    const status = await orCrash(engine.getStatus(id, { showHistory: true }));
    if (status === CRASHED) return "crashed";
    if (status?.runtimeStatus === "Completed") return "done";
    const events = (status?.historyEvents ?? []) as { EventType: string; Name?: string }[];
    const waiting = events.some((event) => event.EventType === "TimerFired");
    if (waiting && !events.some((event) => event.EventType === "EventRaised" && event.Name === "Approve")) {
      if ((await orCrash(engine.raiseEvent(id, "Approve", "yes"))) === CRASHED) return "crashed";
    }
    await clock.advance(30_000);
  }
  throw new Error(`instance ${id} did not finish`);
}

function startEngine(store: TaskHubStore, clock: Clock, crash?: CrashSwitch): Promise<LocalDurableEngine> {
  const invoker = createTestInvoker();
  const engine = createDurableEngine({
    invoker: crash ? crashableInvoker(invoker, crash) : invoker,
    store: crash ? crashableStore(store, crash) : store,
    clock,
    taskHub: "CrashHub",
  });
  return engine.start().then(() => engine);
}

describe("durable engine: a crash at any write leaves a state the next engine continues from", () => {
  it("completes uninterrupted with the expected output (the reference run)", async () => {
    resetApp();
    const clock = createClock({ mode: "virtual", originMs: ORIGIN_MS });
    const counter = new CrashSwitch();
    const engine = await startEngine(new MemoryTaskHubStore(), clock, counter);
    const id = await engine.startNew("Journey", { instanceId: "journey" });
    expect(await drive(engine, clock, id)).toBe("done");
    expect((await engine.getStatus(id))?.output).toEqual(EXPECTED);
    expect(Object.fromEntries(runs)).toEqual(ACTIVITY_RUNS);
    // The crash points below cover every write of this run.
    expect(counter.writes).toBeGreaterThan(25);
    expect(counter.writes).toBeLessThan(80);
    await engine.stop();
  });

  // Every write of the reference run is a crash point; the reference run makes fewer than 80 writes.
  const crashPoints = Array.from({ length: 80 }, (_, index) => index + 1);

  it.each(crashPoints)("crash after write %i: the restarted engine finishes with the same output, repeating only in-flight activities", async (afterWrites) => {
    resetApp();
    const clock = createClock({ mode: "virtual", originMs: ORIGIN_MS });
    const disk = new MemoryTaskHubStore();
    const crash = new CrashSwitch(afterWrites);
    const first = await startEngine(disk, clock, crash);
    const id = "journey";
    const started = await Promise.race([first.startNew("Journey", { instanceId: id }), crash.crashedSignal.then((): typeof CRASHED => CRASHED)]);
    const outcome = started === CRASHED ? "crashed" : await drive(first, clock, id, crash.crashedSignal);
    if (outcome === "done") {
      expect(crash.crashed).toBe(false);
      return;
    }

    // What the dead process left behind: activities whose message is still stored may run again, nothing else.
    const pendingActivities = (await disk.loadMessages()).filter((message) => message.kind === "activity").length;
    const runsBefore = [...runs.values()].reduce((sum, value) => sum + value, 0);

    const second = await startEngine(disk, clock);
    if (!(await second.getStatus(id))) {
      // The crash came before the instance was recorded at all: starting it is the caller's retry.
      await second.startNew("Journey", { instanceId: id });
    }
    expect(await drive(second, clock, id)).toBe("done");
    expect((await second.getStatus(id))?.output).toEqual(EXPECTED);

    const runsAfter = [...runs.values()].reduce((sum, value) => sum + value, 0);
    const expectedTotal = ACTIVITY_RUNS.SayHello + ACTIVITY_RUNS.Slow;
    expect(runsAfter - expectedTotal).toBeLessThanOrEqual(pendingActivities);
    expect(runsAfter - runsBefore).toBeLessThanOrEqual(expectedTotal - runsBefore + pendingActivities);
    await second.stop();
  }, 20_000);
});
