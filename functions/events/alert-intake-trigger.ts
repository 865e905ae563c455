// The Event Grid trigger's job: wire one delivered event to the intake with the app's stores and the durable
// engine of this invocation. Whatever the event holds, the intake records it; only a storage or engine failure
// throws, and then Event Grid delivers the event again, which the intake handles idempotently (signals by event id).
import type { AlertStore } from "../activities/alerts/alert-store";
import { startAutoFailover } from "../activities/alerts/auto-failover-starter";
import { takeAlertEvent, type IntakeResult } from "../activities/alerts/alert-intake";
import type { HealthStore } from "../activities/health/health-store";
import type { ApiDependencies } from "../http/dependencies";

export interface AlertIntakeParts {
  api: ApiDependencies;
  alertStore: AlertStore;
  healthStore: HealthStore;
}

export function runAlertIntake(event: unknown, parts: AlertIntakeParts): Promise<IntakeResult> {
  const { api } = parts;
  return takeAlertEvent(event, {
    store: parts.alertStore,
    latestHealth: () => parts.healthStore.latest(),
    plan: async (name) => (await api.plans.get(name))?.plan,
    lastOperation: async (plan) => {
      const newest = (await api.operations.list({ plan, maxPageSize: 1 })).operations[0];
      return newest === undefined ? undefined : { id: newest.id, kind: newest.kind, atMs: Date.parse(newest.createdAt) };
    },
    startFailover: (decision) => startAutoFailover(api, decision),
    nowMs: api.now,
  });
}

/** One line for the host's log. */
export function describeIntake(result: IntakeResult): string {
  const { event } = result;
  const head = `alert intake: event ${event.eventId ?? "(no id)"} ${event.outcome}${event.reason === undefined ? "" : ` (${event.reason})`}`;
  const decisions = result.decisions.map(
    (decision) => `${decision.plan}: ${decision.summary}${decision.outcome === undefined ? "" : decision.outcome.started ? ` -> ${decision.outcome.operationId}` : ` -> not started: ${decision.outcome.message}`}`,
  );
  return [head, ...decisions].join("; ");
}
