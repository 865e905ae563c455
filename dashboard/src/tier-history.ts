// The drill history arranged per tier: which tiers (groups) the drills measured, in plan order, and for each drill
// with per-tier figures the RTO of every tier, oldest first so it reads left to right as time goes on.
import type { DrillHistoryEntry } from "./api";

export interface TierDrill {
  id: string;
  startedAt: string;
  status: DrillHistoryEntry["status"];
  rtoSeconds: number | undefined;
  /** One value per tier in `TierHistory.tiers`; undefined where the drill did not get through that tier. */
  byTier: (number | undefined)[];
}

export interface TierHistory {
  tiers: string[];
  drills: TierDrill[];
}

/** `newestFirst` as the API lists drills. Drills without per-tier figures (still running, or none measured) are left out. */
export function tierHistory(newestFirst: readonly DrillHistoryEntry[]): TierHistory {
  const measured = newestFirst.filter((drill) => Object.keys(drill.groupRtoSeconds ?? {}).length > 0);
  // The newest drill gives the plan's current order; tiers only older drills had come after it.
  const tiers: string[] = [];
  for (const drill of measured) for (const tier of Object.keys(drill.groupRtoSeconds ?? {})) if (!tiers.includes(tier)) tiers.push(tier);
  const drills = [...measured].reverse().map((drill) => ({
    id: drill.id,
    startedAt: drill.startedAt,
    status: drill.status,
    rtoSeconds: drill.rtoSeconds,
    byTier: tiers.map((tier) => drill.groupRtoSeconds?.[tier]),
  }));
  return { tiers, drills };
}
