// The drill report model: what an auditor reads. One document per drill, built once when the drill ends from the
// plan as it was, the operation timeline, the evidence the workflow collected and the plan's earlier drills. The
// served JSON and the HTML page are both made from this document, so they cannot disagree.
import type { CleanupStatus, Drill, DrillItemResult, OperationError, OperationStep, Plan, ProbeResult } from "@standby/client/contract";

export interface ReportGroup {
  name: string;
  items: number;
  status: "succeeded" | "failed" | "skipped";
  startedAt?: string;
  endedAt?: string;
  /** From the group's first item start to its last item end. */
  durationSeconds?: number;
}

export interface TimelineEntry {
  kind: "group" | "probe" | "cleanup";
  label: string;
  status: string;
  startedAt: string;
  endedAt: string;
}

/**
 * The recovery part of the drill on one time axis. `startedAt` is the first test failover's start and
 * `recoveredAt` the end of the last group or probe: the measured RTO is exactly that span. Cleanup is drawn too
 * but is not part of the recovery.
 */
export interface ReportTimeline {
  startedAt?: string;
  recoveredAt?: string;
  spanSeconds?: number;
  entries: TimelineEntry[];
}

export interface ReportItem extends DrillItemResult {
  group: string;
  jobId?: string;
  /** Age of the recovery point when the test failover began: the data a real failover would have lost. */
  rpoSeconds?: number;
}

export interface ReportProbe extends ProbeResult {
  url: string;
  attempts: number;
}

export interface ObjectiveCheck {
  objective: "rto" | "rpo";
  passed: boolean;
  limitSeconds: number;
  measuredSeconds?: number;
  detail: string;
}

export interface CleanupVerification {
  status: CleanupStatus;
  /** Site Recovery shows no item of the plan with a test failover any more. */
  clean: boolean;
  attempts: number;
  leftovers: string[];
  failures: OperationError[];
  verified: boolean;
  startedAt: string;
  endedAt: string;
}

export interface GroupTrendPoint {
  drillId: string;
  startedAt: string;
  seconds: number;
}

/** One group's duration over the plan's drills, oldest first, this drill last. */
export interface GroupTrend {
  group: string;
  points: GroupTrendPoint[];
  /** This drill minus the previous one, when both measured the group. */
  changeSeconds?: number;
}

export interface DrillReport extends Drill {
  reason: string;
  startedBy: string;
  objectives: { rpoSeconds: number; rtoSeconds: number; rtoBudgetSeconds: number };
  checks: ObjectiveCheck[];
  groups: ReportGroup[];
  timeline: ReportTimeline;
  items: ReportItem[];
  probes: ReportProbe[];
  cleanupVerification: CleanupVerification;
  trend: GroupTrend[];
  /** The groups (tiers) that got slower than in the previous drill, slowest change first. */
  slowerGroups: string[];
  /** Why the drill did not pass, one sentence each; empty when it passed. */
  failures: string[];
  /** The operation's steps as they ended. */
  steps: OperationStep[];
  /** The plan's name for the test network the copies ran in. */
  testNetworkId: string;
}

/** The budget a drill's measured RTO is held to: the drill's own budget, else the plan's RTO objective. */
export function rtoBudgetSeconds(plan: Plan): number {
  return plan.drill?.rtoBudgetSeconds ?? plan.objectives.rtoSeconds;
}
