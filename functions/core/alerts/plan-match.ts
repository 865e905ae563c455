// Which plans a signal concerns: a signal about one of a plan's machines concerns that plan; a signal about a whole
// region (no resource named) concerns the plans whose machines run there now. Footprints come from the latest
// health snapshot, which read every item's machine and region from Site Recovery.
import type { Signal } from "./signals";

export interface PlanFootprint {
  plan: string;
  /** Lowercase resource ids of the plan's machines. */
  machines: readonly string[];
  /** Lowercase regions the plan's machines run in now. */
  regions: readonly string[];
}

export function plansConcerned(signal: Signal, footprints: readonly PlanFootprint[]): string[] {
  const concerned = footprints.filter((footprint) =>
    signal.resourceId !== undefined
      ? footprint.machines.includes(signal.resourceId)
      : signal.region !== undefined && footprint.regions.includes(signal.region),
  );
  return concerned.map((footprint) => footprint.plan).sort();
}
