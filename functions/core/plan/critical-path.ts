// The critical path of an operation: the shortest time its stages can take given how long each item and action
// takes, the yardstick the benchmark divides the measured RTO by. Stages run one after another; inside an items
// stage, items run at most `maxParallel` at a time, so the stage takes the makespan of that bounded pool (the
// slowest item when everything fits in one wave).
import type { PlanAction } from "@standby/client/contract";
import type { ItemOperation, Stage } from "./sequence";

export interface DurationEstimates {
  /** How long one item's ASR job takes, ms. */
  itemMs(item: string, operation: ItemOperation): number;
  /** How long an action takes, ms; default: a delay's seconds, anything else 0 (approvals wait for people). */
  actionMs?(action: PlanAction): number;
  /** Waiting for healthy replication and switching traffic, ms; default 0. */
  waitForReplicationMs?: number;
  trafficSwitchMs?: number;
}

export function criticalPathMs(stages: readonly Stage[], estimates: DurationEstimates): number {
  const actionMs = estimates.actionMs ?? ((action: PlanAction) => (action.type === "delay" ? action.seconds * 1000 : 0));
  let total = 0;
  for (const stage of stages) {
    switch (stage.type) {
      case "items":
        total += makespanMs(
          stage.items.map((item) => estimates.itemMs(item, stage.operation)),
          stage.maxParallel,
        );
        break;
      case "action":
        total += actionMs(stage.action);
        break;
      case "waitForHealthyReplication":
        total += estimates.waitForReplicationMs ?? 0;
        break;
      case "traffic":
        total += estimates.trafficSwitchMs ?? 0;
        break;
    }
  }
  return total;
}

/**
 * How long `durations` take on `workers` parallel slots, each next job starting on the slot that frees first, in
 * the given order: what a bounded fan-out that starts items in plan order achieves.
 */
export function makespanMs(durations: readonly number[], workers: number): number {
  if (!(workers >= 1)) throw new RangeError(`workers must be at least 1, got ${workers}`);
  const slots = new Array<number>(Math.min(workers, Math.max(durations.length, 1))).fill(0);
  for (const duration of durations) {
    let earliest = 0;
    for (let i = 1; i < slots.length; i++) if ((slots[i] as number) < (slots[earliest] as number)) earliest = i;
    slots[earliest] = (slots[earliest] as number) + duration;
  }
  return Math.max(0, ...slots);
}
