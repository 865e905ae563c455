// The full life of an A2A item through the real Site Recovery client, on a virtual clock: test failover, cleanup,
// unplanned failover, commit, reprotect, initial replication, healthy reverse replication, and failover back.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import { FAST_POLL, type Lab, expectRestError, startLab } from "./harness";

describe("protected item life cycle (A2A)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());

  const details = (item: ReplicationProtectedItem): Record<string, unknown> => item.properties!.providerSpecificDetails as unknown as Record<string, unknown>;

  it("goes test failover -> cleanup -> unplanned failover -> commit -> reprotect -> initial replication -> Normal -> failover back -> home", async () => {
    const vm = lab.item("shop-db-1");
    const ops = lab.clients.siteRecovery.replicationProtectedItems;
    const args = [vm.vault, lab.rg, vm.fabric, vm.container, vm.name] as const;

    const idle = await lab.getItem(vm);
    expect(idle.properties).toMatchObject({ protectionState: "Protected", activeLocation: "Primary", testFailoverState: "None", replicationHealth: "Normal" });
    expect(idle.properties!.allowedOperations).toEqual(expect.arrayContaining(["TestFailover", "UnplannedFailover"]));
    expect(idle.properties!.allowedOperations).not.toContain("PlannedFailover");
    expect(idle.properties!.currentScenario).toMatchObject({ scenarioName: "None", startTime: new Date("1753-01-01T01:01:01Z") });
    expect(details(idle).rpoInSeconds).toEqual(expect.any(Number));

    // Test failover into the isolated network: the test copy answers on the test network only.
    const testFailover = await ops.beginTestFailover(...args, {
      properties: { failoverDirection: "PrimaryToRecovery", networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId, providerSpecificDetails: { instanceType: "A2A" } },
    }, FAST_POLL);
    const running = await lab.getItem(vm);
    expect(running.properties!.currentScenario!.scenarioName).toBe("TestFailover");
    expect(running.properties!.allowedOperations).toEqual([]);
    await lab.advanceMinutes(9);
    const tested = await testFailover.pollUntilDone();
    expect(tested.properties).toMatchObject({ testFailoverState: "WaitingForCompletion", allowedOperations: ["TestFailoverCleanup"], activeLocation: "Primary" });
    expect(tested.properties!.lastSuccessfulTestFailoverTime).toBeInstanceOf(Date);

    const cleanup = await ops.beginTestFailoverCleanup(...args, { properties: { comments: "drill done" } }, FAST_POLL);
    await lab.advanceMinutes(4);
    expect((await cleanup.pollUntilDone()).properties).toMatchObject({ testFailoverState: "None", protectionState: "Protected" });

    const failover = await ops.beginUnplannedFailover(...args, {
      properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "NotRequired", providerSpecificDetails: { instanceType: "A2A" } },
    }, FAST_POLL);
    await lab.advanceMinutes(8);
    const failedOver = await failover.pollUntilDone();
    expect(failedOver.properties).toMatchObject({ activeLocation: "Recovery", protectionState: "UnplannedFailoverCommitPendingStatesBegin" });
    expect(failedOver.properties!.allowedOperations).toContain("Commit");
    expect(details(failedOver).rpoInSeconds).toBeUndefined();

    const commit = await ops.beginFailoverCommit(...args, FAST_POLL);
    await lab.advanceMinutes(2);
    const committed = await commit.pollUntilDone();
    expect(committed.properties).toMatchObject({ activeLocation: "Recovery", protectionState: "PlannedFailoverStatesBegin" });
    expect(committed.properties!.allowedOperations).toContain("ReverseReplicate");

    const reprotect = await ops.beginReprotect(...args, {
      properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: { instanceType: "A2A" } },
    }, FAST_POLL);
    await lab.advanceMinutes(12);
    const reprotected = await reprotect.pollUntilDone();
    expect(reprotected.properties!.activeLocation).toBe("Primary");
    expect(reprotected.properties!.replicationHealth).not.toBe("Normal");
    expect(reprotected.properties!.allowedOperations).not.toContain("UnplannedFailover");
    expect(details(reprotected)).toMatchObject({ primaryFabricLocation: "westus", recoveryFabricLocation: "eastus" });
    expect(details(reprotected).rpoInSeconds).toBeUndefined();
    const progressBefore = details(reprotected).monitoringPercentageCompletion as number;

    await lab.advanceMinutes(20);
    const syncing = await lab.getItem(vm);
    expect(details(syncing).monitoringPercentageCompletion as number).toBeGreaterThan(progressBefore);
    expect(syncing.properties!.replicationHealth).not.toBe("Normal");

    await lab.advanceMinutes(30);
    const healthy = await lab.getItem(vm);
    expect(healthy.properties).toMatchObject({ replicationHealth: "Normal", protectionState: "Protected", activeLocation: "Primary" });
    expect(details(healthy).rpoInSeconds).toEqual(expect.any(Number));
    expect(healthy.properties!.allowedOperations).toContain("UnplannedFailover");

    // A2A's planned failover back is an unplanned failover that shuts the source down first, in the reverse direction.
    const wrongWay = await expectRestError(ops.beginUnplannedFailover(...args, {
      properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "Required", providerSpecificDetails: { instanceType: "A2A" } },
    }, FAST_POLL));
    expect(wrongWay).toMatchObject({ statusCode: 400, code: "InvalidFailoverDirection" });
    const back = await ops.beginUnplannedFailover(...args, {
      properties: { failoverDirection: "RecoveryToPrimary", sourceSiteOperations: "Required", providerSpecificDetails: { instanceType: "A2A" } },
    }, FAST_POLL);
    await lab.advanceMinutes(8);
    const failedBack = await back.pollUntilDone();
    expect(failedBack.properties).toMatchObject({ activeLocation: "Recovery" });
    expect(details(failedBack)).toMatchObject({ primaryFabricLocation: "westus", recoveryFabricLocation: "eastus" });
    // db-1 runs in eastus again, next to db-2 which never left: the db tier answers there, and not in westus.
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/db/eastus`)).status).toBe(200);
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/db/westus`)).status).toBe(503);

    // Commit and reprotect once more: replication runs eastus -> westus again, as it did at the start.
    const commitBack = await ops.beginFailoverCommit(...args, FAST_POLL);
    await lab.advanceMinutes(2);
    await commitBack.pollUntilDone();
    const reprotectBack = await ops.beginReprotect(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: { instanceType: "A2A" } } }, FAST_POLL);
    await lab.advanceMinutes(13 + 46);
    await reprotectBack.pollUntilDone();
    const home = await lab.getItem(vm);
    expect(home.properties).toMatchObject({ replicationHealth: "Normal", activeLocation: "Primary", protectionState: "Protected" });
    expect(details(home)).toMatchObject({ primaryFabricLocation: "eastus", recoveryFabricLocation: "westus" });
    expect(home.properties!.allowedOperations).toEqual(idle.properties!.allowedOperations);
  });

  it("refuses planned failover for A2A and actions in the wrong state, with ASR's error shape", async () => {
    const vm = lab.item("shop-web-1");
    const ops = lab.clients.siteRecovery.replicationProtectedItems;
    const args = [vm.vault, lab.rg, vm.fabric, vm.container, vm.name] as const;
    const planned = await expectRestError(ops.beginPlannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery" } }, FAST_POLL));
    expect(planned).toMatchObject({ statusCode: 400, code: "OperationNotSupportedForProvider" });
    const commit = await expectRestError(ops.beginFailoverCommit(...args, FAST_POLL));
    expect(commit).toMatchObject({ statusCode: 400, code: "OperationNotAllowedInCurrentState" });
    const cleanup = await expectRestError(ops.beginTestFailoverCleanup(...args, { properties: { comments: "nothing to clean" } }, FAST_POLL));
    expect(cleanup).toMatchObject({ statusCode: 400, code: "OperationNotAllowedInCurrentState" });

    const first = await ops.beginTestFailover(...args, { properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId } }, FAST_POLL);
    const busy = await expectRestError(ops.beginUnplannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery" } }, FAST_POLL));
    expect(busy).toMatchObject({ statusCode: 409, code: "OperationInProgress" });
    await lab.advanceMinutes(10);
    await first.pollUntilDone();
    const state = await lab.getItem(vm);
    expect(state.properties!.testFailoverState).toBe("WaitingForCompletion");
  });
});

describe("hybrid items (Hyper-V and VMware to Azure)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ estate: "hybrid" });
  });
  afterAll(async () => lab.emulator.stop());

  it("accepts planned failover for HyperVReplicaAzure and lets it be cancelled back to the primary", async () => {
    const vm = lab.item("erp-app-01");
    const ops = lab.clients.siteRecovery.replicationProtectedItems;
    const args = [vm.vault, lab.rg, vm.fabric, vm.container, vm.name] as const;
    const idle = await lab.getItem(vm);
    expect(idle.properties!.allowedOperations).toContain("PlannedFailover");
    expect((idle.properties!.providerSpecificDetails as unknown as Record<string, unknown>).instanceType).toBe("HyperVReplicaAzure");
    const planned = await ops.beginPlannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: { instanceType: "HyperVReplicaAzure" } } }, FAST_POLL);
    await lab.advanceMinutes(16);
    const done = await planned.pollUntilDone();
    expect(done.properties).toMatchObject({ protectionState: "PlannedFailoverCommitRequired", activeLocation: "Recovery" });
    expect(done.properties!.allowedOperations).toContain("CancelFailover");
    const cancel = await ops.beginFailoverCancel(...args, FAST_POLL);
    await lab.advanceMinutes(4);
    expect((await cancel.pollUntilDone()).properties).toMatchObject({ protectionState: "Protected", activeLocation: "Primary" });
  });

  it("fails a Hyper-V item back with a planned failover from Azure, then resumes replication to Azure", async () => {
    const vm = lab.item("erp-db-01");
    const ops = lab.clients.siteRecovery.replicationProtectedItems;
    const args = [vm.vault, lab.rg, vm.fabric, vm.container, vm.name] as const;
    const hyperV = { instanceType: "HyperVReplicaAzure" as const };
    const run = async (start: Promise<{ pollUntilDone(): Promise<ReplicationProtectedItem> }>, minutes: number): Promise<ReplicationProtectedItem> => {
      const poller = await start;
      await lab.advanceMinutes(minutes);
      return poller.pollUntilDone();
    };
    await run(ops.beginUnplannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: hyperV } }, FAST_POLL), 11);
    const inAzure = await run(ops.beginFailoverCommit(...args, FAST_POLL), 2);
    expect(inAzure.properties!.allowedOperations).toEqual(["PlannedFailover", "DisableProtection"]);
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/erp/eastus`)).status).toBe(503); // erp-app-01 is still on-premises

    const failback = await run(ops.beginPlannedFailover(...args, {
      properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: { instanceType: "HyperVReplicaAzureFailback", dataSyncOption: "ForSynchronization", recoveryVmCreationOption: "NoAction" } },
    }, FAST_POLL), 16);
    expect(failback.properties).toMatchObject({ protectionState: "PlannedFailoverCommitRequired" });
    const back = await run(ops.beginFailoverCommit(...args, FAST_POLL), 2);
    expect(back.properties!.allowedOperations).toEqual(["ReverseReplicate", "DisableProtection"]);
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/erp/onprem-dc1`)).status).toBe(200);

    await run(ops.beginReprotect(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: hyperV } }, FAST_POLL), 16);
    await lab.advanceMinutes(61);
    const protectedAgain = await lab.getItem(vm);
    expect(protectedAgain.properties).toMatchObject({ protectionState: "Protected", replicationHealth: "Normal", activeLocation: "Primary" });
    expect(protectedAgain.properties!.allowedOperations).toContain("PlannedFailover");
    const next = await run(ops.beginPlannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: hyperV } }, FAST_POLL), 16);
    expect(next.properties!.activeLocation).toBe("Recovery");
  });

  it("fails a VMware (InMageRcm) item back after reprotect, with a planned failover", async () => {
    const vm = lab.item("crm-db-01");
    const ops = lab.clients.siteRecovery.replicationProtectedItems;
    const args = [vm.vault, lab.rg, vm.fabric, vm.container, vm.name] as const;
    const run = async (start: Promise<{ pollUntilDone(): Promise<ReplicationProtectedItem> }>, minutes: number): Promise<ReplicationProtectedItem> => {
      const poller = await start;
      await lab.advanceMinutes(minutes);
      return poller.pollUntilDone();
    };
    await run(ops.beginUnplannedFailover(...args, { properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: { instanceType: "InMageRcm", performShutdown: "false" } } }, FAST_POLL), 13);
    const committed = await run(ops.beginFailoverCommit(...args, FAST_POLL), 2);
    expect(committed.properties!.allowedOperations).toEqual(["ReverseReplicate", "DisableProtection"]);
    await run(ops.beginReprotect(...args, {
      properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: { instanceType: "InMageRcm", reprotectAgentId: "agent-1", datastoreName: "datastore-1", logStorageAccountId: "log-storage" } },
    }, FAST_POLL), 21);
    const syncing = await lab.getItem(vm);
    expect(syncing.properties!.providerSpecificDetails).toMatchObject({ instanceType: "InMageRcm", initialReplicationProgressPercentage: expect.any(Number) });
    await lab.advanceMinutes(91);
    const failback = await run(ops.beginPlannedFailover(...args, {
      properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: { instanceType: "InMageRcmFailback", recoveryPointType: "CrashConsistent" } },
    }, FAST_POLL), 21);
    expect(failback.properties).toMatchObject({ activeLocation: "Recovery", protectionState: "PlannedFailoverCommitRequired" });
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/crm/onprem-dc2`)).status).toBe(200);
  });

  it("reports InMageRcm RPO fields and refuses provider inputs of another kind", async () => {
    const vm = lab.item("crm-web-01");
    const item = await lab.getItem(vm);
    expect(item.properties!.providerSpecificDetails).toMatchObject({ instanceType: "InMageRcm", lastRpoInSeconds: expect.any(Number) });
    const wrong = await expectRestError(
      lab.clients.siteRecovery.replicationProtectedItems.beginPlannedFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
        properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: { instanceType: "HyperVReplicaAzure" } },
      }),
    );
    expect(wrong).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
  });
});
