// Runs the app's timer triggers on the host's clock: each function fires at its schedule's next occurrence, never
// overlapping itself (the host holds a singleton lock per timer), `runOnStartup` fires once when the host starts, and
// `fire` runs one now (the admin API's POST /admin/functions/{name}). `useMonitor` is ignored: schedule status
// lives in memory only.
import type { Clock, ClockTimer } from "../../clock/clock";
import type { TimerFunction } from "../catalog";
import type { FunctionRunner } from "../function-runner";
import { jsonTypedData } from "../worker/typed-data";
import { parseSchedule, type Schedule } from "./schedule";

export type TimerLog = (level: "information" | "error", message: string) => void;

/** Long waits are taken in steps so no single Node timer exceeds its 24.8-day limit. */
const MAX_WAIT_MS = 6 * 60 * 60 * 1000;
/** A run that starts this late is reported as past due. */
const PAST_DUE_TOLERANCE_MS = 1000;

interface TimerState {
  entry: TimerFunction;
  schedule: Schedule;
  lastRunMs?: number;
  timer?: ClockTimer;
  running?: Promise<void>;
}

export class TimerTriggers {
  private readonly timers: TimerState[];
  private stopped = true;

  constructor(
    functions: TimerFunction[],
    private readonly runner: FunctionRunner,
    private readonly clock: Clock,
    private readonly log: TimerLog,
  ) {
    // Parsing up front makes a bad schedule fail the host start, with the function named.
    this.timers = functions.map((entry) => {
      try {
        return { entry, schedule: parseSchedule(entry.schedule) };
      } catch (error) {
        throw new Error(`timer function ${entry.name}: ${(error as Error).message}`);
      }
    });
  }

  start(): void {
    this.stopped = false;
    for (const state of this.timers) {
      if (state.entry.runOnStartup) void this.run(state, this.clock.now());
      else this.scheduleNext(state);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.timers) state.timer?.cancel();
    await Promise.all(this.timers.map((state) => state.running));
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** Fires a timer function now and resolves when the invocation has finished (it throws what the function threw). */
  async fire(name: string): Promise<void> {
    const state = this.find(name);
    if (!state) throw new Error(`no timer function named "${name}"`);
    await state.running;
    await this.invoke(state, this.clock.now());
  }

  private find(name: string): TimerState | undefined {
    return this.timers.find((state) => state.entry.name.toLowerCase() === name.toLowerCase());
  }

  private scheduleNext(state: TimerState): void {
    if (this.stopped) return;
    const dueMs = state.schedule.nextAfter(this.clock.now());
    this.waitUntil(state, dueMs);
  }

  private waitUntil(state: TimerState, dueMs: number): void {
    const waitMs = dueMs - this.clock.now();
    state.timer = this.clock.setTimer(Math.min(Math.max(0, waitMs), MAX_WAIT_MS), () => {
      if (this.stopped) return;
      if (this.clock.now() < dueMs) this.waitUntil(state, dueMs);
      else void this.run(state, dueMs);
    });
  }

  private async run(state: TimerState, dueMs: number): Promise<void> {
    try {
      await state.running;
      await this.invoke(state, dueMs);
    } catch (error) {
      this.log("error", `timer function ${state.entry.name} failed: ${(error as Error).message}`);
    }
    this.scheduleNext(state);
  }

  private async invoke(state: TimerState, dueMs: number): Promise<void> {
    const nowMs = this.clock.now();
    const payload = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: {
        Last: new Date(state.lastRunMs ?? 0).toISOString(),
        Next: new Date(state.schedule.nextAfter(nowMs)).toISOString(),
        LastUpdated: new Date(nowMs).toISOString(),
      },
      IsPastDue: nowMs - dueMs > PAST_DUE_TOLERANCE_MS,
    };
    state.lastRunMs = nowMs;
    this.log("information", `Executing 'Functions.${state.entry.name}' (Reason='Timer fired at ${new Date(nowMs).toISOString()}')`);
    const running = this.runner.invoke(state.entry, jsonTypedData(payload)).then(() => undefined);
    state.running = running.catch(() => undefined);
    await running;
  }
}
