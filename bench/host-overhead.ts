// The local host's overhead per orchestration step: orchestrations whose activities return at once, run through the
// real host (programming model invocation, durable engine, task hub storage), sequentially and fanned out, at two
// history lengths. Per-step cost at 1,000 steps over per-step cost at 100 shows how the cost grows with history:
// a sequential orchestration replays its whole history at every step, so its per-step cost grows with length.
import { resolve } from "node:path";
import { startAzurite } from "../local/azurite/azurite";
import { createClock } from "../local/clock/clock";
import { createEngine } from "../local/host/engine-factory";
import { startHost, type RunningHost } from "../local/host/host";
import type { Benchmark, BenchmarkRow } from "./benchmark";

const BENCH_APP = resolve(__dirname, "../../test/fixtures/bench-app");
const SIZES = [100, 1000];
const SHAPES = ["sequential", "fannedOut"] as const;

export const hostOverhead: Benchmark = {
  name: "host-overhead",
  async run(): Promise<BenchmarkRow[]> {
    const azurite = await startAzurite();
    let host: RunningHost | undefined;
    try {
      host = await startHost({
        appFolder: BENCH_APP,
        port: 0,
        clock: createClock({ mode: "real" }),
        settings: { AzureWebJobsStorage: azurite.connectionString },
        engineFactory: createEngine,
      });
      // One small run first, so module loading and JIT warm-up are not charged to the first case.
      await runOrchestration(host, "sequential", 10, "warmup");
      const rows: BenchmarkRow[] = [];
      for (const shape of SHAPES) {
        const perStep = new Map<number, number>();
        for (const steps of SIZES) {
          const elapsedMs = await runOrchestration(host, shape, steps, `${shape}-${steps}`);
          perStep.set(steps, elapsedMs / steps);
          rows.push({ benchmark: this.name, case: `${shape}, ${steps} activities: total`, value: elapsedMs, unit: "ms" });
          rows.push({ benchmark: this.name, case: `${shape}, ${steps} activities: per step`, value: elapsedMs / steps, unit: "ms" });
        }
        const [small, large] = SIZES;
        rows.push({
          benchmark: this.name,
          case: `${shape}: per-step cost at ${large} / at ${small} steps`,
          value: (perStep.get(large) ?? 0) / (perStep.get(small) ?? 1),
          unit: "ratio",
        });
      }
      return rows;
    } finally {
      await host?.stop();
      await azurite.stop();
    }
  },
};

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
  const expected = steps;
  if (output !== expected) throw new Error(`${name} returned ${JSON.stringify(output)}, expected ${expected}`);
  return elapsedMs;
}
