// What every benchmark reports: rows of one table, with figures that say their unit.
export interface BenchmarkRow {
  benchmark: string;
  case: string;
  value: number;
  unit: string;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkRow[]>;
}
