// Wakes the dispatcher when a delayed message (a durable timer) becomes due on the shared clock.
import type { Clock, ClockTimer } from "../../clock/clock";

/** The longest real-time wait one Node timer can take (2^31 - 1 ms). */
const MAX_TIMER_STEP_REAL_MS = 2 ** 31 - 1;

export class DueTimers {
  private readonly timers = new Map<string, ClockTimer>();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: () => void,
  ) {}

  /** Calls onDue once the clock reaches `dueMs`, unless cancelled; nothing to do for a time already past. */
  arm(id: string, dueMs: number): void {
    if (this.closed) return;
    const delay = dueMs - this.clock.now();
    if (delay <= 0) return;
    // Node's timers cannot wait longer than about 24.8 days of real time; a longer wait is taken in steps.
    const step = this.clock.speed > 0 ? Math.min(delay, MAX_TIMER_STEP_REAL_MS * this.clock.speed) : delay;
    this.timers.get(id)?.cancel();
    this.timers.set(id, this.clock.setTimer(step, () => {
      this.timers.delete(id);
      this.arm(id, dueMs);
      this.onDue();
    }));
  }

  cancel(id: string): void {
    this.timers.get(id)?.cancel();
    this.timers.delete(id);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }
}
