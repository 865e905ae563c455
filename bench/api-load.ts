// API under load: 200 SDK clients polling one running operation's status at once, the way 200 pollers of
// `beginFailover` read `GET /operations/{id}` between their waits, against the app in the local host on Azurite.
// The host runs in a child process (so the pollers' own CPU is not charged to it); this process runs the pollers
// and reports p50/p99 latency, throughput and errors. The operation stays running: the host's clock is virtual
// and never advanced, so every read is of live, non-terminal state.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { AzureKeyCredential } from "@azure/core-auth";
import { StandbyClient } from "@standby/client";
import { startAzurite } from "../local/azurite/azurite";
import { createClock } from "../local/clock/clock";
import { startArmEmulator } from "../local/arm/emulator";
import { createEngine } from "../local/host/engine-factory";
import { startHost } from "../local/host/host";
import type { Benchmark, BenchmarkRow } from "./benchmark";

const WORKER_FLAG = "--worker";
const NAME = "api-load";
const REPO_ROOT = resolve(__dirname, "../..");
const POLLERS = 200;
const READS_PER_POLLER = 20;
const START_TIMEOUT_MS = 120_000;

interface Target {
  url: string;
  key: string;
  operationId: string;
}

export const apiLoad: Benchmark = {
  name: NAME,
  async run(): Promise<BenchmarkRow[]> {
    const child = spawn(process.execPath, [__filename, WORKER_FLAG], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const target = await firstLine(child.stdout);
      return await load(target);
    } finally {
      child.kill("SIGTERM");
    }
  },
};

function firstLine(stream: NodeJS.ReadableStream): Promise<Target> {
  return new Promise((resolveTarget, reject) => {
    const timeout = setTimeout(() => reject(new Error("the api-load host did not start in time")), START_TIMEOUT_MS);
    createInterface({ input: stream }).once("line", (line) => {
      clearTimeout(timeout);
      resolveTarget(JSON.parse(line) as Target);
    });
  });
}

async function load(target: Target): Promise<BenchmarkRow[]> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: POLLERS }, async () => {
      const client = new StandbyClient(target.url, new AzureKeyCredential(target.key));
      for (let read = 0; read < READS_PER_POLLER; read += 1) {
        const before = performance.now();
        try {
          const operation = await client.getOperation(target.operationId);
          if (operation.status !== "running") throw new Error(`operation is ${operation.status}`);
          latencies.push(performance.now() - before);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  const row = (name: string, value: number, unit: string): BenchmarkRow => ({ benchmark: NAME, case: name, value, unit });
  const label = `${POLLERS} concurrent pollers`;
  return [
    row(`${label}: p50 latency`, percentile(50), "ms"),
    row(`${label}: p99 latency`, percentile(99), "ms"),
    row(`${label}: p99 / p50`, percentile(99) / percentile(50), "ratio"),
    row(`${label}: throughput`, (POLLERS * READS_PER_POLLER) / seconds, "reads/s"),
    row(`${label}: errors / reads`, errors / (POLLERS * READS_PER_POLLER), "ratio"),
  ];
}

/** The host with the `shop` estate and one failover started; prints where to poll, then serves until killed. */
async function runWorker(): Promise<void> {
  const azurite = await startAzurite();
  const clock = createClock({ mode: "virtual" });
  const arm = await startArmEmulator({ estate: "shop", clock });
  const key = randomBytes(24).toString("base64url");
  const host = await startHost({
    appFolder: REPO_ROOT,
    port: 0,
    clock,
    keys: { functionKey: key, masterKey: randomBytes(24).toString("base64url") },
    settings: {
      AzureWebJobsStorage: azurite.connectionString,
      STANDBY_TASK_HUB: "benchload",
      STANDBY_ARM_ENDPOINT: arm.url,
      STANDBY_EVENTGRID_ENDPOINT: `${arm.url}/api/events`,
      STANDBY_EVENTGRID_KEY: arm.estate.eventGridKey ?? "local-topic-key",
      STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
      STANDBY_ALLOWED_HOSTS: "",
    },
    engineFactory: createEngine,
  });
  const stop = (): void => {
    void host.stop().finally(() => arm.stop().finally(() => azurite.stop().finally(() => process.exit(0))));
  };
  process.once("SIGTERM", stop);
  const call = async (path: string, method: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${host.url}/api/v1${path}`, { method, headers: { "x-functions-key": key, "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  };
  const view = (await (await fetch(`${arm.url}/_emulator/estate`)).json()) as { protectedItems: { id: string; tier: string }[] };
  const estate = arm.estate;
  const profile = estate.trafficManagerProfiles[0];
  const [primary, standby] = [...(profile?.endpoints ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
  await call("/plans/shop", "PUT", {
    name: "shop",
    vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name },
    objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
    groups: ["db", "app", "web"].map((tier) => ({ name: tier, items: view.protectedItems.filter((item) => item.tier === tier).map((item) => item.id) })),
    traffic: { profile: `/subscriptions/${estate.subscriptionId}/resourceGroups/${estate.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${profile?.name}`, primaryEndpoint: primary?.name, standbyEndpoint: standby?.name },
  });
  const operation = (await call("/plans/shop/failover", "POST", { mode: "planned", reason: "load benchmark" })) as { id: string };
  console.log(JSON.stringify({ url: host.url, key, operationId: operation.id } satisfies Target));
}

if (require.main === module && process.argv.includes(WORKER_FLAG)) {
  runWorker().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
