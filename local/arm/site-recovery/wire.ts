// Small pieces every Site Recovery wire shape shares.
import type { VaultRecord } from "./records";

export const TYPE_PREFIX = "Microsoft.RecoveryServices/vaults";

/** ASR's "no scenario" sentinel time. */
const IDLE_TIME = "1753-01-01T01:01:01Z";

export const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export function idleScenario(vault: VaultRecord): unknown {
  return { scenarioName: "None", jobId: `${vault.id}/replicationJobs/None`, startTime: IDLE_TIME };
}
