// `npm run bench`: runs every benchmark, prints one table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { apiLoad } from "./api-load";
import type { Benchmark, BenchmarkRow } from "./benchmark";
import { healthSweep } from "./health-sweep";
import { hostOverhead } from "./host-overhead";
import { rtoOverhead } from "./rto-overhead";

const BENCHMARKS: Benchmark[] = [rtoOverhead, healthSweep, apiLoad, hostOverhead];
const RESULTS_FOLDER = resolve(__dirname, "../../bench/results");

async function main(): Promise<void> {
  const rows: BenchmarkRow[] = [];
  const timings: BenchmarkRow[] = [];
  // Wall times depend on what else the machine runs; the load average beside them says how busy it was.
  const loadRow = (when: string): BenchmarkRow => ({ benchmark: "run", case: `load average (1 min) ${when}`, value: loadavg()[0] ?? NaN, unit: "processes" });
  timings.push(loadRow("at the start"));
  const started = performance.now();
  for (const benchmark of BENCHMARKS) {
    console.error(`running ${benchmark.name}...`);
    const benchmarkStarted = performance.now();
    rows.push(...(await benchmark.run()));
    timings.push({ benchmark: "run", case: `wall time of ${benchmark.name}`, value: (performance.now() - benchmarkStarted) / 1000, unit: "s" });
  }
  timings.push(loadRow("at the end"));
  // The whole run must fit the budget stated in docs/performance.md; it is part of the table.
  timings.push({ benchmark: "run", case: "wall time of every benchmark", value: (performance.now() - started) / 1000, unit: "s" });
  rows.push(...timings);
  printTable(rows);
  mkdirSync(RESULTS_FOLDER, { recursive: true });
  const file = resolve(RESULTS_FOLDER, "latest.json");
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
  console.log(`\nwritten to ${file}`);
}

function printTable(rows: BenchmarkRow[]): void {
  const cells = rows.map((row) => [row.benchmark, row.case, row.unit === "ratio" ? row.value.toFixed(2) : row.value.toFixed(3), row.unit]);
  const header = ["benchmark", "case", "value", "unit"];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column].length)));
  const line = (cell: string[]) => cell.map((text, column) => (column === 2 ? text.padStart(widths[column]) : text.padEnd(widths[column]))).join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const cell of cells) console.log(line(cell));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
