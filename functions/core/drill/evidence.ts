// The evidence a drill collects, in the shapes the report is built from. Plain JSON: the workflow hands these to the
// report activity through the durable history. Times are epoch milliseconds read from the workflow's clock.
import type { OperationError } from "@standby/client/contract";

/** One item's test failover: when, which recovery point, how it ended. */
export interface ItemTestFailover {
  item: string;
  group: string;
  status: "succeeded" | "failed" | "skipped";
  startedAtMs: number;
  endedAtMs: number;
  jobId?: string;
  /** The recovery point the test copy was created from. */
  recoveryPointTimeMs?: number;
  error?: OperationError;
}

/** One drill probe: every attempt's answer is summed up by the last one. */
export interface ProbeEvidence {
  name: string;
  url: string;
  passed: boolean;
  attempts: number;
  startedAtMs: number;
  endedAtMs: number;
  statusCode?: number;
  /** What was wrong with the last answer (or that the probe never ran). */
  message?: string;
}

/** The cleanup of the test failover and its check against Site Recovery afterwards. */
export interface CleanupEvidence {
  /** Rounds of cleanup jobs: 1, or 2 when items were left over after the first and cleaned again. */
  attempts: number;
  startedAtMs: number;
  endedAtMs: number;
  /** Items Site Recovery still shows with a test failover after the last round, by the plan's names. */
  leftovers: string[];
  /** Items whose cleanup job failed, with ASR's error. */
  failures: OperationError[];
  /** The verification read Site Recovery's state; false when it could not (then the drill is not clean). */
  verified: boolean;
}

/** Everything the report activity needs besides the plan and the operation timeline. */
export interface DrillEvidence {
  items: ItemTestFailover[];
  probes: ProbeEvidence[];
  cleanup: CleanupEvidence;
  canceled: boolean;
  /** Why the drill could not run at all (preflight refused, no drill settings). */
  failure?: OperationError;
}
