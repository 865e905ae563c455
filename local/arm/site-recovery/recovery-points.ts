// Recovery points of an item: crash-consistent ones at the policy's crash-consistent frequency and application-
// consistent ones at its app-consistent frequency, kept for the policy's history window.
import type { RegionOutages } from "../world/regions";
import type { ItemRecord } from "./records";
import { replicationOf } from "./replication";

export interface RecoveryPoint {
  name: string;
  timeMs: number;
  type: "CrashConsistent" | "ApplicationConsistent";
}

const MAX_POINTS = 2000;

export function recoveryPointsOf(item: ItemRecord, nowMs: number, outages: RegionOutages): RecoveryPoint[] {
  if (item.stage !== "Protected" && item.stage !== "TestFailedOver") return [];
  const latest = replicationOf(item, nowMs, outages).latestPointMs;
  if (latest === undefined) return [];
  const crashMs = (item.policy.crashConsistentFrequencyInMinutes ?? 5) * 60_000;
  const appMs = (item.policy.appConsistentFrequencyInMinutes ?? 60) * 60_000;
  const oldest = Math.max(item.replicationSinceMs, nowMs - (item.policy.recoveryPointHistoryInMinutes ?? 1440) * 60_000);
  const points: RecoveryPoint[] = [];
  for (let time = Math.floor(latest / crashMs) * crashMs; time >= oldest && points.length < MAX_POINTS; time -= crashMs) {
    points.push({ name: pointName(time), timeMs: time, type: appMs > 0 && time % appMs === 0 ? "ApplicationConsistent" : "CrashConsistent" });
  }
  return points;
}

export function pointName(timeMs: number): string {
  return `rp-${timeMs}`;
}

/** Finds a point by its name or full id (what failover inputs carry as recoveryPointId). */
export function findRecoveryPoint(item: ItemRecord, idOrName: string, nowMs: number, outages: RegionOutages): RecoveryPoint | undefined {
  const name = idOrName.split("/").pop() ?? "";
  return recoveryPointsOf(item, nowMs, outages).find((point) => point.name.toLowerCase() === name.toLowerCase());
}
