// The timer trigger's job: start one health sweep per tick, unless the previous sweep still runs (a slow sweep of a
// large estate must not pile up sweeps and multiply the ARM reads) or the last sweep's reads, repeated this soon,
// would exceed the sweep's share of ARM's read budget. The schedule comes from configuration.
import { randomUUID } from "node:crypto";
import type { HealthSnapshot } from "../activities/health/health-snapshot";
import { ConfigError, loadConfig, settings, type StandbyConfig } from "../azure/config";
import { sweepWithinReadBudget } from "../core/health/read-budget";
import { HEALTH_ORCHESTRATION } from "../orchestrations/health-names";

/** The part of the durable client the timer uses. */
export interface SweepStarterClient {
  startNew(orchestration: string, options: { instanceId: string; input?: unknown }): Promise<string>;
  getStatus(instanceId: string): Promise<{ runtimeStatus?: unknown }>;
}

export type SweepStart = { started: true; instanceId: string } | { started: false; reason: string };

const ACTIVE = new Set(["pending", "running", "continuedasnew"]);

/**
 * The sweep's NCRONTAB schedule from the configuration (its documented default when unset). The timer is
 * registered when the app loads; with settings the configuration refuses, it registers on the default schedule so
 * the host still starts, and each tick then fails naming the bad setting, as every other function does.
 */
export function healthSweepSchedule(load: () => StandbyConfig = loadConfig): string {
  try {
    return load().healthSweepSchedule;
  } catch (error) {
    if (error instanceof ConfigError) return String(settings.healthSweepSchedule.defaultValue);
    throw error;
  }
}

/**
 * `nowMs` is the tick's time on the host's clock (the one orchestrations, and so the snapshot's time, run on).
 */
export function createHealthSweepStarter(latestSnapshot: () => Promise<HealthSnapshot | undefined>): (client: SweepStarterClient, nowMs: number) => Promise<SweepStart> {
  let previous: string | undefined;
  return async (client, nowMs) => {
    if (previous !== undefined) {
      const status = await client.getStatus(previous).catch(() => undefined);
      if (status !== undefined && ACTIVE.has(String(status.runtimeStatus).toLowerCase())) return { started: false, reason: `the previous sweep ${previous} still runs` };
    }
    const snapshot = await latestSnapshot();
    const budget = sweepWithinReadBudget({
      nowMs,
      ...(snapshot === undefined ? {} : { last: { pages: snapshot.vaults.reduce((sum, vault) => sum + vault.pages, 0), atMs: Date.parse(snapshot.asOf) } }),
    });
    if (!budget.sweep) return { started: false, reason: budget.reason };
    const instanceId = `health-sweep-${randomUUID()}`;
    await client.startNew(HEALTH_ORCHESTRATION.sweep, { instanceId, input: null });
    previous = instanceId;
    return { started: true, instanceId };
  };
}
