// Drives an SDK poller on the lab's virtual clock: simulated time moves a step, then the poller polls once, until
// the operation ends. Polling by hand after each step, instead of pollUntilDone, spares the real seconds the
// service's Retry-After would make every poll wait while nothing can change (the clock moves only here).
import type { Operation, OperationPoller } from "@standby/client";
import type { Lab } from "../support/lab";

export interface DriveOptions {
  /** Simulated time per step; default 30 s. */
  stepMs?: number;
  /** Simulated time allowed before giving up; default 4 h. */
  limitMs?: number;
  /** Stop early when this holds for the latest state (e.g. waiting for approval). */
  until?: (operation: Operation) => boolean;
}

/** Moves the clock and polls until the operation ends (or `until` holds); the operation as last read. */
export async function driveUntilDone(lab: Lab, poller: OperationPoller, options: DriveOptions = {}): Promise<Operation> {
  const stepMs = options.stepMs ?? 30_000;
  const limitMs = options.limitMs ?? 4 * 3600_000;
  const latest = (): Operation | undefined => poller.getOperationState().operation;
  const reached = (): boolean => poller.isDone() || (options.until !== undefined && latest() !== undefined && options.until(latest() as Operation));
  for (let elapsed = 0; !reached(); elapsed += stepMs) {
    if (elapsed > limitMs) {
      throw new Error(`operation still ${latest()?.status} after ${limitMs} ms simulated:\n${JSON.stringify(latest(), null, 1)}\n${lab.hostOutput().slice(-4000)}`);
    }
    await lab.advance(stepMs, { stepMs });
    await poller.poll();
  }
  return latest() as Operation;
}
