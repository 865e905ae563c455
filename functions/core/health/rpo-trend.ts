// The direction the worst RPO of a plan moves in, from the last few sweeps. A change smaller than a tenth of the
// objective is noise (ASR recomputes RPO every few minutes and it saw-tooths between recovery points).

export type RpoTrend = "rising" | "falling" | "steady" | "unknown";

export interface RpoSample {
  atMs: number;
  seconds: number | null;
}

/** Samples kept for the trend. */
export const RPO_TREND_SAMPLES = 6;

export function appendRpoSample(samples: readonly RpoSample[], sample: RpoSample): RpoSample[] {
  return [...samples.filter((earlier) => earlier.atMs < sample.atMs), sample].slice(-RPO_TREND_SAMPLES);
}

export function rpoTrend(samples: readonly RpoSample[], objectiveSeconds: number): RpoTrend {
  const known = samples.filter((sample): sample is { atMs: number; seconds: number } => sample.seconds !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (first === undefined || last === undefined || known.length < 2) return "unknown";
  const change = last.seconds - first.seconds;
  const noise = objectiveSeconds / 10;
  if (change > noise) return "rising";
  if (change < -noise) return "falling";
  return "steady";
}
