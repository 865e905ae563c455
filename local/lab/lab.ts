// The local lab: Azurite, the ARM emulator with the `shop` estate and the local Functions host running the Standby
// app, all on one clock, with state under one folder so that a restart resumes running operations.
import { resolve } from "node:path";
import { startAzurite, type RunningAzurite } from "../azurite/azurite";
import { createClock, type Clock, type ClockSpec } from "../clock/clock";
import { startArmEmulator, type RunningArmEmulator } from "../arm/emulator";
import { createEngine } from "../host/engine-factory";
import { startHost, type RunningHost } from "../host/host";
import type { HostLogger } from "../host/logger";
import type { LabOptions } from "./options";
import { LabStateDir, type LabDescription } from "./state-dir";

/** This repository's root: its package.json `main` is the compiled Standby app. */
const STANDBY_APP_FOLDER = resolve(__dirname, "../../..");
const TASK_HUB = "standbylab";

export interface RunningLab extends LabDescription {
  descriptionFile: string;
  clock: Clock;
  host: RunningHost;
  stop(): Promise<void>;
}

export async function startLab(options: LabOptions, log: HostLogger): Promise<RunningLab> {
  const state = new LabStateDir(options.stateDir);
  state.lock();
  const clock = createClock(labClockSpec(options.speed, state.savedSimulatedTime()));
  const stops: (() => Promise<void>)[] = [async () => state.unlock(), async () => state.saveSimulatedTime(clock.now())];
  const stop = async () => {
    for (const action of stops.reverse().splice(0)) await action().catch((error: Error) => log("error", `stopping the lab: ${error.message}`));
  };
  try {
    const azurite: RunningAzurite = await startAzurite({ location: state.azuriteLocation });
    stops.push(() => azurite.stop());
    const arm: RunningArmEmulator = await startArmEmulator({ port: options.armPort, estate: "shop", clock, log: (line) => log("debug", line) });
    stops.push(() => arm.stop());
    const key = state.key("key");
    const masterKey = state.key("master-key");
    const host = await startHost({
      appFolder: STANDBY_APP_FOLDER,
      port: options.port,
      clock,
      keys: { functionKey: key, masterKey },
      settings: {
        AzureWebJobsStorage: azurite.connectionString,
        STANDBY_TASK_HUB: TASK_HUB,
        STANDBY_ARM_ENDPOINT: arm.url,
        STANDBY_EVENTGRID_ENDPOINT: `${arm.url}/api/events`,
        STANDBY_EVENTGRID_KEY: arm.estate.eventGridKey ?? "local-topic-key",
        STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
        STANDBY_ALLOWED_HOSTS: "localhost",
      },
      engineFactory: createEngine,
      log,
    });
    stops.push(() => host.stop());
    await subscribeEventGridFunctions(host, arm.url, log);
    const description: LabDescription = { endpoint: host.url, key, armEndpoint: arm.url, storage: azurite.connectionString, masterKey };
    const descriptionFile = state.writeDescription(description);
    return { ...description, descriptionFile, clock, host, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Scaled time by default; after a restart, simulated time carries on from where the last run left it. */
function labClockSpec(speed: number, savedNowMs: number | undefined): ClockSpec {
  const realNow = Date.now();
  const originMs = Math.max(savedNowMs ?? realNow, realNow);
  if (speed === 1 && originMs === realNow) return { mode: "real" };
  return { mode: "scaled", speed, originMs, realOriginMs: realNow };
}

/** The emulator's Event Grid topic delivers to the host's webhook, as an Event Grid subscription does in Azure. */
async function subscribeEventGridFunctions(host: RunningHost, armUrl: string, log: HostLogger): Promise<void> {
  for (const entry of host.catalog.eventGrid) {
    const endpoint = `${host.url}/runtime/webhooks/eventgrid?functionName=${encodeURIComponent(entry.name)}&code=${encodeURIComponent(host.keys.systemKey)}`;
    const name = `standby-${entry.name}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 64);
    const response = await fetch(`${armUrl}/_emulator/eventgrid/subscriptions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, endpoint }),
    });
    if (!response.ok) log("warning", `could not subscribe ${entry.name} to the emulator's Event Grid topic: ${response.status} ${await response.text()}`);
  }
}
