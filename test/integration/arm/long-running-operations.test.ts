// Actions as long-running operations through the real SDK pollers: success, job failure, cancellation, and the
// headers the poller needs on every accepted action (a bare 202 would make the SDK report success at once).
import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { FAST_POLL, type Lab, expectRestError, startLab } from "./harness";

describe("Site Recovery long-running operations", () => {
  let lab: Lab;
  const accepted: PipelineResponse[] = [];
  beforeAll(async () => {
    lab = await startLab();
    lab.clients.siteRecovery.pipeline.addPolicy({
      name: "recordActionResponses",
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (request.method === "POST") accepted.push(response);
        return response;
      },
    });
  });
  afterAll(async () => lab.emulator.stop());

  afterEach(async () => {
    await lab.control("POST", "/_emulator/faults", {});
  });

  it("answers every action with 202, Azure-AsyncOperation, Location and Retry-After", async () => {
    const plan = lab.estate.recoveryPlans[0];
    const plans = lab.clients.siteRecovery.replicationRecoveryPlans;
    const items = lab.clients.siteRecovery.replicationProtectedItems;
    const web = lab.item("shop-web-2");
    const args = [web.vault, lab.rg, web.fabric, web.container, web.name] as const;
    const a2a = [{ instanceType: "A2A" as const, recoveryPointType: "Latest" as const }];
    const runPlan = async (start: Promise<{ pollUntilDone(): Promise<unknown> }>, minutes: number): Promise<void> => {
      const poller = await start;
      await lab.advanceMinutes(minutes);
      await poller.pollUntilDone();
    };
    await runPlan(plans.beginTestFailover(plan.vault, lab.rg, plan.name, { properties: { failoverDirection: "PrimaryToRecovery", networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId, providerSpecificDetails: a2a } }, FAST_POLL), 30);
    // The drill's copies answer on the test network only; production stays where it was.
    const webTest = lab.estate.apps.find((app) => app.tier === "web" && app.region === "westus")!;
    expect((await fetch(webTest.testUrl)).status).toBe(200);
    expect((await fetch(webTest.url)).status).toBe(503);
    await runPlan(plans.beginTestFailoverCleanup(plan.vault, lab.rg, plan.name, { properties: { comments: "drill" } }, FAST_POLL), 15);
    expect((await fetch(webTest.testUrl)).status).toBe(503);
    await lab.control("POST", `/_emulator/items/${web.vmName}/replication`, { health: "Critical" });
    await runPlan(items.beginRepairReplication(...args, FAST_POLL), 10);
    await runPlan(plans.beginUnplannedFailover(plan.vault, lab.rg, plan.name, { properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "Required", providerSpecificDetails: a2a } }, FAST_POLL), 30);
    await runPlan(plans.beginFailoverCommit(plan.vault, lab.rg, plan.name, FAST_POLL), 10);
    await runPlan(plans.beginReprotect(plan.vault, lab.rg, plan.name, FAST_POLL), 40);
    await lab.advanceMinutes(60);
    const started = await items.beginTestFailover(...args, { properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId } }, FAST_POLL);
    const job = (await lab.getItem(web)).properties!.currentScenario!.jobId!.split("/").pop()!;
    await (await lab.clients.siteRecovery.replicationJobs.beginCancel(web.vault, lab.rg, job, FAST_POLL)).pollUntilDone();
    await expect(started.pollUntilDone()).rejects.toThrow(/cancel/i);

    const posts = accepted.filter((response) => response.request.url.includes("api-version"));
    expect(posts.length).toBeGreaterThanOrEqual(8);
    for (const response of posts) {
      expect(response.status).toBe(202);
      expect(response.headers.get("azure-asyncoperation")).toMatch(/\/replicationOperationStatus\/[^/?]+\?api-version=2023-06-01$/);
      expect(response.headers.get("location")).toMatch(/\/operationresults\/[^/?]+\?api-version=2023-06-01$/);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const planItem = await lab.getItem(lab.item("shop-app-1"));
    // The plan failed over, committed and reprotected its items: they now replicate back from westus, healthy.
    expect(planItem.properties).toMatchObject({ activeLocation: "Primary", protectionState: "Protected", replicationHealth: "Normal" });
    expect(planItem.properties!.providerSpecificDetails).toMatchObject({ primaryFabricLocation: "westus", recoveryFabricLocation: "eastus" });
  });

  it("ends a job that fails with Failed, ASR's error details, and the item left as it was", async () => {
    const vm = lab.item("shop-app-2");
    await lab.advanceMinutes(60);
    await lab.control("POST", "/_emulator/faults", { failJobs: { items: [vm.vmName], code: "70094", message: "The replica disk could not be attached." } });
    const poller = await lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    }, FAST_POLL);
    const jobName = (await lab.getItem(vm)).properties!.currentScenario!.jobId!.split("/").pop()!;
    await lab.advanceMinutes(10);
    const failure = await expectRestError(poller.pollUntilDone());
    expect(failure.message).toMatch(/failed/i);
    const job = await lab.clients.siteRecovery.replicationJobs.get(vm.vault, lab.rg, jobName);
    expect(job.properties).toMatchObject({ state: "Failed", scenarioName: "TestFailover", targetObjectName: vm.vmName });
    expect(job.properties!.errors![0].serviceErrorDetails).toMatchObject({ code: "70094", message: "The replica disk could not be attached." });
    expect(job.properties!.tasks![0].state).toBe("Failed");
    const item = await lab.getItem(vm);
    expect(item.properties).toMatchObject({ testFailoverState: "None", protectionState: "Protected" });
    expect(item.properties!.currentScenario!.scenarioName).toBe("None");
  });

  it("cancels a running job: the action's poller reports the cancellation and the item stays where it was", async () => {
    const vm = lab.item("shop-db-2");
    const before = await lab.getItem(vm);
    const reversed = (before.properties!.providerSpecificDetails as unknown as { primaryFabricLocation: string }).primaryFabricLocation !== vm.primaryRegion;
    const poller = await lab.clients.siteRecovery.replicationProtectedItems.beginUnplannedFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { failoverDirection: reversed ? "RecoveryToPrimary" : "PrimaryToRecovery", sourceSiteOperations: "NotRequired" },
    }, FAST_POLL);
    const jobName = (await lab.getItem(vm)).properties!.currentScenario!.jobId!.split("/").pop()!;
    const statusUrl = accepted[accepted.length - 1].headers.get("azure-asyncoperation")!;
    const status = await fetch(statusUrl);
    expect(status.headers.get("retry-after")).toBe("1");
    expect(await status.json()).toMatchObject({ name: jobName, status: "InProgress" });
    const jobBefore = await lab.clients.siteRecovery.replicationJobs.get(vm.vault, lab.rg, jobName);
    expect(jobBefore.properties).toMatchObject({ state: "InProgress", allowedActions: ["Cancel"] });
    const cancelled = await (await lab.clients.siteRecovery.replicationJobs.beginCancel(vm.vault, lab.rg, jobName, FAST_POLL)).pollUntilDone();
    expect(cancelled.properties!.state).toBe("Cancelled");
    await expect(poller.pollUntilDone()).rejects.toThrow(/cancel/i);
    await lab.advanceMinutes(30);
    const item = await lab.getItem(vm);
    expect(item.properties).toMatchObject({ activeLocation: "Primary", currentScenario: { scenarioName: "None" } });
    const again = await expectRestError(lab.clients.siteRecovery.replicationJobs.beginCancel(vm.vault, lab.rg, jobName, FAST_POLL));
    expect(again).toMatchObject({ statusCode: 400, code: "JobNotCancellable" });
  });

  it("resumes a poller from its saved state without a second POST", async () => {
    const vm = lab.item("shop-web-1");
    const first = await lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    }, FAST_POLL);
    const saved = first.toString();
    const postsBefore = accepted.length;
    await lab.advanceMinutes(10);
    const resumed = await lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    }, { resumeFrom: saved, ...FAST_POLL });
    const result = await resumed.pollUntilDone();
    expect(accepted.length).toBe(postsBefore);
    expect(result.properties!.testFailoverState).toBe("WaitingForCompletion");
  });
});
