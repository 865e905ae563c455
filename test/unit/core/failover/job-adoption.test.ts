// After a crash, the guard adopts the job a previous attempt started, recognised by the scenario name Site Recovery
// reports for it; those names are not the operation names ("CommitFailover" for a commit, "ReverseReplication" for a
// reprotect). A name the guard does not know would refuse the retry as "busy" and fail the operation.
import { guardItem, type GuardRequest } from "../../../../functions/core/failover/guard";
import { anItem } from "../fixtures";

const JOB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationJobs/job-1";

describe("adopting a running job by the service's scenario name", () => {
  const cases: [string, GuardRequest, string][] = [
    ["commit", { operation: "commit", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300 }, "CommitFailover"],
    ["reprotect", { operation: "reprotect", direction: "RecoveryToPrimary", rpoBudgetSeconds: 300 }, "ReverseReplication"],
    ["A2A reprotect run as switch protection", { operation: "reprotect", direction: "RecoveryToPrimary", rpoBudgetSeconds: 300 }, "SwitchProtection"],
    ["unplanned failover", { operation: "unplannedFailover", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300 }, "UnplannedFailover"],
  ];

  it.each(cases)("adopts a running %s job", (_what, request, scenarioName) => {
    const running = anItem("db-1", { currentScenario: { scenarioName, jobId: JOB }, allowedOperations: [], rpoSeconds: 30 });
    expect(guardItem("db-1", running, request)).toMatchObject({ decision: "adopt", jobId: JOB });
  });

  it("still refuses a commit while a different job runs on the item", () => {
    const busy = anItem("db-1", { currentScenario: { scenarioName: "TestFailover", jobId: JOB }, allowedOperations: [] });
    expect(guardItem("db-1", busy, { operation: "commit", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300 })).toMatchObject({ decision: "refuse" });
  });
});
