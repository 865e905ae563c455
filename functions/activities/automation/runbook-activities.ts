// Runbook actions: start an Azure Automation job for the plan's runbook under a job name derived from the
// operation step, and read its status. Starting looks for that job first, so a second run of the activity finds
// the first job instead of running the runbook twice. The orchestration watches the job on durable timers.
import type { RunbookJobStatus, StartRunbookInput } from "../contracts";
import type { AutomationJob, AutomationJobsApi } from "./automation-jobs-client";

export interface RunbookActivityDeps {
  automation: AutomationJobsApi;
}

export interface RunbookActivities {
  startRunbook(input: StartRunbookInput): Promise<RunbookJobStatus>;
  readRunbookJob(input: StartRunbookInput): Promise<RunbookJobStatus>;
}

const RUNBOOK_ID = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Automation\/automationAccounts\/[^/]+)\/runbooks\/([^/]+)\/?$/i;

export function parseRunbookId(runbookId: string): { accountId: string; runbook: string } {
  const match = RUNBOOK_ID.exec(runbookId);
  if (match === null) throw new TypeError(`"${runbookId}" is not the resource id of an Automation runbook`);
  return { accountId: match[1] as string, runbook: match[2] as string };
}

const ENDED = new Set(["completed", "failed", "stopped", "suspended"]);

export function runbookStatus(job: AutomationJob): RunbookJobStatus {
  const lower = job.status.toLowerCase();
  return {
    jobName: job.name,
    state: job.status,
    ended: ENDED.has(lower),
    succeeded: lower === "completed",
    ...(job.exception === undefined ? {} : { exception: job.exception }),
  };
}

export function createRunbookActivities(deps: RunbookActivityDeps): RunbookActivities {
  return {
    async startRunbook(input) {
      const { accountId, runbook } = parseRunbookId(input.runbookId);
      const existing = await deps.automation.getJob(accountId, input.jobName);
      if (existing !== undefined) return runbookStatus(existing);
      return runbookStatus(await deps.automation.createJob(accountId, input.jobName, runbook, input.parameters));
    },
    async readRunbookJob(input) {
      const { accountId } = parseRunbookId(input.runbookId);
      const job = await deps.automation.getJob(accountId, input.jobName);
      if (job === undefined) throw new Error(`Automation job ${input.jobName} of ${input.runbookId} does not exist`);
      return runbookStatus(job);
    },
  };
}
