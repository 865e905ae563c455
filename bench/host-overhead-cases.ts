// The local host's overhead per orchestration step: orchestrations whose activities return at once, run through the
// real host, sequentially and fanned out, at two history lengths, with the task hub in memory (the host's own cost:
// invocation through the programming model and replay) and in Azurite (what `npm start` and the tests run, adding
// table storage). Per-step cost at 1,000 steps over per-step cost at 100 shows how the cost grows with history: a
// sequential orchestration replays its whole history at every step. A last figure isolates the shell: one activity
// invocation through the app's programming model, without the engine.
import { resolve } from "node:path";
import { startAzurite } from "../local/azurite/azurite";
import { createClock } from "../local/clock/clock";
import { createDurableEngine, MemoryTaskHubStore, type FunctionInvoker } from "../local/host/durable";
import { createEngine } from "../local/host/engine-factory";
import { startHost, type EngineFactory, type RunningHost } from "../local/host/host";
import type { BenchmarkRow } from "./benchmark";

const BENCH_APP = resolve(__dirname, "../../test/fixtures/bench-app");
const SIZES = [100, 1000];
const SHAPES = ["sequential", "fannedOut"] as const;
const DIRECT_INVOCATIONS = 1000;

export type Store = "memory" | "azurite";

/** Runs every case for one store; the memory run also measures the shell alone. */
export async function measureHostOverhead(store: Store): Promise<BenchmarkRow[]> {
  if (store === "azurite") {
    const azurite = await startAzurite();
    try {
      return await measureStore("azurite", createEngine, azurite.connectionString);
    } finally {
      await azurite.stop();
    }
  }
  let invoker: FunctionInvoker | undefined;
  const inMemory: EngineFactory = (dependencies) => {
    invoker = dependencies.invoker;
    return createDurableEngine({ invoker: dependencies.invoker, store: new MemoryTaskHubStore(), clock: dependencies.clock, taskHub: dependencies.taskHubName });
  };
  const rows = await measureStore("memory", inMemory, "UseDevelopmentStorage=true", async () => {
    if (!invoker) throw new Error("the host did not build its engine through the bench's factory");
    return measureDirectInvocation(invoker);
  });
  return rows;
}

async function measureStore(store: Store, engineFactory: EngineFactory, connectionString: string, extra?: () => Promise<BenchmarkRow>): Promise<BenchmarkRow[]> {
  const host = await startHost({
    appFolder: BENCH_APP,
    port: 0,
    clock: createClock({ mode: "real" }),
    settings: { AzureWebJobsStorage: connectionString },
    engineFactory,
  });
  try {
    // One small run first, so module loading and JIT warm-up are not charged to the first case.
    await runOrchestration(host, "sequential", 10, `warmup-${store}`);
    const rows: BenchmarkRow[] = [];
    for (const shape of SHAPES) {
      const perStep = new Map<number, number>();
      for (const steps of SIZES) {
        const elapsedMs = await runOrchestration(host, shape, steps, `${shape}-${steps}`);
        perStep.set(steps, elapsedMs / steps);
        rows.push(row(`${store}: ${shape}, ${steps} activities, total`, elapsedMs, "ms"));
        rows.push(row(`${store}: ${shape}, ${steps} activities, per step`, elapsedMs / steps, "ms"));
      }
      const [small, large] = SIZES;
      rows.push(row(`${store}: ${shape}, per-step cost at ${large} / at ${small} steps`, (perStep.get(large) ?? 0) / (perStep.get(small) ?? 1), "ratio"));
    }
    if (extra) rows.push(await extra());
    return rows;
  } finally {
    await host.stop();
  }
}

/** The shell alone: the no-op activity invoked through the programming model, as the engine invokes it. */
async function measureDirectInvocation(invoker: FunctionInvoker): Promise<BenchmarkRow> {
  const started = performance.now();
  for (let index = 0; index < DIRECT_INVOCATIONS; index++) {
    const result = await invoker.invoke("activity", "noop", index, { instanceId: "direct", invocationId: `direct-${index}` });
    if (result !== index) throw new Error(`noop returned ${JSON.stringify(result)} for ${index}`);
  }
  return row("shell: one activity invocation through the programming model", (performance.now() - started) / DIRECT_INVOCATIONS, "ms");
}

function row(name: string, value: number, unit: string): BenchmarkRow {
  return { benchmark: "host-overhead", case: name, value, unit };
}

/** Starts one orchestration over the host's durable HTTP API and measures until it has completed. */
async function runOrchestration(host: RunningHost, name: string, steps: number, instanceId: string): Promise<number> {
  const engine = host.engine;
  if (!engine) throw new Error("the bench app has orchestrations, so the host must run a durable engine");
  const started = performance.now();
  const response = await fetch(`${host.url}/runtime/webhooks/durabletask/orchestrators/${name}/${instanceId}?code=${host.keys.systemKey}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(steps),
  });
  if (response.status !== 202) throw new Error(`starting ${name} failed: ${response.status} ${await response.text()}`);
  for (;;) {
    await engine.whenIdle();
    const status = await engine.getStatus(instanceId);
    if (status?.runtimeStatus === "Completed") break;
    if (status && status.runtimeStatus !== "Running" && status.runtimeStatus !== "Pending") {
      throw new Error(`${name} ended ${status.runtimeStatus}: ${JSON.stringify(status.output)}`);
    }
  }
  const elapsedMs = performance.now() - started;
  const output = (await engine.getStatus(instanceId))?.output;
  if (output !== steps) throw new Error(`${name} returned ${JSON.stringify(output)}, expected ${steps}`);
  return elapsedMs;
}
