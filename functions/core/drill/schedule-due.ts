// When a plan's drill is due. The scheduler remembers, per plan, the last occurrence it handled; the drill is due
// when the plan's schedule has an occurrence after that and not after now. Occurrences missed while the scheduler
// did not run collapse into one drill (a backlog of drills helps nobody), and an occurrence that could not start
// (a failover ran) is not made up later.
import type { NcrontabSchedule } from "../schedule/ncrontab";

export type DrillDue =
  | { due: false; nextAtMs: number }
  | { due: true; occurrenceMs: number };

export function drillDue(schedule: NcrontabSchedule, lastHandledMs: number, nowMs: number): DrillDue {
  const next = schedule.nextAfter(lastHandledMs);
  if (next > nowMs) return { due: false, nextAtMs: next };
  // The latest occurrence not after now is the one handled; earlier missed ones are folded into it.
  let occurrence = next;
  for (let following = schedule.nextAfter(occurrence); following <= nowMs; following = schedule.nextAfter(following)) occurrence = following;
  return { due: true, occurrenceMs: occurrence };
}
