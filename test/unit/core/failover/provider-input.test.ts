import {
  chooseRecoveryPoint,
  itemCall,
  needsRecoveryPointId,
  type ItemCall,
  type NotApplicable,
} from "../../../../functions/core/failover/provider-input";

const call = (result: ItemCall | NotApplicable): ItemCall => {
  if ("notApplicable" in result) throw new Error(`expected a call, got: ${result.notApplicable}`);
  return result;
};

describe("provider inputs", () => {
  describe("A2A", () => {
    it("makes a planned failover an unplanned failover that shuts the source down first", () => {
      expect(itemCall("A2A", "plannedFailover", { direction: "PrimaryToRecovery", recoveryPointId: "rp-1" })).toEqual({
        method: "beginUnplannedFailover",
        requires: ["UnplannedFailover"],
        scenarios: expect.arrayContaining(["UnplannedFailover"]),
        input: {
          properties: {
            failoverDirection: "PrimaryToRecovery",
            sourceSiteOperations: "Required",
            providerSpecificDetails: { instanceType: "A2A", recoveryPointId: "rp-1" },
          },
        },
      });
    });

    it("does not wait for the source in an unplanned failover", () => {
      expect(call(itemCall("A2A", "unplannedFailover", { direction: "PrimaryToRecovery" })).input).toEqual({
        properties: {
          failoverDirection: "PrimaryToRecovery",
          sourceSiteOperations: "NotRequired",
          providerSpecificDetails: { instanceType: "A2A" },
        },
      });
    });

    it("fails back the same way in the other direction, after a reprotect", () => {
      const back = call(itemCall("A2A", "plannedFailover", { direction: "RecoveryToPrimary" }));
      expect(back.method).toBe("beginUnplannedFailover");
      expect(back.input?.properties).toMatchObject({ failoverDirection: "RecoveryToPrimary", sourceSiteOperations: "Required" });
      expect(call(itemCall("A2A", "reprotect", { direction: "RecoveryToPrimary" }))).toMatchObject({
        method: "beginReprotect",
        requires: ["ReverseReplicate"],
        input: { properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: { instanceType: "A2A" } } },
      });
    });

    it("test-fails over into the given network", () => {
      expect(call(itemCall("A2A", "testFailover", { direction: "PrimaryToRecovery", networkId: "/vnet" })).input).toEqual({
        properties: {
          failoverDirection: "PrimaryToRecovery",
          networkType: "VmNetworkAsInput",
          networkId: "/vnet",
          providerSpecificDetails: { instanceType: "A2A" },
        },
      });
    });
  });

  describe("HyperVReplicaAzure", () => {
    it("has a real planned failover to Azure with the chosen recovery point", () => {
      expect(call(itemCall("HyperVReplicaAzure", "plannedFailover", { direction: "PrimaryToRecovery", recoveryPointId: "rp" }))).toMatchObject({
        method: "beginPlannedFailover",
        requires: ["PlannedFailover"],
        input: {
          properties: {
            failoverDirection: "PrimaryToRecovery",
            providerSpecificDetails: { instanceType: "HyperVReplicaAzure", recoveryPointId: "rp" },
          },
        },
      });
    });

    it("fails back with the failback input, which synchronizes data itself", () => {
      const back = call(itemCall("HyperVReplicaAzure", "plannedFailover", { direction: "RecoveryToPrimary" }));
      expect(back.method).toBe("beginPlannedFailover");
      expect(back.requires).toContain("Failback");
      expect(back.input?.properties.providerSpecificDetails).toEqual({
        instanceType: "HyperVReplicaAzureFailback",
        dataSyncOption: "ForDownTime",
        recoveryVmCreationOption: "CreateVmIfNotFound",
      });
      expect(call(itemCall("HyperVReplicaAzure", "reprotect", { direction: "RecoveryToPrimary" })).input?.properties.providerSpecificDetails).toEqual({
        instanceType: "HyperVReplicaAzure",
      });
      expect(call(itemCall("HyperVReplicaAzure", "reprotect", { direction: "PrimaryToRecovery" })).method).toBe("beginReprotect");
    });
  });

  describe("InMageRcm", () => {
    it("makes a planned failover to Azure an unplanned one that shuts the machine down", () => {
      const planned = call(itemCall("InMageRcm", "plannedFailover", { direction: "PrimaryToRecovery", recoveryPointId: "rp" }));
      expect(planned.method).toBe("beginUnplannedFailover");
      expect(planned.input?.properties.providerSpecificDetails).toEqual({ instanceType: "InMageRcm", performShutdown: "true", recoveryPointId: "rp" });
      const unplanned = call(itemCall("InMageRcm", "unplannedFailover", { direction: "PrimaryToRecovery" }));
      expect(unplanned.input?.properties.providerSpecificDetails).toEqual({ instanceType: "InMageRcm", performShutdown: "false" });
    });

    const targets = {
      reprotectAgentId: "agent-1",
      datastoreName: "datastore-1",
      logStorageAccountId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/log",
      processServerId: "ps-1",
      runAsAccountId: "run-as-1",
      policyId: "/subscriptions/s/.../replicationPolicies/rcm-24h",
    };

    it("reprotects to on-premises with the InMageRcm input naming the reprotect agent, datastore and log storage", () => {
      const toPremises = call(itemCall("InMageRcm", "reprotect", { direction: "RecoveryToPrimary", inMageRcm: targets }));
      expect(toPremises.incomplete).toBeUndefined();
      expect(toPremises.input?.properties).toEqual({
        failoverDirection: "RecoveryToPrimary",
        providerSpecificDetails: {
          instanceType: "InMageRcm",
          reprotectAgentId: "agent-1",
          datastoreName: "datastore-1",
          logStorageAccountId: targets.logStorageAccountId,
          policyId: targets.policyId,
        },
      });
    });

    it("fails back with the InMageRcmFailback planned failover input and its recovery point type", () => {
      const back = call(itemCall("InMageRcm", "plannedFailover", { direction: "RecoveryToPrimary", recoveryPoint: "latestApplicationConsistent" }));
      expect(back).toMatchObject({
        method: "beginPlannedFailover",
        input: { properties: { providerSpecificDetails: { instanceType: "InMageRcmFailback", recoveryPointType: "ApplicationConsistent" } } },
      });
      const crash = call(itemCall("InMageRcm", "plannedFailover", { direction: "RecoveryToPrimary", recoveryPoint: "latestProcessed" }));
      expect(crash.input?.properties.providerSpecificDetails).toMatchObject({ recoveryPointType: "CrashConsistent" });
    });

    it("reprotects back to Azure with the InMageRcmFailback input naming the process server and policy", () => {
      const toAzure = call(itemCall("InMageRcm", "reprotect", { direction: "PrimaryToRecovery", inMageRcm: targets }));
      expect(toAzure.incomplete).toBeUndefined();
      expect(toAzure.input?.properties.providerSpecificDetails).toEqual({
        instanceType: "InMageRcmFailback",
        processServerId: "ps-1",
        runAsAccountId: "run-as-1",
        policyId: targets.policyId,
      });
    });

    it("says which ids are missing rather than building an input the SDK refuses to send", () => {
      expect(call(itemCall("InMageRcm", "reprotect", { direction: "RecoveryToPrimary", inMageRcm: { reprotectAgentId: "agent-1" } })).incomplete).toBe(
        "the reprotect to on-premises needs datastoreName, logStorageAccountId, which Site Recovery did not report",
      );
      expect(call(itemCall("InMageRcm", "reprotect", { direction: "PrimaryToRecovery" })).incomplete).toBe(
        "the reprotect back to Azure needs processServerId, policyId, which Site Recovery did not report",
      );
      expect(call(itemCall("HyperVReplicaAzure", "reprotect", { direction: "PrimaryToRecovery" })).incomplete).toBeUndefined();
    });

    it("passes the test network in the provider details too", () => {
      expect(call(itemCall("InMageRcm", "testFailover", { direction: "PrimaryToRecovery", networkId: "/vnet" })).input?.properties.providerSpecificDetails).toEqual({
        instanceType: "InMageRcm",
        networkId: "/vnet",
      });
    });
  });

  it("commits and cleans up the same way for every provider", () => {
    for (const provider of ["A2A", "HyperVReplicaAzure", "InMageRcm"]) {
      expect(itemCall(provider, "commit", { direction: "PrimaryToRecovery" })).toEqual({
        method: "beginFailoverCommit",
        requires: ["Commit"],
        // The service names a commit's job "CommitFailover" (official examples); "Commit" stays accepted.
        scenarios: ["CommitFailover", "Commit"],
      });
      expect(call(itemCall(provider, "testFailoverCleanup", { direction: "PrimaryToRecovery", comments: "drill 7" })).input).toEqual({
        properties: { comments: "drill 7" },
      });
    }
  });

  it("refuses providers it does not know", () => {
    expect(() => itemCall("InMageAzureV2", "commit", { direction: "PrimaryToRecovery" })).toThrow(/not supported/);
  });

  it("says which failovers need a recovery point id picked first", () => {
    expect(needsRecoveryPointId("A2A", "unplannedFailover", "PrimaryToRecovery")).toBe(true);
    expect(needsRecoveryPointId("A2A", "testFailover", "PrimaryToRecovery")).toBe(true);
    expect(needsRecoveryPointId("HyperVReplicaAzure", "plannedFailover", "RecoveryToPrimary")).toBe(false);
    expect(needsRecoveryPointId("InMageRcm", "plannedFailover", "RecoveryToPrimary")).toBe(false);
    expect(needsRecoveryPointId("A2A", "commit", "PrimaryToRecovery")).toBe(false);
  });
});

describe("recovery point choice", () => {
  const points = [
    { id: "crash-new", timeMs: 5_000, type: "CrashConsistent" },
    { id: "app-old", timeMs: 1_000, type: "AppConsistent" },
    { id: "app-new", timeMs: 3_000, type: "ApplicationConsistent" },
    { id: "crash-old", timeMs: 2_000, type: "CrashConsistent" },
  ];

  it("leaves the point out for latest, so the service processes pending data", () => {
    expect(chooseRecoveryPoint(points, "latest")).toBeUndefined();
  });

  it("takes the newest point of any kind for latest processed", () => {
    expect(chooseRecoveryPoint(points, "latestProcessed")).toBe("crash-new");
  });

  it("takes the newest application-consistent point when asked", () => {
    expect(chooseRecoveryPoint(points, "latestApplicationConsistent")).toBe("app-new");
  });

  it("fails clearly when no point fits instead of using another", () => {
    expect(() => chooseRecoveryPoint(points.filter((p) => p.type === "CrashConsistent"), "latestApplicationConsistent")).toThrow(
      "the item has no application-consistent recovery point",
    );
    expect(() => chooseRecoveryPoint([], "latestProcessed")).toThrow("the item has no recovery point");
  });
});
