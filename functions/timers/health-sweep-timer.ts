// The timer trigger's job: start one health sweep per tick, unless the previous sweep still runs (a slow sweep of a
// large estate must not pile up sweeps and multiply the ARM reads). The schedule comes from configuration.
import { randomUUID } from "node:crypto";
import { settings } from "../azure/config-settings";
import { HEALTH_ORCHESTRATION } from "../orchestrations/health-names";

/** The part of the durable client the timer uses. */
export interface SweepStarterClient {
  startNew(orchestration: string, options: { instanceId: string; input?: unknown }): Promise<string>;
  getStatus(instanceId: string): Promise<{ runtimeStatus?: unknown }>;
}

export type SweepStart = { started: true; instanceId: string } | { started: false; runningInstanceId: string };

const ACTIVE = new Set(["pending", "running", "continuedasnew"]);

/** The sweep's NCRONTAB schedule: the app setting when set, else the documented default. */
export function healthSweepSchedule(environment: Record<string, string | undefined> = process.env): string {
  const declared = settings.healthSweepSchedule;
  const configured = environment[declared.name];
  return configured === undefined || configured.trim() === "" ? String(declared.defaultValue) : configured.trim();
}

export function createHealthSweepStarter(): (client: SweepStarterClient) => Promise<SweepStart> {
  let previous: string | undefined;
  return async (client) => {
    if (previous !== undefined) {
      const status = await client.getStatus(previous).catch(() => undefined);
      if (status !== undefined && ACTIVE.has(String(status.runtimeStatus).toLowerCase())) return { started: false, runningInstanceId: previous };
    }
    const instanceId = `health-sweep-${randomUUID()}`;
    await client.startNew(HEALTH_ORCHESTRATION.sweep, { instanceId, input: null });
    previous = instanceId;
    return { started: true, instanceId };
  };
}
