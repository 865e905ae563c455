// The sweep's share of ARM's read budget. ARM allows 12,000 reads an hour per principal and subscription (legacy
// limit) and refills 25 reads a second regionally; operations (failovers, drills, validation) need reads too, so
// the monitor keeps to half the hourly limit. A sweep costs one read per page of every vault it lists; when the
// last sweep's pages, repeated at the timer's pace, would exceed the share, the timer skips ticks until enough time
// has passed. A large estate is then swept less often instead of starving everything else.

export const ARM_READS_PER_HOUR = 12_000;
/** Share of the hourly limit the sweep may use. */
export const SWEEP_READ_SHARE = 0.5;
/** Timer jitter tolerated when comparing intervals. */
const TOLERANCE_MS = 5_000;

export interface SweepBudgetInput {
  /** Pages (list calls) the last sweep read, and when it started; absent before the first sweep. */
  last?: { pages: number; atMs: number };
  nowMs: number;
}

export type SweepBudgetVerdict = { sweep: true } | { sweep: false; reason: string; notBeforeMs: number };

/** The shortest interval between sweeps that keeps `pages` reads per sweep within the share. */
export function minimumSweepIntervalMs(pages: number): number {
  return (pages / (ARM_READS_PER_HOUR * SWEEP_READ_SHARE)) * 3_600_000;
}

export function sweepWithinReadBudget(input: SweepBudgetInput): SweepBudgetVerdict {
  if (input.last === undefined) return { sweep: true };
  const interval = minimumSweepIntervalMs(input.last.pages);
  const notBeforeMs = input.last.atMs + interval;
  if (input.nowMs + TOLERANCE_MS >= notBeforeMs) return { sweep: true };
  return {
    sweep: false,
    notBeforeMs,
    reason: `The last sweep read ${input.last.pages} pages; sweeping again before ${new Date(notBeforeMs).toISOString()} would use more than ${SWEEP_READ_SHARE * 100} % of ARM's ${ARM_READS_PER_HOUR} reads an hour.`,
  };
}
