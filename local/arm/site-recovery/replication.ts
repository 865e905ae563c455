// Replication that lives: RPO drifts with simulated time around the item's typical value, stops improving while the
// source or target region is down, and recovery points appear at the policy's frequencies. Everything is computed
// from the clock when asked, so no timers run for idle items (the large estate has thousands).
import type { RegionOutages } from "../world/regions";
import { type ItemRecord, type ReplicationHealth, primaryRegionOf, recoveryRegionOf } from "./records";

const RPO_CALCULATION_INTERVAL_MS = 60_000;
const DRIFT_PERIOD_MS = 17 * 60_000;

export interface HealthError {
  errorCode: string;
  errorLevel: "Warning" | "Error";
  summaryMessage: string;
  errorMessage: string;
  possibleCauses: string;
  recommendedAction: string;
  creationTimeUtc: string;
}

export interface ReplicationSnapshot {
  health: ReplicationHealth;
  healthErrors: HealthError[];
  /** Undefined when nothing replicates (failed over, committed, initial replication). */
  rpoSeconds?: number;
  lastRpoCalculatedMs: number;
  /** Time of the newest recovery point (undefined when there is none). */
  latestPointMs?: number;
  lastHeartbeatMs: number;
  initialReplicationPercent?: number;
}

/** Moves an item whose initial replication has finished on to Protected. */
export function settle(item: ItemRecord, nowMs: number): void {
  if (item.stage === "InitialReplication" && item.initialReplication && nowMs >= item.initialReplication.endMs) {
    item.stage = "Protected";
    item.replicationSinceMs = item.initialReplication.endMs;
    item.initialReplication = undefined;
  }
}

export function replicationOf(item: ItemRecord, nowMs: number, outages: RegionOutages): ReplicationSnapshot {
  settle(item, nowMs);
  const calculatedMs = Math.floor(nowMs / RPO_CALCULATION_INTERVAL_MS) * RPO_CALCULATION_INTERVAL_MS;
  if (item.stage === "InitialReplication" && item.initialReplication) {
    const { startMs, endMs } = item.initialReplication;
    const percent = Math.min(99, Math.floor(((nowMs - startMs) / Math.max(1, endMs - startMs)) * 100));
    return {
      health: "Warning",
      healthErrors: [healthError("InitialReplicationInProgress", "Warning", "Initial replication is in progress", "Replication of the virtual machine's disks to the recovery region has not completed yet.", "Wait for initial replication to complete.", startMs)],
      lastRpoCalculatedMs: calculatedMs,
      lastHeartbeatMs: nowMs,
      initialReplicationPercent: Math.max(0, percent),
    };
  }
  if (item.stage === "FailedOver" || item.stage === "Committed") {
    return { health: "Normal", healthErrors: [], lastRpoCalculatedMs: calculatedMs, lastHeartbeatMs: nowMs };
  }

  const source = primaryRegionOf(item);
  const target = recoveryRegionOf(item);
  const sourceDownMs = outages.downSince(source);
  const targetDownMs = outages.downSince(target);
  const stalledSinceMs = minDefined(sourceDownMs, targetDownMs);
  const healthErrors: HealthError[] = [];
  let health: ReplicationHealth = "Normal";
  let rpoSeconds: number;
  let latestPointMs: number;
  if (stalledSinceMs !== undefined && stalledSinceMs <= nowMs) {
    rpoSeconds = driftingRpo(item, stalledSinceMs) + Math.floor((calculatedMs - stalledSinceMs) / 1000);
    latestPointMs = stalledSinceMs - driftingRpo(item, stalledSinceMs) * 1000;
    health = "Critical";
    const region = sourceDownMs !== undefined ? source : target;
    healthErrors.push(
      healthError(
        sourceDownMs !== undefined ? "SourceRegionUnavailable" : "TargetRegionUnavailable",
        "Error",
        `Replication is stalled: region ${region} is unavailable`,
        `Site Recovery has not received data from ${item.vmName} since the ${sourceDownMs !== undefined ? "source" : "target"} region ${region} became unavailable.`,
        sourceDownMs !== undefined ? "Fail over the virtual machine to the recovery region." : "Wait for the recovery region to be available again.",
        stalledSinceMs,
      ),
    );
  } else {
    rpoSeconds = driftingRpo(item, calculatedMs);
    latestPointMs = calculatedMs - rpoSeconds * 1000;
  }
  if (item.override?.rpoSeconds !== undefined) {
    rpoSeconds = item.override.rpoSeconds;
    latestPointMs = calculatedMs - rpoSeconds * 1000;
  }
  const thresholdSeconds = (item.policy.recoveryPointThresholdInMinutes ?? 60) * 60;
  if (health === "Normal" && rpoSeconds > thresholdSeconds) {
    health = "Warning";
    healthErrors.push(
      healthError("RpoThresholdExceeded", "Warning", "The RPO exceeds the threshold of the replication policy",
        `The recovery point objective of ${rpoSeconds} s exceeds the policy's threshold of ${thresholdSeconds} s.`,
        "Check the data change rate and network bandwidth of the virtual machine.", calculatedMs),
    );
  }
  if (item.override?.health !== undefined && item.override.health !== health) {
    health = item.override.health;
    if (health !== "Normal" && healthErrors.length === 0) {
      healthErrors.push(healthError("SimulatedReplicationIssue", health === "Critical" ? "Error" : "Warning", `Replication health is ${health}`,
        "The replication health was set through the emulator's control API.", "Repair replication.", calculatedMs));
    }
    if (health === "Normal") healthErrors.length = 0;
  }
  return {
    health,
    healthErrors,
    rpoSeconds,
    lastRpoCalculatedMs: calculatedMs,
    latestPointMs: latestPointMs >= item.replicationSinceMs ? latestPointMs : undefined,
    lastHeartbeatMs: sourceDownMs ?? nowMs,
  };
}

/** RPO at a moment: the item's typical value, swinging between 60% and 140% of it over about a quarter hour. */
export function driftingRpo(item: ItemRecord, atMs: number): number {
  const phase = [...item.name].reduce((sum, char) => (sum * 31 + char.charCodeAt(0)) % 1000, 7) / 1000;
  const wave = (Math.sin((atMs / DRIFT_PERIOD_MS + phase) * 2 * Math.PI) + 1) / 2;
  return Math.max(1, Math.round(item.baseRpoSeconds * (0.6 + 0.8 * wave)));
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function healthError(code: string, level: "Warning" | "Error", summary: string, message: string, action: string, atMs: number): HealthError {
  return {
    errorCode: code,
    errorLevel: level,
    summaryMessage: summary,
    errorMessage: message,
    possibleCauses: summary,
    recommendedAction: action,
    creationTimeUtc: new Date(atMs).toISOString(),
  };
}
