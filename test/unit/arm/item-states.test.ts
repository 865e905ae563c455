// The protected item state machine on its own: allowed operations per state, refusals, and where operations lead.
import { createClock } from "../../../local/clock/clock";
import { loadEstate } from "../../../local/estates/load-estate";
import { ArmError } from "../../../local/arm/server/arm-error";
import { activeLocationOf, allowedOperations, applyOperation, checkOperationAllowed, displayStateOf, expectedDirection } from "../../../local/arm/site-recovery/item-states";
import { primaryRegionOf, runningRegionOf } from "../../../local/arm/site-recovery/records";
import { SiteRecoveryStore } from "../../../local/arm/site-recovery/store";

describe("item state machine", () => {
  const newItem = (estate = "shop", index = 0) => new SiteRecoveryStore(loadEstate(estate), createClock({ mode: "virtual", originMs: 0 })).allItems()[index];
  const context = { nowMs: 1_000, initialReplicationMs: 60_000 };

  it("walks an A2A item through failover, commit and reprotect", () => {
    const item = newItem();
    expect(allowedOperations(item, "Normal")).toEqual(["UnplannedFailover", "TestFailover", "DisableProtection"]);
    applyOperation(item, "UnplannedFailover", context);
    expect([displayStateOf(item).protectionState, activeLocationOf(item), runningRegionOf(item)]).toEqual(["UnplannedFailoverCommitPendingStatesBegin", "Recovery", "westus"]);
    applyOperation(item, "Commit", context);
    expect(allowedOperations(item, "Normal")).toContain("ReverseReplicate");
    applyOperation(item, "ReverseReplicate", context);
    expect([item.stage, activeLocationOf(item), primaryRegionOf(item), runningRegionOf(item)]).toEqual(["InitialReplication", "Primary", "westus", "westus"]);
    expect(allowedOperations(item, "Warning")).toEqual(["DisableProtection"]);
  });

  it("offers repair only when replication is Critical, and nothing while a job runs", () => {
    const item = newItem();
    expect(allowedOperations(item, "Critical")).toContain("RepairReplication");
    item.job = { name: "job", scenarioName: "TestFailover", startMs: 0 };
    expect(allowedOperations(item, "Normal")).toEqual([]);
    expect(() => checkOperationAllowed(item, "TestFailover", "Normal")).toThrow(expect.objectContaining({ status: 409, code: "OperationInProgress" }));
  });

  it("refuses with ASR's error shape: 400 for the wrong state, planned failover unsupported for A2A", () => {
    const item = newItem();
    const refusal = (operation: Parameters<typeof checkOperationAllowed>[1]): ArmError | undefined => {
      try {
        checkOperationAllowed(item, operation, "Normal");
      } catch (error) {
        return error as ArmError;
      }
      return undefined;
    };
    expect(refusal("Commit")).toMatchObject({ status: 400, code: "OperationNotAllowedInCurrentState" });
    expect(refusal("PlannedFailover")).toMatchObject({ status: 400, code: "OperationNotSupportedForProvider" });
    expect(refusal("TestFailover")).toBeUndefined();
  });

  it("lets Hyper-V items fail over planned and cancel that failover", () => {
    const item = newItem("hybrid");
    expect(item.provider).toBe("HyperVReplicaAzure");
    expect(allowedOperations(item, "Normal")).toContain("PlannedFailover");
    applyOperation(item, "PlannedFailover", context);
    expect(displayStateOf(item).protectionState).toBe("PlannedFailoverCommitRequired");
    expect(allowedOperations(item, "Normal")).toContain("CancelFailover");
    applyOperation(item, "CancelFailover", context);
    expect([item.stage, activeLocationOf(item)]).toEqual(["Protected", "Primary"]);
  });

  it("fails Hyper-V back from the committed state against the replication direction", () => {
    const item = newItem("hybrid");
    applyOperation(item, "UnplannedFailover", context);
    applyOperation(item, "Commit", context);
    expect([allowedOperations(item, "Normal"), expectedDirection(item, "PlannedFailover")]).toEqual([["PlannedFailover", "DisableProtection"], "RecoveryToPrimary"]);
    applyOperation(item, "PlannedFailover", context);
    applyOperation(item, "Commit", context);
    expect([runningRegionOf(item), allowedOperations(item, "Normal")]).toEqual(["onprem-dc1", ["ReverseReplicate", "DisableProtection"]]);
    applyOperation(item, "ReverseReplicate", context);
    expect([item.reversed, primaryRegionOf(item), expectedDirection(item, "PlannedFailover")]).toEqual([false, "onprem-dc1", "PrimaryToRecovery"]);
  });

  it("runs a test failover copy in the recovery region until cleanup", () => {
    const item = newItem();
    applyOperation(item, "TestFailover", context);
    expect([item.testInstanceRegion, displayStateOf(item).testFailoverState, allowedOperations(item, "Normal")]).toEqual(["westus", "WaitingForCompletion", ["TestFailoverCleanup"]]);
    applyOperation(item, "TestFailoverCleanup", context);
    expect([item.testInstanceRegion, item.stage]).toEqual([undefined, "Protected"]);
  });
});
