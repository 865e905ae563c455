// Recovery plans through the real client: groups run in order, a script action runs, a manual action suspends the
// plan's job until it is resumed, and a failing item fails the plan's job with its error.
import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { FAST_POLL, type Lab, expectRestError, startLab } from "./harness";

describe("recovery plans (hybrid estate)", () => {
  let lab: Lab;
  const responses: PipelineResponse[] = [];
  beforeAll(async () => {
    lab = await startLab({ estate: "hybrid" });
    lab.clients.siteRecovery.pipeline.addPolicy({
      name: "recordResponses",
      sendRequest: async (request, next) => {
        const response = await next(request);
        responses.push(response);
        return response;
      },
    });
  });
  afterAll(async () => lab.emulator.stop());

  const erpPlan = () => lab.estate.recoveryPlans.find((plan) => plan.name === "erp-plan")!;
  const planJob = async (): Promise<string> => {
    const plan = await lab.clients.siteRecovery.replicationRecoveryPlans.get(erpPlan().vault, lab.rg, erpPlan().name);
    return plan.properties!.currentScenario!.jobId!.split("/").pop()!;
  };

  it("runs groups in order, suspends on the manual action, and finishes once resumed", async () => {
    const { vault, name } = erpPlan();
    const plans = lab.clients.siteRecovery.replicationRecoveryPlans;
    const poller = await plans.beginPlannedFailover(vault, lab.rg, name, {
      properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: [{ instanceType: "HyperVReplicaAzure" }] },
    }, FAST_POLL);
    const jobName = await planJob();

    // The script action (2 min) and the db group (15 min) run first: after them the app VM has not moved yet.
    await lab.advanceMinutes(18);
    const db = await lab.getItem(lab.item("erp-db-01"));
    const app = await lab.getItem(lab.item("erp-app-01"));
    expect([db.properties!.activeLocation, app.properties!.activeLocation]).toEqual(["Recovery", "Primary"]);

    await lab.advanceMinutes(20);
    const suspended = await lab.clients.siteRecovery.replicationJobs.get(vault, lab.rg, jobName);
    expect(suspended.properties).toMatchObject({ state: "Suspended", allowedActions: ["Cancel", "Resume"] });
    expect(suspended.properties!.tasks!.map((task) => [task.name, task.state])).toEqual([
      ["FlushErpQueuesTask", "Succeeded"],
      ["Group2PlannedFailoverTask", "Succeeded"],
      ["Group3PlannedFailoverTask", "Succeeded"],
      ["ConfirmErpAnswersTask", "Suspended"],
    ]);
    const plan = await plans.get(vault, lab.rg, name);
    expect(plan.properties).toMatchObject({ currentScenarioStatus: "Suspended", currentScenario: { scenarioName: "PlannedFailover" } });
    await lab.advanceMinutes(60);
    const statusUrl = responses.find((response) => response.headers.get("azure-asyncoperation")?.includes(jobName))!.headers.get("azure-asyncoperation")!;
    expect(await (await fetch(statusUrl)).json()).toMatchObject({ status: "InProgress" });

    const resumed = await (await lab.clients.siteRecovery.replicationJobs.beginResume(vault, lab.rg, jobName, { properties: { comments: "ERP answers" } })).pollUntilDone();
    expect(resumed.properties!.state).toBe("Succeeded");
    const done = await poller.pollUntilDone();
    expect(done.properties).toMatchObject({ currentScenarioStatus: "Succeeded", currentScenario: { scenarioName: "None" } });
    expect(done.properties!.lastPlannedFailoverTime).toBeInstanceOf(Date);
    const again = await expectRestError(lab.clients.siteRecovery.replicationJobs.beginResume(vault, lab.rg, jobName, { properties: {} }));
    expect(again).toMatchObject({ statusCode: 400, code: "JobNotResumable" });
  });

  it("commits the plan, and a failing item fails the plan's next job with its error", async () => {
    const { vault, name } = erpPlan();
    const plans = lab.clients.siteRecovery.replicationRecoveryPlans;
    const commit = await plans.beginFailoverCommit(vault, lab.rg, name, FAST_POLL);
    await lab.advanceMinutes(5);
    await commit.pollUntilDone();
    await lab.control("POST", "/_emulator/faults", { failJobs: { items: ["erp-app-01"], code: "70169", message: "The VM could not be shut down." } });
    const failback = await plans.beginPlannedFailover(vault, lab.rg, name, {
      properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: [{ instanceType: "HyperVReplicaAzureFailback", dataSyncOption: "ForSynchronization", recoveryVmCreationOption: "NoAction" }] },
    }, FAST_POLL);
    const jobName = await planJob();
    await lab.advanceMinutes(40);
    await expect(failback.pollUntilDone()).rejects.toThrow(/failed/i);
    const job = await lab.clients.siteRecovery.replicationJobs.get(vault, lab.rg, jobName);
    expect(job.properties).toMatchObject({ state: "Failed", targetInstanceType: "RecoveryPlan" });
    expect(job.properties!.errors![0].serviceErrorDetails).toMatchObject({ code: "70169" });
    // The db group had already failed back before the app group failed: ASR does not undo finished groups.
    const [db, app] = await Promise.all([lab.getItem(lab.item("erp-db-01")), lab.getItem(lab.item("erp-app-01"))]);
    expect([db.properties!.protectionState, app.properties!.protectionState]).toEqual(["PlannedFailoverCommitRequired", "PlannedFailoverStatesBegin"]);
    const plan = await plans.get(vault, lab.rg, name);
    expect(plan.properties!.currentScenarioStatus).toBe("Failed");
  });
});
