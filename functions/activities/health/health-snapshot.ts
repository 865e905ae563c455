// The stored result of a sweep: when it read ASR, what it read, and per plan the evaluation with everything it was
// based on, what was announced, and the state the next sweep continues from (RPO minutes, trend samples).
import type { AnnouncedHealth, HealthAlert } from "../../core/alerts/health-alerts";
import type { PlanEvaluation } from "../../core/health/evaluate";

export interface VaultReadSummary {
  vault: string;
  pages: number;
  itemsRead: number;
  /** Set when the vault could not be read to the end; its plans are "unknown" for this sweep. */
  error?: string;
}

export interface StoredPlanHealth extends PlanEvaluation {
  announced: AnnouncedHealth;
  /** The alerts this sweep decided on for the plan (published right after the snapshot is saved). */
  alerts: HealthAlert[];
}

export interface HealthSnapshot {
  sweepId: string;
  /** When the sweep read ASR (the orchestration's clock). */
  asOf: string;
  vaults: VaultReadSummary[];
  plans: StoredPlanHealth[];
}
