// RPO as a service-level objective. Each sweep records, per plan, whether the worst RPO was within the objective;
// the record is one character per minute so a day of history stays small enough to live in the snapshot blob.
//
// SLO: 99 % of minutes within the RPO objective (error budget 1 %). Alerting follows the multi-window burn-rate
// practice of SRE: the budget burns "fast" when the bad share over the last hour is at least 14.4 times the budget
// (at that pace a 30-day budget is gone in about two days) AND the last 5 minutes burn as fast too. The long window
// keeps one spike from paging; the short one makes the alert clear within minutes once the RPO is back.

export const RPO_SLO = {
  /** Share of minutes that must be within the objective. */
  targetShare: 0.99,
  /** History kept (and the window the reported SLO share covers). */
  windowMinutes: 24 * 60,
  longWindowMinutes: 60,
  shortWindowMinutes: 5,
  /** Burn rate both windows must reach for the alert to fire. */
  burnRateThreshold: 14.4,
  /**
   * A sample stands for the minutes since the previous one, up to this many: a sweep every few minutes still fills
   * the history, while a sweep that did not run for a long time leaves the gap unknown rather than invented.
   */
  maxFillMinutes: 10,
} as const;

const GOOD = "1";
const BAD = "0";
const UNKNOWN = ".";

/** Minute-by-minute history: `bits[i]` is the minute `lastMinute - (bits.length - 1 - i)` (minutes since the epoch). */
export interface RpoMinutes {
  lastMinute: number | null;
  bits: string;
}

export const EMPTY_RPO_MINUTES: RpoMinutes = { lastMinute: null, bits: "" };

export function minuteOf(atMs: number): number {
  return Math.floor(atMs / 60_000);
}

/** Records a sample taken at `atMs`; an older or same-minute sample overwrites nothing newer. */
export function recordRpoMinute(history: RpoMinutes, atMs: number, withinObjective: boolean): RpoMinutes {
  const minute = minuteOf(atMs);
  const mark = withinObjective ? GOOD : BAD;
  if (history.lastMinute === null || history.bits === "") return { lastMinute: minute, bits: mark };
  if (minute < history.lastMinute) return history;
  if (minute === history.lastMinute) {
    // Several sweeps in one minute: the minute is bad if any of them saw a breach.
    const last = history.bits.slice(-1) === BAD ? BAD : mark;
    return { lastMinute: minute, bits: history.bits.slice(0, -1) + last };
  }
  const gap = minute - history.lastMinute - 1;
  const filled = Math.min(gap, RPO_SLO.maxFillMinutes);
  const bits = history.bits + UNKNOWN.repeat(gap - filled) + mark.repeat(filled) + mark;
  return { lastMinute: minute, bits: bits.slice(-RPO_SLO.windowMinutes) };
}

export interface WindowShare {
  goodMinutes: number;
  badMinutes: number;
  /** Share of known minutes within the objective; null when no minute of the window is known. */
  share: number | null;
}

/** Good and bad minutes among the `windowMinutes` ending at `nowMs` (unknown minutes count for neither). */
export function windowShare(history: RpoMinutes, nowMs: number, windowMinutes: number): WindowShare {
  let goodMinutes = 0;
  let badMinutes = 0;
  if (history.lastMinute !== null) {
    const first = minuteOf(nowMs) - windowMinutes + 1;
    const offset = history.lastMinute - (history.bits.length - 1);
    for (let index = Math.max(0, first - offset); index < history.bits.length; index++) {
      if (offset + index > minuteOf(nowMs)) break;
      if (history.bits[index] === GOOD) goodMinutes++;
      else if (history.bits[index] === BAD) badMinutes++;
    }
  }
  const known = goodMinutes + badMinutes;
  return { goodMinutes, badMinutes, share: known === 0 ? null : goodMinutes / known };
}

/** How many times faster than allowed the error budget burns over the window; null without data. */
export function burnRate(history: RpoMinutes, nowMs: number, windowMinutes: number): number | null {
  const { share } = windowShare(history, nowMs, windowMinutes);
  return share === null ? null : (1 - share) / (1 - RPO_SLO.targetShare);
}

export interface RpoSloView {
  targetShare: number;
  windowMinutes: number;
  /** Share of minutes within objective over the SLO window; null without data. */
  share: number | null;
  /** Error budget left over the window, as a share of the whole budget (negative when overspent). */
  budgetRemaining: number | null;
  longWindow: { minutes: number; burnRate: number | null };
  shortWindow: { minutes: number; burnRate: number | null };
  burnRateThreshold: number;
  /** Both windows burn at or above the threshold: the alert condition. */
  burning: boolean;
}

export function rpoSloView(history: RpoMinutes, nowMs: number): RpoSloView {
  const { share } = windowShare(history, nowMs, RPO_SLO.windowMinutes);
  const long = burnRate(history, nowMs, RPO_SLO.longWindowMinutes);
  const short = burnRate(history, nowMs, RPO_SLO.shortWindowMinutes);
  const budget = 1 - RPO_SLO.targetShare;
  return {
    targetShare: RPO_SLO.targetShare,
    windowMinutes: RPO_SLO.windowMinutes,
    share,
    budgetRemaining: share === null ? null : (budget - (1 - share)) / budget,
    longWindow: { minutes: RPO_SLO.longWindowMinutes, burnRate: long },
    shortWindow: { minutes: RPO_SLO.shortWindowMinutes, burnRate: short },
    burnRateThreshold: RPO_SLO.burnRateThreshold,
    burning: long !== null && short !== null && long >= RPO_SLO.burnRateThreshold && short >= RPO_SLO.burnRateThreshold,
  };
}
