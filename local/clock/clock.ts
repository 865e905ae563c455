// One notion of time for the whole local lab. The ARM emulator (job durations, RPO drift) and the local Functions
// host (durable timers, timer triggers) each hold a Clock built from the same ClockSpec, so simulated minutes pass
// at the same rate on both sides, even across processes:
//   real     simulated time is wall-clock time;
//   scaled   simulated time runs `speed` times faster than the wall clock, from a shared origin;
//   virtual  time stands still until the owner advances it (tests), and timers then fire in order.

export type ClockMode = "real" | "scaled" | "virtual";

/** Serializable description of a clock; two processes given the same spec agree on `now()`. */
export interface ClockSpec {
  mode: ClockMode;
  /** Simulated milliseconds per real millisecond (scaled mode only). */
  speed?: number;
  /** Simulated epoch time (ms) at `realOriginMs`; for virtual mode, the starting time. */
  originMs?: number;
  /** Wall-clock epoch time (ms) that corresponds to `originMs` (scaled mode only). */
  realOriginMs?: number;
}

export interface ClockTimer {
  cancel(): void;
}

export interface Clock {
  readonly mode: ClockMode;
  /** Simulated milliseconds per real millisecond: 1 for real time, 0 for virtual time (it only moves when advanced). */
  readonly speed: number;
  /** Current simulated time, epoch milliseconds. */
  now(): number;
  /** Calls `callback` once simulated time has moved on by `delayMs`. */
  setTimer(delayMs: number, callback: () => void): ClockTimer;
  /** Waits until simulated time has moved on by `delayMs`. */
  sleep(delayMs: number): Promise<void>;
  /** Virtual mode: moves time forward by `ms`, firing due timers in time order. */
  advance(ms: number): Promise<void>;
  /** Virtual mode: moves time forward to `epochMs` (never backwards). */
  advanceTo(epochMs: number): Promise<void>;
  /** The spec another process needs to share this clock. */
  spec(): ClockSpec;
}

export function createClock(spec: ClockSpec = { mode: "real" }): Clock {
  switch (spec.mode) {
    case "real":
      return new ScaledClock("real", 1, Date.now(), Date.now());
    case "scaled": {
      const speed = spec.speed ?? 1;
      if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
      const realOrigin = spec.realOriginMs ?? Date.now();
      return new ScaledClock("scaled", speed, spec.originMs ?? realOrigin, realOrigin);
    }
    case "virtual":
      return new VirtualClock(spec.originMs ?? Date.now());
    default:
      throw new RangeError(`unknown clock mode ${(spec as ClockSpec).mode}`);
  }
}

/** Reads a ClockSpec from command-line style options (`--speed N`, `--virtual`); the default is real time. */
export function clockSpecFromOptions(options: { speed?: number; virtual?: boolean }): ClockSpec {
  if (options.virtual) return { mode: "virtual" };
  if (options.speed === undefined || options.speed === 1) return { mode: "real" };
  return { mode: "scaled", speed: options.speed, originMs: Date.now(), realOriginMs: Date.now() };
}

class ScaledClock implements Clock {
  constructor(
    readonly mode: ClockMode,
    readonly speed: number,
    private readonly originMs: number,
    private readonly realOriginMs: number,
  ) {}

  now(): number {
    return Math.floor(this.originMs + (Date.now() - this.realOriginMs) * this.speed);
  }

  setTimer(delayMs: number, callback: () => void): ClockTimer {
    const handle = setTimeout(callback, Math.max(0, delayMs) / this.speed);
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(resolve, Math.max(0, delayMs) / this.speed);
      void handle;
    });
  }

  async advance(): Promise<void> {
    throw new Error(`a ${this.mode} clock cannot be advanced; only a virtual clock can`);
  }

  async advanceTo(): Promise<void> {
    throw new Error(`a ${this.mode} clock cannot be advanced; only a virtual clock can`);
  }

  spec(): ClockSpec {
    return this.mode === "real"
      ? { mode: "real" }
      : { mode: "scaled", speed: this.speed, originMs: this.originMs, realOriginMs: this.realOriginMs };
  }
}

interface PendingTimer {
  dueMs: number;
  sequence: number;
  callback: () => void;
  canceled: boolean;
}

class VirtualClock implements Clock {
  readonly mode: ClockMode = "virtual";
  readonly speed = 0;
  private current: number;
  private sequence = 0;
  private pending: PendingTimer[] = [];

  constructor(originMs: number) {
    this.current = originMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): ClockTimer {
    const timer: PendingTimer = { dueMs: this.current + Math.max(0, delayMs), sequence: this.sequence++, callback, canceled: false };
    this.pending.push(timer);
    return { cancel: () => void (timer.canceled = true) };
  }

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve) => this.setTimer(delayMs, resolve));
  }

  advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    return this.advanceTo(this.current + ms);
  }

  async advanceTo(epochMs: number): Promise<void> {
    for (;;) {
      const next = this.nextDue(epochMs);
      if (!next) break;
      this.pending = this.pending.filter((timer) => timer !== next);
      this.current = Math.max(this.current, next.dueMs);
      next.callback();
      // Let whatever the timer started (promise chains, follow-up timers) settle before the next one fires.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = Math.max(this.current, epochMs);
  }

  spec(): ClockSpec {
    return { mode: "virtual", originMs: this.current };
  }

  private nextDue(limitMs: number): PendingTimer | undefined {
    this.pending = this.pending.filter((timer) => !timer.canceled);
    let next: PendingTimer | undefined;
    for (const timer of this.pending) {
      if (timer.dueMs > limitMs) continue;
      if (!next || timer.dueMs < next.dueMs || (timer.dueMs === next.dueMs && timer.sequence < next.sequence)) next = timer;
    }
    return next;
  }
}
