// The state machine of a replication protected item, following ASR: which operations each state allows, how each
// state shows on the wire (protectionState, activeLocation, testFailoverState), and where each operation leads.
import type { JobScenario } from "../../estates/estate";
import { ArmError } from "../server/arm-error";
import type { ItemDisplayState, ItemRecord, ReplicationHealth } from "./records";

/** Operation names as they appear in `allowedOperations`. */
export type ItemOperation =
  | "TestFailover"
  | "TestFailoverCleanup"
  | "PlannedFailover"
  | "UnplannedFailover"
  | "Commit"
  | "ReverseReplicate"
  | "CancelFailover"
  | "RepairReplication";

/** The job scenario each operation runs. */
export const SCENARIO_OF: Record<ItemOperation, JobScenario> = {
  TestFailover: "TestFailover",
  TestFailoverCleanup: "TestFailoverCleanup",
  PlannedFailover: "PlannedFailover",
  UnplannedFailover: "UnplannedFailover",
  Commit: "Commit",
  ReverseReplicate: "Reprotect",
  CancelFailover: "CancelFailover",
  RepairReplication: "RepairReplication",
};

export function allowedOperations(item: ItemRecord, health: ReplicationHealth): string[] {
  if (item.job) return [];
  const a2a = item.provider === "A2A";
  switch (item.stage) {
    case "Protected": {
      // A2A has no planned failover: its planned path is an unplanned failover that shuts the source down first.
      const operations = a2a ? ["UnplannedFailover", "TestFailover", "DisableProtection"] : ["PlannedFailover", "UnplannedFailover", "DisableProtection", "TestFailover"];
      if (health === "Critical") operations.push("RepairReplication");
      return operations;
    }
    case "TestFailedOver":
      return ["TestFailoverCleanup"];
    case "FailedOver":
      return item.failoverKind === "Planned" && !a2a ? ["Commit", "DisableProtection", "ChangePit", "CancelFailover"] : ["Commit", "DisableProtection", "ChangePit"];
    case "Committed":
      // Hyper-V to Azure fails back with a planned failover from Azure; once back on-premises, reverse replication
      // resumes protection to Azure. A2A and VMware (InMageRcm) reprotect first and fail back afterwards.
      if (item.provider === "HyperVReplicaAzure") return item.reversed ? ["ReverseReplicate", "DisableProtection"] : ["PlannedFailover", "DisableProtection"];
      return ["ReverseReplicate", "DisableProtection"];
    case "InitialReplication":
      return ["DisableProtection"];
  }
}

export function activeLocationOf(item: ItemRecord): "Primary" | "Recovery" {
  return item.stage === "FailedOver" || item.stage === "Committed" ? "Recovery" : "Primary";
}

export function displayStateOf(item: ItemRecord): ItemDisplayState {
  const base = stableDisplayState(item);
  return { ...base, ...(item.job?.displayState ?? {}) };
}

function stableDisplayState(item: ItemRecord): ItemDisplayState {
  const idleTest = { testFailoverState: "None", testFailoverStateDescription: "None" };
  switch (item.stage) {
    case "Protected":
      return { protectionState: "Protected", protectionStateDescription: "Protected", ...idleTest };
    case "TestFailedOver":
      return {
        protectionState: "Protected",
        protectionStateDescription: "Cleanup test failover pending",
        testFailoverState: "WaitingForCompletion",
        testFailoverStateDescription: "Waiting for user input",
      };
    case "FailedOver":
      return item.failoverKind === "Planned"
        ? { protectionState: "PlannedFailoverCommitRequired", protectionStateDescription: "Planned failover finished", ...idleTest }
        : { protectionState: "UnplannedFailoverCommitPendingStatesBegin", protectionStateDescription: "Failover completed", ...idleTest };
    case "Committed":
      return {
        protectionState: "PlannedFailoverStatesBegin",
        protectionStateDescription: item.failoverKind === "Planned" ? "Planned failover committed" : "Failover committed",
        ...idleTest,
      };
    case "InitialReplication":
      return { protectionState: "Protected", protectionStateDescription: "Initial replication in progress", ...idleTest };
  }
}

/** How the item shows while a job of this scenario runs on it. */
export function inProgressDisplay(scenario: JobScenario): Partial<ItemDisplayState> | undefined {
  switch (scenario) {
    case "TestFailover":
      return { protectionStateDescription: "Test failover in progress", testFailoverState: "TestFailoverInProgress", testFailoverStateDescription: "Test failover in progress" };
    case "TestFailoverCleanup":
      return { testFailoverState: "MarkedForDeletion", testFailoverStateDescription: "Marked for deletion" };
    case "PlannedFailover":
      return { protectionState: "PlannedFailoverInitiated", protectionStateDescription: "Planned failover in progress" };
    case "UnplannedFailover":
      return { protectionState: "UnplannedFailoverInitiated", protectionStateDescription: "Failover in progress" };
    case "Commit":
      return { protectionStateDescription: "Commit in progress" };
    case "Reprotect":
      return { protectionState: "ReprotectInitiated", protectionStateDescription: "Reprotect in progress" };
    default:
      return undefined;
  }
}

/** The failoverDirection an operation must name: with the replication, except a failback from the committed state. */
export function expectedDirection(item: ItemRecord, operation: ItemOperation): "PrimaryToRecovery" | "RecoveryToPrimary" {
  const against = item.stage === "Committed" && operation === "PlannedFailover";
  return item.reversed !== against ? "RecoveryToPrimary" : "PrimaryToRecovery";
}

/** Refuses an operation the item's state does not allow, with ASR's kind of answer. */
export function checkOperationAllowed(item: ItemRecord, operation: ItemOperation, health: ReplicationHealth): void {
  if (item.job) {
    throw new ArmError(
      409,
      "OperationInProgress",
      `The operation '${operation}' cannot be performed on replication protected item '${item.vmName}' because job '${item.job.name}' (${item.job.scenarioName}) is in progress on it.`,
    );
  }
  if (operation === "PlannedFailover" && item.provider === "A2A") {
    throw new ArmError(
      400,
      "OperationNotSupportedForProvider",
      `Planned failover is not supported for Azure to Azure (A2A) replication of '${item.vmName}'. Use unplanned failover with sourceSiteOperations 'Required' to shut the source down first.`,
    );
  }
  const allowed = allowedOperations(item, health);
  if (!allowed.includes(operation)) {
    const state = displayStateOf(item);
    throw new ArmError(
      400,
      "OperationNotAllowedInCurrentState",
      `The operation '${operation}' is not allowed on replication protected item '${item.vmName}' in its current state '${state.protectionStateDescription}'. Allowed operations: ${allowed.join(", ") || "none"}.`,
    );
  }
}

export interface ApplyContext {
  nowMs: number;
  initialReplicationMs: number;
  testNetworkId?: string;
  recoveryPointId?: string;
}

/** Moves the item to the state the operation leads to (called when its job succeeds). */
export function applyOperation(item: ItemRecord, operation: ItemOperation, context: ApplyContext): void {
  switch (operation) {
    case "TestFailover":
      item.stage = "TestFailedOver";
      item.testInstanceRegion = item.reversed ? item.seededPrimaryRegion : item.seededRecoveryRegion;
      item.lastTestFailoverMs = context.nowMs;
      return;
    case "TestFailoverCleanup":
      item.stage = "Protected";
      item.testInstanceRegion = undefined;
      return;
    case "PlannedFailover":
    case "UnplannedFailover":
      // A failback from the committed state runs against the replication direction: the roles swap.
      if (item.stage === "Committed") item.reversed = !item.reversed;
      item.stage = "FailedOver";
      item.failoverKind = operation === "PlannedFailover" ? "Planned" : "Unplanned";
      item.lastFailoverMs = context.nowMs;
      item.failoverRecoveryPointId = context.recoveryPointId;
      return;
    case "Commit":
      item.stage = "Committed";
      return;
    case "CancelFailover":
      item.stage = "Protected";
      item.failoverKind = undefined;
      return;
    case "ReverseReplicate":
      // The recovery region becomes the source; the VM stays where it runs, and must first copy all its disks.
      item.reversed = !item.reversed;
      item.stage = "InitialReplication";
      item.failoverKind = undefined;
      item.failoverRecoveryPointId = undefined;
      item.override = undefined;
      item.replicationSinceMs = context.nowMs + context.initialReplicationMs;
      item.initialReplication = { startMs: context.nowMs, endMs: context.nowMs + context.initialReplicationMs };
      return;
    case "RepairReplication":
      item.override = undefined;
      return;
  }
}
