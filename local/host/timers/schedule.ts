// Timer trigger schedules as the host reads them: a six-field NCRONTAB expression (the shared parser in
// functions/core) or a TimeSpan (`hh:mm:ss`, `d.hh:mm:ss`), which means "every interval".
import { parseNcrontab } from "../../../functions/core/schedule/ncrontab";

export interface Schedule {
  readonly expression: string;
  /** The first occurrence strictly after `epochMs`. */
  nextAfter(epochMs: number): number;
}

const TIME_SPAN = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/;

export function parseSchedule(expression: string): Schedule {
  const span = TIME_SPAN.exec(expression.trim());
  if (!span) return parseNcrontab(expression);
  const [, days, hours, minutes, seconds] = span;
  const intervalMs = (((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59 || intervalMs <= 0) {
    throw new RangeError(`timer schedule "${expression}" is not a valid positive TimeSpan`);
  }
  return { expression, nextAfter: (epochMs) => epochMs + intervalMs };
}
