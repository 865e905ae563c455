// Alerts out, only on change and once per change per plan: what was last announced for each plan is remembered with
// the snapshot, and a sweep announces only the differences. Event ids are derived from the plan, the kind and the
// sweep time, so publishing the same sweep's alerts again lets subscribers drop the repeats by id.
import type { HealthStatus, StandbyEventType } from "@standby/client/contract";
import type { PlanEvaluation } from "../health/evaluate";

export const HEALTH_EVENT_TYPE = {
  healthChanged: "Standby.Replication.HealthChanged",
  rpoBreached: "Standby.Replication.RpoBreached",
  /** The RPO error budget no longer burns fast: the recovery that pairs with RpoBreached. */
  rpoRecovered: "Standby.Replication.RpoRecovered",
} as const satisfies Record<string, StandbyEventType>;

export type HealthEventType = (typeof HEALTH_EVENT_TYPE)[keyof typeof HEALTH_EVENT_TYPE];

/** What was last announced for a plan. */
export interface AnnouncedHealth {
  status: HealthStatus;
  rpoBreached: boolean;
}

/** Before the first sweep a plan counts as healthy: only a plan that starts out unwell is announced. */
export const NOTHING_ANNOUNCED: AnnouncedHealth = { status: "healthy", rpoBreached: false };

export interface HealthAlert {
  id: string;
  type: HealthEventType;
  plan: string;
  time: string;
  data: {
    plan: string;
    status: HealthStatus;
    previousStatus?: HealthStatus;
    worstRpoSeconds: number | null;
    rpoObjectiveSeconds: number;
    rpoBurnRate?: { long: number | null; short: number | null; threshold: number };
    problems: string[];
  };
}

export function healthAlerts(evaluation: PlanEvaluation, announced: AnnouncedHealth, atMs: number): { alerts: HealthAlert[]; announced: AnnouncedHealth } {
  const time = new Date(atMs).toISOString();
  const problems = [...evaluation.problems, ...evaluation.items.flatMap((item) => (item.problems ?? []).map((text) => `${item.item}: ${text}`))];
  const base = {
    plan: evaluation.plan,
    status: evaluation.status,
    worstRpoSeconds: evaluation.worstRpoSeconds,
    rpoObjectiveSeconds: evaluation.rpoObjectiveSeconds,
    problems,
  };
  const alert = (type: HealthEventType, data: HealthAlert["data"]): HealthAlert => ({
    id: `${evaluation.plan}/${type}/${atMs}`,
    type,
    plan: evaluation.plan,
    time,
    data,
  });
  const alerts: HealthAlert[] = [];
  if (evaluation.status !== announced.status) {
    alerts.push(alert(HEALTH_EVENT_TYPE.healthChanged, { ...base, previousStatus: announced.status }));
  }
  const breached = evaluation.rpoSlo.burning;
  // An unknown status (the vault could not be read) keeps the last RPO verdict: no data is not a recovery.
  const rpoBreached = evaluation.status === "unknown" ? announced.rpoBreached : breached;
  if (rpoBreached !== announced.rpoBreached) {
    const burn = {
      long: evaluation.rpoSlo.longWindow.burnRate,
      short: evaluation.rpoSlo.shortWindow.burnRate,
      threshold: evaluation.rpoSlo.burnRateThreshold,
    };
    alerts.push(alert(rpoBreached ? HEALTH_EVENT_TYPE.rpoBreached : HEALTH_EVENT_TYPE.rpoRecovered, { ...base, rpoBurnRate: burn }));
  }
  return { alerts, announced: { status: evaluation.status, rpoBreached } };
}
