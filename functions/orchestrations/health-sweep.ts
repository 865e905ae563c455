// The health sweep: list the vaults the plans use, read each vault's items by pages (vaults side by side, a few at a
// time), then evaluate every plan, store the snapshot and publish the alerts it decided on. The sweep's time is the
// orchestration's clock, so the snapshot, the RPO minutes and the alerts all agree on when the sweep happened.
import type { OrchestrationHandler } from "durable-functions";
import { HEALTH_ACTIVITY, type EvaluateInput, type SweepVault, type VaultItems } from "../activities/health/health-activities";
import type { HealthAlert } from "../core/alerts/health-alerts";
import { bookkeepingRetry, nowMs } from "./durable";
import { HEALTH_ORCHESTRATION, PARALLEL_VAULTS } from "./health-names";

export interface HealthSweepResult {
  sweepId: string;
  asOf: string;
  vaults: number;
  pages: number;
  itemsRead: number;
  alerts: string[];
}

export const healthSweepOrchestrator: OrchestrationHandler = function* (context) {
  const atMs = nowMs(context);
  const sweepId = context.df.instanceId;
  const vaults = (yield context.df.callActivityWithRetry(HEALTH_ACTIVITY.listVaults, bookkeepingRetry(), null)) as SweepVault[];
  const read: VaultItems[] = [];
  for (let start = 0; start < vaults.length; start += PARALLEL_VAULTS) {
    const batch = vaults.slice(start, start + PARALLEL_VAULTS).map((vault) => context.df.callSubOrchestrator(HEALTH_ORCHESTRATION.vault, vault));
    read.push(...((yield context.df.Task.all(batch)) as VaultItems[]));
  }
  const input: EvaluateInput = { sweepId, atMs, vaults: read };
  const alerts = (yield context.df.callActivityWithRetry(HEALTH_ACTIVITY.evaluate, bookkeepingRetry(), input)) as HealthAlert[];
  if (alerts.length > 0) yield context.df.callActivityWithRetry(HEALTH_ACTIVITY.publishAlerts, bookkeepingRetry(), alerts);
  const result: HealthSweepResult = {
    sweepId,
    asOf: new Date(atMs).toISOString(),
    vaults: read.length,
    pages: read.reduce((sum, vault) => sum + vault.pages, 0),
    itemsRead: read.reduce((sum, vault) => sum + vault.itemsRead, 0),
    alerts: alerts.map((alert) => alert.id),
  };
  return result;
};
