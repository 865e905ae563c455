// The health sweep over the generated 10,000-item estate (4 vaults), through the real app in the local host on
// Azurite: ARM read calls against the minimum number of pages, wall time and memory; and, in the same run, the
// baseline a naive monitor would take, one GET per protected item. The emulator's ARM throttling is off for both,
// so wall times compare the work; what ARM's read budget would make of each is reported beside them.
// Runs in its own process (a process can load the app only once): `node health-sweep.js --worker`.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { SiteRecoveryManagementClient } from "@azure/arm-recoveryservices-siterecovery";
import { bearerTokenAuthenticationPolicyName } from "@azure/core-rest-pipeline";
import { startAzurite } from "../local/azurite/azurite";
import { createClock } from "../local/clock/clock";
import { startArmEmulator, type RunningArmEmulator } from "../local/arm/emulator";
import { ARM_THROTTLING } from "../local/arm/server/throttling";
import type { RequestLogEntry } from "../local/arm/server/request-log";
import { generateLargeEstate } from "../local/estates/large";
import type { Estate } from "../local/estates/estate";
import { createEngine } from "../local/host/engine-factory";
import { startHost } from "../local/host/host";
import type { Benchmark, BenchmarkRow } from "./benchmark";
import { call } from "./host-call";

const WORKER_FLAG = "--worker";
const REPO_ROOT = resolve(__dirname, "../..");
const ITEMS = 10_000;
/** The emulator's page size when an estate names none (ASR's lists answer 100 items or fewer a page too). */
const PAGE_SIZE = 100;
const BASELINE_CONCURRENCY = 16;
const SWEEP_TIMEOUT_MS = 10 * 60_000;
const NAME = "health-sweep";
/** ARM's legacy limit per principal and subscription (asr-wire.md): a monitor sweeping every minute must stay far below. */
const LEGACY_HOURLY_READS = 12_000;

export const healthSweep: Benchmark = {
  name: NAME,
  async run(): Promise<BenchmarkRow[]> {
    const { stdout } = await promisify(execFile)(process.execPath, [__filename, WORKER_FLAG], { maxBuffer: 16 * 1024 * 1024, timeout: 2 * SWEEP_TIMEOUT_MS });
    return JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as BenchmarkRow[];
  },
};

/** Peak heap and RSS while a phase runs, sampled every 25 ms, as growth over the phase's start. */
class MemoryPeak {
  private readonly start = process.memoryUsage();
  private peakHeap = this.start.heapUsed;
  private peakRss = this.start.rss;
  private readonly timer = setInterval(() => this.sample(), 25);

  private sample(): void {
    const now = process.memoryUsage();
    this.peakHeap = Math.max(this.peakHeap, now.heapUsed);
    this.peakRss = Math.max(this.peakRss, now.rss);
  }

  stop(): { heapMb: number; rssMb: number } {
    clearInterval(this.timer);
    this.sample();
    return { heapMb: (this.peakHeap - this.start.heapUsed) / 2 ** 20, rssMb: (this.peakRss - this.start.rss) / 2 ** 20 };
  }
}

async function runWorker(): Promise<BenchmarkRow[]> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const azurite = await startAzurite();
    stops.push(() => azurite.stop());
    const estate = generateLargeEstate({ items: ITEMS, pageSize: PAGE_SIZE });
    const clock = createClock({ mode: "real" });
    const arm = await startArmEmulator({ estate, clock, throttling: { enabled: false } });
    stops.push(() => arm.stop());
    const key = randomBytes(24).toString("base64url");
    const masterKey = randomBytes(24).toString("base64url");
    const host = await startHost({
      appFolder: REPO_ROOT,
      port: 0,
      clock,
      keys: { functionKey: key, masterKey },
      settings: {
        AzureWebJobsStorage: azurite.connectionString,
        STANDBY_TASK_HUB: "benchhealth",
        STANDBY_ARM_ENDPOINT: arm.url,
        STANDBY_EVENTGRID_ENDPOINT: `${arm.url}/api/events`,
        STANDBY_EVENTGRID_KEY: estate.eventGridKey ?? "local-topic-key",
        STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
        STANDBY_ALLOWED_HOSTS: "",
        // Fired by hand below: the schedule must not start a second sweep during the measurement.
        STANDBY_HEALTH_SWEEP_SCHEDULE: "0 0 0 1 1 *",
      },
      engineFactory: createEngine,
    });
    stops.push(() => host.stop());
    await putPlans(host.url, key, estate);

    const minimumPages = estate.vaults.reduce((sum, vault) => sum + Math.ceil(itemsOf(vault).length / PAGE_SIZE), 0);
    const sweep = await measure(arm, async () => {
      await call(`${host.url}/admin/functions/healthSweep`, "POST", masterKey, {});
      await waitForSnapshot(host.url, key);
    });
    const baseline = await measure(arm, () => getEveryItem(arm, estate));
    const budget = (calls: number): number => Math.max(0, (calls - ARM_THROTTLING.readBucket) / ARM_THROTTLING.readsPerSecond);
    const row = (name: string, value: number, unit: string): BenchmarkRow => ({ benchmark: NAME, case: name, value, unit });
    return [
      row("sweep: ARM read calls / minimum pages", sweep.reads / minimumPages, "ratio"),
      row("sweep: ARM read calls", sweep.reads, "calls"),
      row("sweep: wall time (10,000 items)", sweep.seconds, "s"),
      row("sweep: peak heap growth", sweep.memory.heapMb, "MB"),
      row("sweep: peak RSS growth", sweep.memory.rssMb, "MB"),
      row("sweep: least time under ARM's read bucket", budget(sweep.reads), "s"),
      row("sweep: share of ARM's hourly read limit", sweep.reads / LEGACY_HOURLY_READS, "ratio"),
      row("baseline GET per item: ARM read calls", baseline.reads, "calls"),
      row("baseline GET per item: wall time", baseline.seconds, "s"),
      row("baseline GET per item: peak heap growth", baseline.memory.heapMb, "MB"),
      row("baseline GET per item: least time under ARM's read bucket", budget(baseline.reads), "s"),
      row("baseline GET per item: share of ARM's hourly read limit", baseline.reads / LEGACY_HOURLY_READS, "ratio"),
      row("baseline / sweep: ARM read calls", baseline.reads / sweep.reads, "ratio"),
      row("baseline / sweep: wall time", baseline.seconds / sweep.seconds, "ratio"),
    ];
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

async function measure(arm: RunningArmEmulator, work: () => Promise<void>): Promise<{ reads: number; seconds: number; memory: { heapMb: number; rssMb: number } }> {
  await fetch(`${arm.url}/_emulator/requests`, { method: "DELETE" });
  const memory = new MemoryPeak();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const peak = memory.stop();
  const log = (await (await fetch(`${arm.url}/_emulator/requests`)).json()) as RequestLogEntry[];
  return { reads: log.filter((entry) => entry.method === "GET").length, seconds, memory: peak };
}

type VaultSpec = Estate["vaults"][number];

function itemsOf(vault: VaultSpec): { fabric: string; container: string; name: string }[] {
  return vault.fabrics.flatMap((fabric) => fabric.containers.flatMap((container) => container.items.map((item) => ({ fabric: fabric.name, container: container.name, name: item.name }))));
}

/** One Standby plan per vault, over the items of the vault's ASR recovery plan (100, ASR's limit). */
async function putPlans(hostUrl: string, key: string, estate: Estate): Promise<void> {
  for (const [index, vault] of estate.vaults.entries()) {
    const groups = (vault.recoveryPlans?.[0]?.groups ?? []).filter((group) => group.items.length > 0).map((group, order) => ({ name: `group-${order}`, items: group.items }));
    const plan = {
      name: `large-${index}`,
      vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: vault.name },
      objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
      groups,
    };
    await call(`${hostUrl}/api/v1/plans/${plan.name}`, "PUT", key, plan);
  }
}

async function waitForSnapshot(hostUrl: string, key: string): Promise<void> {
  const deadline = Date.now() + SWEEP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const health = (await call(`${hostUrl}/api/v1/health`, "GET", key)) as { asOf: string | null };
    if (health.asOf !== null) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error("the sweep did not store a snapshot in time");
}

/** The naive monitor: a GET of every protected item, a few at a time. */
async function getEveryItem(arm: RunningArmEmulator, estate: Estate): Promise<void> {
  const client = new SiteRecoveryManagementClient({ getToken: async () => ({ token: "bench", expiresOnTimestamp: Date.now() + 3_600_000 }) }, estate.subscriptionId, {
    endpoint: arm.url,
    allowInsecureConnection: true,
  });
  client.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  const work = estate.vaults.flatMap((vault) => itemsOf(vault).map((item) => ({ vault: vault.name, ...item })));
  let next = 0;
  await Promise.all(
    Array.from({ length: BASELINE_CONCURRENCY }, async () => {
      while (next < work.length) {
        const item = work[next++];
        if (item === undefined) return;
        await client.replicationProtectedItems.get(item.vault, estate.resourceGroup, item.fabric, item.container, item.name);
      }
    }),
  );
}

if (require.main === module && process.argv.includes(WORKER_FLAG)) {
  runWorker().then(
    (rows) => console.log(JSON.stringify(rows)),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
