// RTO overhead: a failover of a generated estate of 10, 100 and 1,000 A2A items through the real app in the local
// host (Azurite task hub, ARM emulator, simulated ASR job durations on a virtual clock), its measured RTO divided by
// the plan's critical path (the least time the jobs themselves need, functions/core/plan/critical-path.ts), beside
// the runbook-style baseline on a second emulator with the same estate and clock. The same run gives the
// orchestration cost (CPU time of the process that runs the host and the emulator, per item and per step) and the
// ARM writes per failover. Each size runs in its own process (a process can load the app only once).
//
// The clock is virtual and moves 5 simulated seconds at a time, each time only once the durable engine has nothing
// runnable left: the measured RTO is what the orchestration itself adds (polling on timers, sequencing, the traffic
// switch), independent of how fast or busy the machine is. A scaled clock would multiply every real millisecond the
// host spends by its speed, charging the machine's load to the orchestration.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { Operation, Plan } from "@standby/client/contract";
import { criticalPathMs } from "../functions/core/plan/critical-path";
import { sequenceOperation } from "../functions/core/plan/sequence";
import { startAzurite } from "../local/azurite/azurite";
import { createClock, type Clock } from "../local/clock/clock";
import { startArmEmulator, type RunningArmEmulator } from "../local/arm/emulator";
import type { RequestLogEntry } from "../local/arm/server/request-log";
import { DEFAULT_JOB_MINUTES } from "../local/arm/site-recovery/records";
import { generateLargeEstate } from "../local/estates/large";
import type { DurableEngine } from "../local/host/durable/contract";
import { createEngine } from "../local/host/engine-factory";
import { startHost } from "../local/host/host";
import type { Benchmark, BenchmarkRow } from "./benchmark";
import { runRunbookFailover } from "./runbook-baseline";
import { call } from "./host-call";

const WORKER_FLAG = "--worker";
const NAME = "rto-overhead";
const REPO_ROOT = resolve(__dirname, "../..");
/**
 * How far the virtual clock moves per step, each step once the engine is idle. Work a timer starts inside a step may
 * be stamped at the step's end, so each wait can read up to one step long: a bias against Standby, never for it.
 */
const CLOCK_STEP_MS = 5000;
/** Simulated time between two reads of the operation by the benchmark. */
const READ_EVERY_MS = 60_000;
const GROUPS = 5;
/** A plan group holds at most 100 items (the schema's limit, as an ASR recovery plan): 1,000 items need 10 groups. */
const MAX_GROUP_ITEMS = 100;
/** Items a group fails over at once: the schema's maximum, so each group is one wave of ASR jobs. */
const MAX_PARALLEL_ITEMS = 100;
/** Plan sizes; STANDBY_BENCH_RTO_SIZES=10,100 leaves the long 1,000-item run out on a slow machine. */
const SIZES = (process.env.STANDBY_BENCH_RTO_SIZES ?? "10,100,1000").split(",").map(Number);
/**
 * A size that has not finished by then has failed. Generous on purpose: a slow run still yields its figures, and
 * the run's wall time in the table says whether it fitted the budget.
 */
const WORKER_TIMEOUT_MS = 25 * 60_000;
/** Simulated time between two progress lines of a worker (stderr), for whoever watches a long run. */
const PROGRESS_EVERY_MS = 10 * 60_000;

interface SizeResult {
  items: number;
  groups: number;
  rtoMs: number;
  criticalPathMs: number;
  baselineMs: number;
  cpuMs: number;
  steps: number;
  writes: number;
}

export const rtoOverhead: Benchmark = {
  name: NAME,
  async run(): Promise<BenchmarkRow[]> {
    const results: SizeResult[] = [];
    for (const items of SIZES) {
      const worker = promisify(execFile)(process.execPath, [__filename, WORKER_FLAG, String(items)], { maxBuffer: 16 * 1024 * 1024, timeout: WORKER_TIMEOUT_MS });
      worker.child.stderr?.pipe(process.stderr);
      const { stdout } = await worker;
      const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as SizeResult;
      // Progress for whoever watches a long run; the table comes at the end.
      console.error(`  ${NAME}: ${JSON.stringify(result)}`);
      results.push(result);
    }
    return rows(results);
  },
};

function rows(results: SizeResult[]): BenchmarkRow[] {
  const row = (name: string, value: number, unit: string): BenchmarkRow => ({ benchmark: NAME, case: name, value, unit });
  const out: BenchmarkRow[] = [];
  for (const result of results) {
    const label = `${result.items} items in ${result.groups} groups`;
    out.push(row(`${label}: measured RTO / critical path`, result.rtoMs / result.criticalPathMs, "ratio"));
    out.push(row(`${label}: measured RTO`, result.rtoMs / 1000, "s simulated"));
    out.push(row(`${label}: critical path`, result.criticalPathMs / 1000, "s simulated"));
    out.push(row(`${label}: runbook baseline / measured RTO`, result.baselineMs / result.rtoMs, "ratio"));
    out.push(row(`${label}: ARM writes per failover / items`, result.writes / result.items, "ratio"));
    out.push(row(`${label}: CPU per item`, result.cpuMs / result.items, "ms"));
    out.push(row(`${label}: CPU per step`, result.cpuMs / result.steps, "ms"));
  }
  const perItem = (items: number) => {
    const result = results.find((candidate) => candidate.items === items);
    return result === undefined ? NaN : result.cpuMs / result.items;
  };
  out.push(row("CPU per item at 1,000 / at 100 items", perItem(1000) / perItem(100), "ratio"));
  return out;
}

async function runWorker(items: number): Promise<SizeResult> {
  const stops: (() => Promise<void>)[] = [];
  try {
    const azurite = await startAzurite();
    stops.push(() => azurite.stop());
    const clock = createClock({ mode: "virtual" });
    const estate = generateLargeEstate({ items, vaults: 1, containersPerVault: 1, plansPerVault: 0 });
    const arm = await startArmEmulator({ estate, clock, throttling: { enabled: false } });
    stops.push(() => arm.stop());
    const key = randomBytes(24).toString("base64url");
    const host = await startHost({
      appFolder: REPO_ROOT,
      port: 0,
      clock,
      keys: { functionKey: key, masterKey: randomBytes(24).toString("base64url") },
      settings: {
        AzureWebJobsStorage: azurite.connectionString,
        STANDBY_TASK_HUB: `benchrto${items}`,
        STANDBY_ARM_ENDPOINT: arm.url,
        STANDBY_EVENTGRID_ENDPOINT: `${arm.url}/api/events`,
        STANDBY_EVENTGRID_KEY: estate.eventGridKey ?? "local-topic-key",
        STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
        STANDBY_ALLOWED_HOSTS: "",
        // No sweep during the measurement: it would add reads and CPU that are not the failover's.
        STANDBY_HEALTH_SWEEP_SCHEDULE: "0 0 0 1 1 *",
      },
      engineFactory: createEngine,
    });
    stops.push(() => host.stop());

    const groups = await planGroups(arm, items);
    const api = (path: string, method = "GET", body?: unknown) => call(`${host.url}/api/v1${path}`, method, key, body);
    await api("/plans/bench", "PUT", planBody(arm, groups));
    const plan = (await api("/plans/bench")) as Plan;
    const critical = criticalPathMs(sequenceOperation(plan, "failover", { mode: "planned" }), { itemMs: () => DEFAULT_JOB_MINUTES.UnplannedFailover * 60_000 });

    await fetch(`${arm.url}/_emulator/requests`, { method: "DELETE" });
    const cpuBefore = process.cpuUsage();
    const started = (await api("/plans/bench/failover", "POST", { mode: "planned", reason: "benchmark" })) as Operation;
    const operation = await driveUntilDone(clock, host.engine, api, started.id);
    const cpu = process.cpuUsage(cpuBefore);
    if (operation.status !== "succeeded" || operation.result === undefined) throw new Error(`the failover of ${items} items ended ${operation.status}: ${JSON.stringify(operation.error)}`);
    const log = (await (await fetch(`${arm.url}/_emulator/requests`)).json()) as RequestLogEntry[];
    const writes = log.filter((entry) => entry.method !== "GET").length;

    const baselineMs = await baseline(clock, estate, groups);
    return { items, groups: groups.length, rtoMs: operation.result.rtoSeconds * 1000, criticalPathMs: critical, baselineMs, cpuMs: (cpu.user + cpu.system) / 1000, steps: operation.steps.length, writes };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}

/** The same estate on a fresh emulator and the same clock, failed over by the runbook. */
async function baseline(clock: Clock, estate: ReturnType<typeof generateLargeEstate>, groups: string[][]): Promise<number> {
  const arm = await startArmEmulator({ estate, clock, throttling: { enabled: false } });
  try {
    return await runRunbookFailover({ armUrl: arm.url, clock, groups });
  } finally {
    await arm.stop();
  }
}

/** Item ids split into 5 groups of equal size (more when a group would pass 100 items), in estate order. */
async function planGroups(arm: RunningArmEmulator, items: number): Promise<string[][]> {
  const view = (await (await fetch(`${arm.url}/_emulator/estate`)).json()) as { protectedItems: { id: string }[] };
  const ids = view.protectedItems.map((item) => item.id);
  if (ids.length !== items) throw new Error(`the estate has ${ids.length} items, expected ${items}`);
  const count = Math.max(GROUPS, Math.ceil(items / MAX_GROUP_ITEMS));
  const size = Math.ceil(items / count);
  return Array.from({ length: count }, (_, index) => ids.slice(index * size, (index + 1) * size)).filter((group) => group.length > 0);
}

function planBody(arm: RunningArmEmulator, groups: string[][]): Record<string, unknown> {
  const estate = arm.estate;
  const profile = estate.trafficManagerProfiles[0];
  return {
    name: "bench",
    vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name },
    objectives: { rpoSeconds: 900, rtoSeconds: 24 * 3600 },
    groups: groups.map((items, index) => ({ name: `group-${index + 1}`, items })),
    failover: { maxParallelItems: MAX_PARALLEL_ITEMS },
    traffic: {
      profile: `/subscriptions/${estate.subscriptionId}/resourceGroups/${estate.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${profile?.name}`,
      primaryEndpoint: "primary",
      standbyEndpoint: "standby",
    },
  };
}

/** Moves the virtual clock a step at a time, each once the engine is idle, until the operation ends. */
async function driveUntilDone(clock: Clock, engine: DurableEngine | undefined, api: (path: string) => Promise<unknown>, id: string): Promise<Operation> {
  if (engine === undefined) throw new Error("the app has no durable engine");
  const deadline = Date.now() + WORKER_TIMEOUT_MS;
  const started = { simulated: clock.now(), real: Date.now() };
  let lastRead = -Infinity;
  let lastProgress = clock.now();
  while (Date.now() < deadline) {
    await engine.whenIdle();
    if (clock.now() - lastRead >= READ_EVERY_MS) {
      lastRead = clock.now();
      const operation = (await api(`/operations/${id}`)) as Operation;
      if (["succeeded", "failed", "canceled"].includes(operation.status)) return operation;
      if (clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = clock.now();
        const ended = operation.steps.filter((step) => step.endedAt !== undefined).length;
        const minutes = (ms: number) => (ms / 60_000).toFixed(1);
        console.error(`  ${NAME}: ${minutes(clock.now() - started.simulated)} simulated min in ${minutes(Date.now() - started.real)} real min, ${ended}/${operation.steps.length} steps ended`);
      }
    }
    await clock.advance(CLOCK_STEP_MS);
  }
  throw new Error(`operation ${id} did not end in time`);
}

if (require.main === module && process.argv.includes(WORKER_FLAG)) {
  runWorker(Number(process.argv[process.argv.indexOf(WORKER_FLAG) + 1])).then(
    (result) => console.log(JSON.stringify(result)),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
