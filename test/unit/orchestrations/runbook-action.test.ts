// Runbook actions between groups: started once under a name derived from the operation step, watched on timers
// until Automation reports an end; a failed or overdue job fails the step before the next group.
import type { Plan } from "@standby/client/contract";
import type { RunbookJobStatus, StartRunbookInput } from "../../../functions/activities/contracts";
import { ACTIVITY } from "../../../functions/activities/names";
import { RUNBOOK_POLL_SECONDS, runbookJobName } from "../../../functions/orchestrations/stages/action-stage";
import { FakeEstate, shopPlan, startOf } from "./fake-estate";

const RUNBOOK = "/subscriptions/s1/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/ops/runbooks/warm-cache";

function planWithRunbook(timeoutMinutes = 30): Plan {
  const plan = shopPlan();
  plan.groups[1] = { ...plan.groups[1]!, after: [{ type: "runbook", runbookId: RUNBOOK, parameters: { tier: "app" }, timeoutMinutes }] };
  return plan;
}

function withRunbook(estate: FakeEstate, statuses: string[]): void {
  let reads = 0;
  const status = (input: StartRunbookInput, state: string): RunbookJobStatus => ({
    jobName: input.jobName,
    state,
    ended: ["Completed", "Failed", "Stopped"].includes(state),
    succeeded: state === "Completed",
    ...(state === "Failed" ? { exception: "cache unreachable" } : {}),
  });
  estate.world.activities[ACTIVITY.startRunbook] = (input) => status(input as StartRunbookInput, "New");
  estate.world.activities[ACTIVITY.readRunbookJob] = (input) => status(input as StartRunbookInput, statuses[Math.min(reads++, statuses.length - 1)] as string);
}

describe("runbook action", () => {
  it("starts the job once and watches it until it completes", () => {
    const plan = planWithRunbook();
    const estate = new FakeEstate(plan);
    withRunbook(estate, ["Running", "Running", "Completed"]);
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.status).toBe("succeeded");
    const starts = estate.world.callsTo(ACTIVITY.startRunbook);
    expect(starts).toHaveLength(1);
    expect(starts[0]?.input).toEqual({ runbookId: RUNBOOK, parameters: { tier: "app" }, jobName: runbookJobName("failover-1", "failover/app/after/0") });
    const reads = estate.world.callsTo(ACTIVITY.readRunbookJob);
    expect(reads).toHaveLength(3);
    expect((reads[1]?.atMs ?? 0) - (reads[0]?.atMs ?? 0)).toBe(RUNBOOK_POLL_SECONDS * 1000);
  });

  it("fails the step with Automation's exception and stops before the next group", () => {
    const plan = planWithRunbook();
    const estate = new FakeEstate(plan);
    withRunbook(estate, ["Running", "Failed"]);
    const operation = estate.run(startOf(plan, "failover"));
    expect(operation.error).toMatchObject({ code: "RunbookFailed", message: expect.stringContaining("cache unreachable") });
    expect(estate.posts.map((post) => post.item)).not.toContain("web-1");
  });

  it("fails the step when the job outlives the action's timeout", () => {
    const plan = planWithRunbook(2);
    const estate = new FakeEstate(plan);
    withRunbook(estate, ["Running"]);
    expect(estate.run(startOf(plan, "failover")).error?.code).toBe("RunbookTimedOut");
  });

  it("derives a GUID-shaped job name that differs per step and per operation", () => {
    const name = runbookJobName("failover-1", "failover/app/after/0");
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(runbookJobName("failover-1", "failover/app/after/0")).toBe(name);
    expect(runbookJobName("failover-2", "failover/app/after/0")).not.toBe(name);
    expect(runbookJobName("failover-1", "failover/app/after/1")).not.toBe(name);
  });
});
