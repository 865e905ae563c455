// Builds the drill report from what the drill did. Pure: the report activity passes the stored history and the
// time, so the same inputs always give the same report (and the tests can check every figure against its source).
//
// Figures, defined once here:
//  group duration  first item's test-failover start to the group's last item end;
//  RTO             the first test failover's start to the end of the last group or probe (the timeline's span);
//  RPO per item    the age of the recovery point the test copy was made from, when its test failover began.
// Pass/fail: every item failed over in this drill (none skipped), every probe passed, cleanup verified clean, RTO
// within the budget, every item's RPO within the plan's objective. A canceled drill is canceled, whatever else.
import type { CleanupStatus, DrillStatus, Operation, Plan } from "@standby/client/contract";
import type { CleanupVerification, DrillReport, GroupTrend, ObjectiveCheck, ReportGroup, ReportItem, ReportProbe, ReportTimeline, TimelineEntry } from "../report/drill-report";
import { rtoBudgetSeconds } from "../report/drill-report";
import type { DrillEvidence, ItemTestFailover } from "./evidence";
import { groupTrends, slowerGroups, slowestGroup, type PastDrill } from "./trend";

export interface BuildReportInput {
  plan: Plan;
  operation: Operation;
  evidence: DrillEvidence;
  history: readonly PastDrill[];
  endedAtMs: number;
  reportUrl: string;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();
const seconds = (fromMs: number, toMs: number): number => Math.max(0, (toMs - fromMs) / 1000);

export function buildDrillReport(input: BuildReportInput): DrillReport {
  const { plan, operation, evidence } = input;
  const groups = plan.groups.map((group) => reportGroup(group.name, group.items.length, evidence.items.filter((item) => item.group === group.name)));
  const items = evidence.items.map(reportItem);
  const probes = evidence.probes.map(
    (probe): ReportProbe => ({
      name: probe.name,
      url: probe.url,
      passed: probe.passed,
      attempts: probe.attempts,
      latencyMs: Math.max(0, probe.endedAtMs - probe.startedAtMs),
      ...(probe.statusCode === undefined ? {} : { statusCode: probe.statusCode }),
      ...(probe.message === undefined ? {} : { message: probe.message }),
    }),
  );
  const cleanup = cleanupVerification(evidence);
  const timeline = buildTimeline(groups, evidence, cleanup);
  const budget = rtoBudgetSeconds(plan);
  const checks = objectiveChecks(plan, timeline, items, budget);
  const trend = groupTrends({ drillId: operation.id, startedAt: operation.createdAt, groups }, input.history);
  const slower = slowerGroups(trend);

  const failures: string[] = [];
  if (evidence.failure !== undefined) failures.push(evidence.failure.message);
  for (const item of evidence.items.filter((entry) => entry.status === "failed")) {
    failures.push(`Test failover of ${item.item} failed: ${item.error?.message ?? "no reason given"}.`);
  }
  // A skipped item made no test copy in this drill (one left by an earlier run proves nothing), so it cannot pass.
  for (const item of evidence.items.filter((entry) => entry.status === "skipped")) {
    failures.push(`Test failover of ${item.item} did not run: ${item.error?.message ?? "skipped"}.`);
  }
  for (const probe of probes.filter((entry) => !entry.passed)) failures.push(`Probe ${probe.name} failed: ${probe.message ?? "no answer"}.`);
  if (!cleanup.clean) {
    failures.push(
      cleanup.verified
        ? `Cleanup left test failovers on ${cleanup.leftovers.join(", ")} after ${cleanup.attempts} attempt(s).`
        : "Cleanup could not be verified against Site Recovery.",
    );
  }
  for (const check of checks.filter((entry) => !entry.passed)) failures.push(check.objective === "rto" ? `${check.detail} ${rtoCulprit(slower, groups)}`.trim() : check.detail);

  const status: DrillStatus = evidence.canceled ? "canceled" : failures.length > 0 ? "failed" : "succeeded";
  return {
    id: operation.id,
    plan: plan.name,
    operationId: operation.id,
    status,
    startedAt: operation.createdAt,
    endedAt: iso(input.endedAtMs),
    ...(timeline.spanSeconds === undefined ? {} : { rtoSeconds: timeline.spanSeconds }),
    itemsTotal: plan.groups.reduce((sum, group) => sum + group.items.length, 0),
    itemsSucceeded: items.filter((item) => item.status === "succeeded").length,
    probesPassed: probes.filter((probe) => probe.passed).length,
    probesFailed: probes.filter((probe) => !probe.passed).length,
    cleanup: cleanup.status,
    reportUrl: input.reportUrl,
    reason: operation.reason,
    startedBy: operation.startedBy,
    objectives: { rpoSeconds: plan.objectives.rpoSeconds, rtoSeconds: plan.objectives.rtoSeconds, rtoBudgetSeconds: budget },
    checks,
    groups,
    timeline,
    items,
    probes,
    cleanupVerification: cleanup,
    trend,
    slowerGroups: slower.map((entry) => entry.group),
    failures,
    // The report is built just before the operation ends: steps that never ran are shown as skipped, as they will be.
    steps: operation.steps.map((step) => (step.status === "pending" ? { ...step, status: "skipped" } : step)),
    testNetworkId: plan.drill?.testNetworkId ?? "",
  };
}

function reportGroup(name: string, count: number, items: readonly ItemTestFailover[]): ReportGroup {
  const ran = items.filter((item) => item.status !== "skipped" || item.jobId !== undefined);
  const status = items.some((item) => item.status === "failed") ? "failed" : items.length === count && count > 0 ? "succeeded" : "skipped";
  if (ran.length === 0) return { name, items: count, status: items.length === count && count > 0 ? "succeeded" : "skipped" };
  const startMs = Math.min(...ran.map((item) => item.startedAtMs));
  const endMs = Math.max(...ran.map((item) => item.endedAtMs));
  return { name, items: count, status, startedAt: iso(startMs), endedAt: iso(endMs), durationSeconds: seconds(startMs, endMs) };
}

function reportItem(item: ItemTestFailover): ReportItem {
  return {
    item: item.item,
    group: item.group,
    status: item.status,
    durationMs: Math.max(0, item.endedAtMs - item.startedAtMs),
    ...(item.jobId === undefined ? {} : { jobId: item.jobId }),
    ...(item.recoveryPointTimeMs === undefined
      ? {}
      : { recoveryPointTime: iso(item.recoveryPointTimeMs), rpoSeconds: seconds(item.recoveryPointTimeMs, item.startedAtMs) }),
    ...(item.error === undefined ? {} : { error: item.error }),
  };
}

function cleanupVerification(evidence: DrillEvidence): CleanupVerification {
  const { cleanup } = evidence;
  const clean = cleanup.verified && cleanup.leftovers.length === 0;
  const status: CleanupStatus = clean ? "succeeded" : "failed";
  return {
    status,
    clean,
    attempts: cleanup.attempts,
    leftovers: [...cleanup.leftovers],
    failures: [...cleanup.failures],
    verified: cleanup.verified,
    startedAt: iso(cleanup.startedAtMs),
    endedAt: iso(cleanup.endedAtMs),
  };
}

function buildTimeline(groups: readonly ReportGroup[], evidence: DrillEvidence, cleanup: CleanupVerification): ReportTimeline {
  const recovery: TimelineEntry[] = [
    ...groups
      .filter((group) => group.startedAt !== undefined && group.endedAt !== undefined)
      .map((group): TimelineEntry => ({ kind: "group", label: group.name, status: group.status, startedAt: group.startedAt as string, endedAt: group.endedAt as string })),
    ...evidence.probes
      .filter((probe) => probe.attempts > 0)
      .map((probe): TimelineEntry => ({ kind: "probe", label: probe.name, status: probe.passed ? "passed" : "failed", startedAt: iso(probe.startedAtMs), endedAt: iso(probe.endedAtMs) })),
  ];
  const entries: TimelineEntry[] = [
    ...recovery,
    ...(cleanup.attempts > 0 ? [{ kind: "cleanup" as const, label: "cleanup", status: cleanup.clean ? "clean" : "not clean", startedAt: cleanup.startedAt, endedAt: cleanup.endedAt }] : []),
  ];
  if (recovery.length === 0) return { entries };
  const startMs = Math.min(...recovery.map((entry) => Date.parse(entry.startedAt)));
  const endMs = Math.max(...recovery.map((entry) => Date.parse(entry.endedAt)));
  return { startedAt: iso(startMs), recoveredAt: iso(endMs), spanSeconds: seconds(startMs, endMs), entries };
}

function objectiveChecks(plan: Plan, timeline: ReportTimeline, items: readonly ReportItem[], budget: number): ObjectiveCheck[] {
  const checks: ObjectiveCheck[] = [];
  if (timeline.spanSeconds !== undefined) {
    const passed = timeline.spanSeconds <= budget;
    checks.push({
      objective: "rto",
      passed,
      limitSeconds: budget,
      measuredSeconds: timeline.spanSeconds,
      detail: passed ? `RTO ${round(timeline.spanSeconds)} s is within the budget of ${budget} s.` : `RTO ${round(timeline.spanSeconds)} s is over the budget of ${budget} s.`,
    });
  }
  const measured = items.filter((item) => item.rpoSeconds !== undefined);
  if (measured.length > 0) {
    const worst = measured.reduce((best, item) => ((item.rpoSeconds as number) > (best.rpoSeconds as number) ? item : best));
    const limit = plan.objectives.rpoSeconds;
    const over = measured.filter((item) => (item.rpoSeconds as number) > limit).map((item) => item.item);
    checks.push({
      objective: "rpo",
      passed: over.length === 0,
      limitSeconds: limit,
      measuredSeconds: worst.rpoSeconds as number,
      detail: over.length === 0 ? `Every item's RPO is within ${limit} s (worst ${round(worst.rpoSeconds as number)} s).` : `RPO over ${limit} s on ${over.join(", ")}.`,
    });
  }
  return checks;
}

/** Which tier to look at when the RTO budget was missed. */
function rtoCulprit(slower: readonly GroupTrend[], groups: readonly ReportGroup[]): string {
  if (slower.length > 0) {
    return `Slower than the previous drill: ${slower.map((entry) => `${entry.group} (+${round(entry.changeSeconds as number)} s)`).join(", ")}.`;
  }
  const slowest = slowestGroup(groups);
  return slowest === undefined ? "" : `No group got slower than in the previous drill; the slowest is ${slowest.name} (${round(slowest.durationSeconds as number)} s).`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
