// Runbook actions: the job name is the idempotency key, so a second start finds the first job.
import type { AutomationJob, AutomationJobsApi } from "../../../functions/activities/automation/automation-jobs-client";
import { createRunbookActivities, parseRunbookId } from "../../../functions/activities/automation/runbook-activities";

const ACCOUNT = "/subscriptions/s1/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/ops";
const input = { runbookId: `${ACCOUNT}/runbooks/warm-cache`, parameters: { tier: "app" }, jobName: "6f0e3c1a-0000-4000-8000-000000000001" };

function fakeAutomation() {
  const jobs = new Map<string, AutomationJob>();
  const created: { accountId: string; runbook: string; parameters: Record<string, string> }[] = [];
  const api: AutomationJobsApi = {
    getJob: async (accountId, jobName) => jobs.get(`${accountId}/${jobName}`),
    createJob: async (accountId, jobName, runbook, parameters) => {
      created.push({ accountId, runbook, parameters });
      const job = { name: jobName, status: "New" };
      jobs.set(`${accountId}/${jobName}`, job);
      return job;
    },
  };
  return { jobs, created, activities: createRunbookActivities({ automation: api }) };
}

describe("runbook activities", () => {
  it("starts one job however often the start runs", async () => {
    const { created, activities } = fakeAutomation();
    expect(await activities.startRunbook(input)).toEqual({ jobName: input.jobName, state: "New", ended: false, succeeded: false });
    await activities.startRunbook(input);
    expect(created).toEqual([{ accountId: ACCOUNT, runbook: "warm-cache", parameters: { tier: "app" } }]);
  });

  it("reads completion and failure with Automation's exception", async () => {
    const { jobs, activities } = fakeAutomation();
    await activities.startRunbook(input);
    jobs.set(`${ACCOUNT}/${input.jobName}`, { name: input.jobName, status: "Failed", exception: "cache host unreachable" });
    expect(await activities.readRunbookJob(input)).toEqual({ jobName: input.jobName, state: "Failed", ended: true, succeeded: false, exception: "cache host unreachable" });
    jobs.set(`${ACCOUNT}/${input.jobName}`, { name: input.jobName, status: "Completed" });
    expect(await activities.readRunbookJob(input)).toMatchObject({ ended: true, succeeded: true });
  });

  it("refuses an id that is not a runbook's", async () => {
    const { created, activities } = fakeAutomation();
    expect(() => parseRunbookId(`${ACCOUNT}/webhooks/x`)).toThrow(TypeError);
    await expect(activities.startRunbook({ ...input, runbookId: "runbook" })).rejects.toThrow("is not the resource id of an Automation runbook");
    expect(created).toHaveLength(0);
  });
});
