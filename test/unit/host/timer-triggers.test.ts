import { createClock } from "../../../local/clock/clock";
import type { TimerFunction } from "../../../local/host/catalog";
import type { FunctionRunner } from "../../../local/host/function-runner";
import { TimerTriggers } from "../../../local/host/timers/timer-triggers";
import type { RpcTypedData } from "../../../local/host/worker/rpc-types";

const START = Date.parse("2026-01-01T10:00:00Z");

function timer(name: string, schedule: string, runOnStartup = false): TimerFunction {
  return { name, schedule, runOnStartup, triggerBinding: "timer", registered: { metadata: { name, bindings: {} }, callback: () => undefined } };
}

function recordingRunner(clock: { now(): number }, onInvoke?: () => Promise<void>) {
  const runs: { name: string; at: string; payload: Record<string, unknown> }[] = [];
  const runner = {
    invoke: async (entry: TimerFunction, data: RpcTypedData) => {
      runs.push({ name: entry.name, at: new Date(clock.now()).toISOString(), payload: JSON.parse(data.json ?? "null") });
      await onInvoke?.();
      return {};
    },
  } as unknown as FunctionRunner;
  return { runs, runner };
}

describe("timer triggers on the host clock", () => {
  it("fires each function at its schedule's occurrences, in time order", async () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    const { runs, runner } = recordingRunner(clock);
    const timers = new TimerTriggers([timer("every5", "0 */5 * * * *"), timer("every2", "0 */2 * * * *")], runner, clock, () => undefined);
    timers.start();
    await clock.advance(6 * 60 * 1000);
    expect(runs.map((run) => `${run.name}@${run.at.slice(11, 16)}`)).toEqual(["every2@10:02", "every2@10:04", "every5@10:05", "every2@10:06"]);
    expect(runs[0].payload).toMatchObject({ Schedule: { AdjustForDST: true }, IsPastDue: false });
    await timers.stop();
  });

  it("runs runOnStartup functions when the host starts", async () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    const { runs, runner } = recordingRunner(clock);
    const timers = new TimerTriggers([timer("yearly", "0 0 0 1 1 *", true)], runner, clock, () => undefined);
    timers.start();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.map((run) => run.name)).toEqual(["yearly"]);
    await timers.stop();
  });

  it("fires a function now on request and reports what it threw", async () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    const { runs, runner } = recordingRunner(clock);
    const timers = new TimerTriggers([timer("Nightly", "0 0 3 * * *")], runner, clock, () => undefined);
    timers.start();
    await timers.fire("nightly");
    expect(runs).toHaveLength(1);
    await expect(timers.fire("unknown")).rejects.toThrow(/no timer function named "unknown"/);
    await timers.stop();
  });

  it("waits schedules longer than Node's timer limit without firing early", async () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    const { runs, runner } = recordingRunner(clock);
    const timers = new TimerTriggers([timer("quarterly", "0 0 0 1 */3 *")], runner, clock, () => undefined);
    timers.start();
    await clock.advance(60 * 24 * 3600 * 1000);
    expect(runs).toHaveLength(0);
    await clock.advance(40 * 24 * 3600 * 1000);
    expect(runs.map((run) => run.at)).toEqual(["2026-04-01T00:00:00.000Z"]);
    await timers.stop();
  });

  it("never overlaps a slow run with the next occurrence", async () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    let release: () => void = () => undefined;
    const { runs, runner } = recordingRunner(clock, () => new Promise<void>((resolve) => (release = resolve)));
    const timers = new TimerTriggers([timer("everySecond", "* * * * * *")], runner, clock, () => undefined);
    timers.start();
    await clock.advance(5_000);
    expect(runs).toHaveLength(1);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(1_000);
    expect(runs).toHaveLength(2);
    release();
    await timers.stop();
  });

  it("fails at start when a schedule is malformed, naming the function", () => {
    const clock = createClock({ mode: "virtual", originMs: START });
    const { runner } = recordingRunner(clock);
    expect(() => new TimerTriggers([timer("broken", "61 * * * * *")], runner, clock, () => undefined)).toThrow(/timer function broken:/);
  });
});
