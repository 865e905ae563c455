// One plan against its objectives, from the items one sweep read: replication health and health errors, the RPO now
// and its trend, items not where a failover can start from, test failovers left running, and the RPO SLO. Every
// finding is written out as a problem line, so the snapshot explains its own status.
import type { HealthStatus, ItemHealth, Plan } from "@standby/client/contract";
import { ActiveLocation, AllowedOperation } from "../live-state";
import { itemFinder } from "../plan/item-ref";
import { appendRpoSample, rpoTrend, type RpoSample, type RpoTrend } from "./rpo-trend";
import { EMPTY_RPO_MINUTES, recordRpoMinute, rpoSloView, type RpoMinutes, type RpoSloView } from "./rpo-slo";
import type { SweptItem } from "./swept-item";

/** A drill's test failover is cleaned up within its run; one older than this was left behind. */
export const TEST_FAILOVER_GRACE_MINUTES = 120;

/** What a plan's evaluation carries from one sweep to the next. */
export interface PlanHealthState {
  rpoMinutes: RpoMinutes;
  rpoSamples: RpoSample[];
}

export interface PlanEvaluation {
  plan: string;
  status: HealthStatus;
  rpoObjectiveSeconds: number;
  worstRpoSeconds: number | null;
  rpoTrend: RpoTrend;
  rpoSlo: RpoSloView;
  /** Plan-level findings, one line each (item findings are on the items). */
  problems: string[];
  items: ItemHealth[];
  /** Regions the plan's machines run in now, lowercase: alerts about a region concern the plan. */
  regions: string[];
  /** Resource ids of the plan's machines, lowercase: alerts about a machine concern the plan. */
  machines: string[];
  state: PlanHealthState;
}

export interface PlanHealthInput {
  plan: Plan;
  /** The items the sweep read from the plan's vault (at least those the plan names). */
  vaultItems: readonly SweptItem[];
  /** Set when the vault could not be read: the plan's health is unknown, and no RPO minute is recorded. */
  readError?: string;
  previous?: PlanHealthState;
  atMs: number;
}

const RANK: Record<HealthStatus, number> = { healthy: 0, unknown: 1, warning: 2, critical: 3 };

export function worstStatus(statuses: readonly HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((worst, status) => (RANK[status] > RANK[worst] ? status : worst), "healthy");
}

export function evaluatePlanHealth(input: PlanHealthInput): PlanEvaluation {
  const { plan, atMs } = input;
  const objective = plan.objectives.rpoSeconds;
  const previous = input.previous ?? { rpoMinutes: EMPTY_RPO_MINUTES, rpoSamples: [] };
  const references = plan.groups.flatMap((group) => group.items);

  if (input.readError !== undefined) {
    return {
      plan: plan.name,
      status: "unknown",
      rpoObjectiveSeconds: objective,
      worstRpoSeconds: null,
      rpoTrend: rpoTrend(previous.rpoSamples, objective),
      rpoSlo: rpoSloView(previous.rpoMinutes, atMs),
      problems: [`The vault could not be read: ${input.readError}`],
      items: references.map((reference) => ({ item: reference, status: "unknown", replicationHealth: "Unknown", rpoSeconds: null })),
      regions: [],
      machines: [],
      state: previous,
    };
  }

  const find = itemFinder(input.vaultItems);
  const items: ItemHealth[] = [];
  const regions = new Set<string>();
  const machines = new Set<string>();
  let worst: number | null = null;
  let allWithin = true;
  for (const reference of references) {
    const item = find(reference);
    if (item === undefined) {
      items.push({ item: reference, status: "critical", replicationHealth: "Unknown", rpoSeconds: null, problems: ["Not found in the vault."] });
      allWithin = false;
      continue;
    }
    const evaluated = evaluateItem(reference, item, objective, atMs);
    items.push(evaluated);
    const region = item.activeLocation === ActiveLocation.recovery ? item.recoveryRegion : item.primaryRegion;
    if (region !== undefined) regions.add(region.toLowerCase());
    if (item.vmId !== undefined) machines.add(item.vmId.toLowerCase());
    const rpo = item.rpoSeconds ?? null;
    if (rpo === null || rpo > objective) allWithin = false;
    if (rpo !== null && (worst === null || rpo > worst)) worst = rpo;
  }

  const rpoMinutes = recordRpoMinute(previous.rpoMinutes, atMs, allWithin);
  const rpoSamples = appendRpoSample(previous.rpoSamples, { atMs, seconds: worst });
  const rpoSlo = rpoSloView(rpoMinutes, atMs);
  const problems: string[] = [];
  if (rpoSlo.burning) {
    problems.push(
      `RPO error budget burns fast: ${formatRate(rpoSlo.longWindow.burnRate)}x over ${rpoSlo.longWindow.minutes} min and ${formatRate(rpoSlo.shortWindow.burnRate)}x over ${rpoSlo.shortWindow.minutes} min (alert at ${rpoSlo.burnRateThreshold}x).`,
    );
  }
  return {
    plan: plan.name,
    status: worstStatus([...items.map((item) => item.status), rpoSlo.burning ? "critical" : "healthy"]),
    rpoObjectiveSeconds: objective,
    worstRpoSeconds: worst,
    rpoTrend: rpoTrend(rpoSamples, objective),
    rpoSlo,
    problems,
    items,
    regions: [...regions].sort(),
    machines: [...machines].sort(),
    state: { rpoMinutes, rpoSamples },
  };
}

function evaluateItem(reference: string, item: SweptItem, objective: number, atMs: number): ItemHealth {
  const findings: { status: HealthStatus; text: string }[] = [];
  const health = item.replicationHealth ?? "Unknown";
  if (health === "Critical") findings.push({ status: "critical", text: "Replication health is Critical." });
  else if (health === "Warning") findings.push({ status: "warning", text: "Replication health is Warning." });
  for (const error of item.healthErrors ?? []) {
    findings.push({ status: "warning", text: `Health error ${error.code || "(no code)"}: ${error.message || "no message"}` });
  }
  const rpo = item.rpoSeconds ?? null;
  if (rpo === null) findings.push({ status: "warning", text: "No RPO reported (no recovery point yet)." });
  // One item over its objective is a warning; the plan turns critical only when the RPO error budget burns fast.
  else if (rpo > objective) findings.push({ status: "warning", text: `RPO ${rpo} s exceeds the objective of ${objective} s.` });
  if (item.activeLocation !== undefined && item.activeLocation !== ActiveLocation.primary) {
    findings.push({ status: "warning", text: `Runs in its ${item.activeLocation} location, not the primary.` });
  } else if (
    item.currentScenario === undefined &&
    !item.allowedOperations.some((operation) => operation === AllowedOperation.plannedFailover || operation === AllowedOperation.unplannedFailover)
  ) {
    findings.push({ status: "warning", text: `Cannot fail over now (protection state ${item.protectionState ?? "unknown"}).` });
  }
  const testFailover = item.testFailoverState;
  if (testFailover !== undefined && testFailover !== "" && testFailover.toLowerCase() !== "none" && item.currentScenario === undefined) {
    const sinceMs = item.lastTestFailoverTime === undefined ? Number.NaN : Date.parse(item.lastTestFailoverTime);
    const minutes = Number.isNaN(sinceMs) ? undefined : Math.floor((atMs - sinceMs) / 60_000);
    if (minutes === undefined || minutes >= TEST_FAILOVER_GRACE_MINUTES) {
      findings.push({
        status: "warning",
        text: `Test failover left running (${testFailover}${minutes === undefined ? "" : `, ${minutes} min`}); clean it up.`,
      });
    }
  }
  return {
    item: reference,
    status: worstStatus(findings.map((finding) => finding.status)),
    replicationHealth: health,
    rpoSeconds: rpo,
    ...(findings.length === 0 ? {} : { problems: findings.map((finding) => finding.text) }),
  };
}

function formatRate(rate: number | null): string {
  return rate === null ? "?" : rate.toFixed(1);
}
