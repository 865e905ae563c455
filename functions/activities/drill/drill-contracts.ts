// What the drill workflow hands its own activities and gets back (plain JSON, stored in the durable history).
import type { VaultReference } from "@standby/client/contract";
import type { DrillEvidence } from "../../core/drill/evidence";
import type { Operation, Plan } from "@standby/client/contract";

export interface VerifyCleanupInput {
  vault: VaultReference;
  /** The plan's item references with their resolved ids. */
  items: { item: string; itemId: string }[];
}

export interface VerifyCleanupResult {
  /** Items Site Recovery still shows with a test failover (or a test-failover job), by the plan's names. */
  leftovers: string[];
  /** The leftovers whose test failover job still runs: Site Recovery refuses their cleanup until it ends. */
  running: string[];
}

export interface SaveDrillReportInput {
  plan: Plan;
  operation: Operation;
  evidence: DrillEvidence;
  endedAtMs: number;
}

export interface SavedDrillReport {
  status: "succeeded" | "failed" | "canceled";
  failures: string[];
  rtoSeconds?: number;
  reportUrl: string;
}
