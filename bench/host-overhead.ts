// The local host's overhead per orchestration step (see host-overhead-cases.ts for what is measured). Each store is
// measured in a fresh process, because a process can load an app only once.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Benchmark, BenchmarkRow } from "./benchmark";
import type { Store } from "./host-overhead-cases";

const STORES: Store[] = ["memory", "azurite"];

export const hostOverhead: Benchmark = {
  name: "host-overhead",
  async run(): Promise<BenchmarkRow[]> {
    const rows: BenchmarkRow[] = [];
    for (const store of STORES) {
      const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, "host-overhead-worker.js"), store], { maxBuffer: 16 * 1024 * 1024 });
      rows.push(...(JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as BenchmarkRow[]));
    }
    return rows;
  },
};
