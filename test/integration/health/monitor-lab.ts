// Helpers for the monitor's lab tests: run sweeps by moving the shared clock a minute at a time (the host's timer
// fires the sweep each minute), wait for things the host does in the background, and read what the monitor stored.
import { BlobServiceClient } from "@azure/storage-blob";
import type { PlanHealth } from "@standby/client/contract";
import { AlertStore } from "../../../functions/activities/alerts/alert-store";
import { monitoringContainers } from "../../../functions/activities/health/compose";
import { api } from "../../support/api-client";
import type { Lab } from "../../support/lab";

const MINUTE = 60_000;

/** Polls `read` until it returns something other than undefined, or fails after `timeoutMs` of real time. */
export async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function virtualNow(lab: Lab): Promise<number> {
  return (await lab.control<{ nowMs: number }>("GET", "/_emulator/clock")).body.nowMs;
}

/**
 * Moves the clock `minutes` minutes, one at a time, and waits each minute for that minute's sweep to be stored and
 * to finish (the timer skips a tick while the previous sweep still runs, as it should).
 */
export async function sweepMinutes(lab: Lab, plan: string, minutes: number): Promise<PlanHealth> {
  let health: PlanHealth | undefined;
  for (let minute = 0; minute < minutes; minute++) {
    await lab.advance(MINUTE);
    const due = Math.floor((await virtualNow(lab)) / MINUTE) * MINUTE;
    health = await until(`the sweep of ${new Date(due).toISOString()}`, async () => {
      const answer = await api<PlanHealth>(lab, "GET", `/plans/${plan}/health`);
      return answer.body.asOf !== null && Date.parse(answer.body.asOf) >= due ? answer.body : undefined;
    });
    await until("the sweep to finish", async () => ((await runningSweeps(lab)) === 0 ? true : undefined));
  }
  if (health === undefined) throw new RangeError("sweep at least one minute");
  return health;
}

async function runningSweeps(lab: Lab): Promise<number> {
  const query = `runtimeStatus=Running,Pending&instanceIdPrefix=health-sweep-&code=${encodeURIComponent(lab.masterKey)}`;
  const response = await fetch(`${lab.hostUrl}/runtime/webhooks/durabletask/instances?${query}`);
  return ((await response.json()) as unknown[]).length;
}

/** The alert intake's record, read straight from the lab's storage. */
export function alertStore(lab: Lab): AlertStore {
  const service = BlobServiceClient.fromConnectionString(lab.storage.connectionString);
  return new AlertStore(service.getContainerClient(monitoringContainers(lab.storage.containerPrefix).alerts));
}

/** Events of one type the app published on the lab's Event Grid topic. */
export async function publishedEvents(lab: Lab, type: string): Promise<{ event: { id: string; source: string; data: Record<string, unknown> } }[]> {
  return (await lab.control<{ event: { id: string; source: string; data: Record<string, unknown> } }[]>("GET", `/_emulator/eventgrid/events?type=${encodeURIComponent(type)}`)).body;
}
