// The baseline Standby is compared with: a failover the way runbook-style automation does it, one item after the
// other in plan order, each started and then watched with a fixed sleep between reads of its job (the shape of
// `Start-Az...FailoverJob; while (InProgress) { Start-Sleep 30; Get-Az...Job }`). It drives the ARM emulator over
// HTTP on the same simulated clock as Standby, so both are measured in the same simulated seconds. On a virtual
// clock the runbook is the only one waiting, so its sleep moves the clock itself (the emulator's jobs run meanwhile).
import type { Clock } from "../local/clock/clock";

const API_VERSION = "2023-06-01";
/** The sleep a runbook puts between two reads of a Site Recovery job. */
export const RUNBOOK_POLL_SECONDS = 30;

export interface RunbookInput {
  armUrl: string;
  clock: Clock;
  /** Item ARM ids, group after group in plan order. */
  groups: string[][];
}

/** Fails over every item one by one; returns the simulated milliseconds from the first start to the last job done. */
export async function runRunbookFailover(input: RunbookInput): Promise<number> {
  const started = input.clock.now();
  for (const group of input.groups) {
    for (const item of group) await failOverOne(input, item);
  }
  return input.clock.now() - started;
}

async function failOverOne(input: RunbookInput, itemId: string): Promise<void> {
  const response = await fetch(`${input.armUrl}${itemId}/unplannedFailover?api-version=${API_VERSION}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "NotRequired", providerSpecificDetails: { instanceType: "A2A" } } }),
  });
  await response.arrayBuffer();
  const status = response.headers.get("azure-asyncoperation");
  if (response.status !== 202 || status === null) throw new Error(`runbook: failover of ${itemId} answered ${response.status}`);
  for (;;) {
    if (input.clock.mode === "virtual") await input.clock.advance(RUNBOOK_POLL_SECONDS * 1000);
    else await input.clock.sleep(RUNBOOK_POLL_SECONDS * 1000);
    const job = (await fetch(status).then((answer) => answer.json())) as { status?: string };
    if (job.status === "Succeeded") return;
    if (job.status !== "InProgress") throw new Error(`runbook: failover of ${itemId} ended ${job.status ?? "without a status"}`);
  }
}
