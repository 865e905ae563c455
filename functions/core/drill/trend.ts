// RTO per group over a plan's drills, and which groups got slower. A drill that misses its RTO budget must say which
// tier to look at: the groups that took longer than in the previous drill, biggest change first; when none got
// slower (or there is no earlier drill to compare with), the slowest group, since that is where the time goes.
import type { GroupTrend, ReportGroup } from "../report/drill-report";

/** What an earlier drill measured per group (from its stored report). */
export interface PastDrill {
  drillId: string;
  startedAt: string;
  groups: { name: string; durationSeconds?: number }[];
}

/** Each group of this drill with its history; `history` may be in any order and is sorted oldest first. */
export function groupTrends(current: { drillId: string; startedAt: string; groups: readonly ReportGroup[] }, history: readonly PastDrill[]): GroupTrend[] {
  const past = [...history].filter((drill) => drill.drillId !== current.drillId).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return current.groups.map((group): GroupTrend => {
    const points = past.flatMap((drill) => {
      const seconds = drill.groups.find((candidate) => candidate.name === group.name)?.durationSeconds;
      return seconds === undefined ? [] : [{ drillId: drill.drillId, startedAt: drill.startedAt, seconds }];
    });
    const previous = points.at(-1);
    if (group.durationSeconds === undefined) return { group: group.name, points };
    const all = [...points, { drillId: current.drillId, startedAt: current.startedAt, seconds: group.durationSeconds }];
    return previous === undefined ? { group: group.name, points: all } : { group: group.name, points: all, changeSeconds: group.durationSeconds - previous.seconds };
  });
}

/** Groups that took longer than in the previous drill, biggest change first. */
export function slowerGroups(trends: readonly GroupTrend[]): GroupTrend[] {
  return trends.filter((trend) => trend.changeSeconds !== undefined && trend.changeSeconds > 0).sort((a, b) => (b.changeSeconds as number) - (a.changeSeconds as number));
}

/** The group that took longest in this drill, if any was measured. */
export function slowestGroup(groups: readonly ReportGroup[]): ReportGroup | undefined {
  return groups
    .filter((group) => group.durationSeconds !== undefined)
    .reduce<ReportGroup | undefined>((best, group) => (best === undefined || (group.durationSeconds as number) > (best.durationSeconds as number) ? group : best), undefined);
}
