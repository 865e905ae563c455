// API under load: 200 SDK clients reading one running operation's status (`GET /operations/{id}`) at once,
// against the app in the local host on Azurite, in three phases measured apart:
//   connect  every client's first read at the same moment: 200 new connections at once;
//   burst    20 reads in a row per client, all clients together: the host saturated, its throughput;
//   paced    reads 5 s apart, the Retry-After the API answers a poller with: what `beginFailover` pollers see.
// The phases are kept apart because they fail differently: the first reads wait for their connection to be
// accepted (Node's server takes one new connection per turn of its event loop, so under a burst the last of 200
// waits for all the others' reads), which mixed into one percentile hid that established connections are served
// in about a second. The host runs in a child process (the pollers' own CPU is not charged to it). The operation
// stays running: the host's clock is virtual and never advanced, so every read is of live, non-terminal state.
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
const BURST_READS = 20;
const PACED_READS = 4;
/** The Retry-After the API sends with a running operation (functions/http/handlers/start-operation.ts). */
const PACED_INTERVAL_MS = 5000;
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

interface PhaseResult {
  latencies: number[];
  errors: number;
  seconds: number;
}

async function load(target: Target): Promise<BenchmarkRow[]> {
  const clients = Array.from({ length: POLLERS }, () => new StandbyClient(target.url, new AzureKeyCredential(target.key)));
  const read = async (client: StandbyClient, phase: PhaseResult): Promise<void> => {
    const before = performance.now();
    try {
      const operation = await client.getOperation(target.operationId);
      if (operation.status !== "running") throw new Error(`operation is ${operation.status}`);
      phase.latencies.push(performance.now() - before);
    } catch {
      phase.errors += 1;
    }
  };
  const phase = async (reads: number, pauseMs: number): Promise<PhaseResult> => {
    const result: PhaseResult = { latencies: [], errors: 0, seconds: 0 };
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let index = 0; index < reads; index += 1) {
          if (index > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
          await read(client, result);
        }
      }),
    );
    result.seconds = (performance.now() - started) / 1000;
    return result;
  };
  const connect = await phase(1, 0);
  const burst = await phase(BURST_READS, 0);
  const paced = await phase(PACED_READS, PACED_INTERVAL_MS);

  const row = (name: string, value: number, unit: string): BenchmarkRow => ({ benchmark: NAME, case: `${POLLERS} concurrent pollers: ${name}`, value, unit });
  const latencyRows = (name: string, result: PhaseResult): BenchmarkRow[] => [
    row(`${name}, p50 latency`, percentile(result.latencies, 50), "ms"),
    row(`${name}, p99 latency`, percentile(result.latencies, 99), "ms"),
  ];
  const reads = (result: PhaseResult) => result.latencies.length + result.errors;
  return [
    ...latencyRows("first read (new connection)", connect),
    ...latencyRows(`burst of ${BURST_READS} reads`, burst),
    row(`burst of ${BURST_READS} reads, throughput`, reads(burst) / burst.seconds, "reads/s"),
    ...latencyRows(`reads ${PACED_INTERVAL_MS / 1000} s apart`, paced),
    row("errors / reads", (connect.errors + burst.errors + paced.errors) / (reads(connect) + reads(burst) + reads(paced)), "ratio"),
  ];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
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
