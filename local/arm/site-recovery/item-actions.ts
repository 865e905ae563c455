// POST actions on a replication protected item: validate, check the state machine, start the job, answer 202.
import type { EmulatorContext } from "../context";
import { ArmError, invalidInput } from "../server/arm-error";
import type { ArmResponse, RouteHandler } from "../server/router";
import { type ActionInput, type InputRules, parseActionInput } from "./action-inputs";
import { type ItemOperation, SCENARIO_OF, applyOperation, checkOperationAllowed, expectedDirection, inProgressDisplay } from "./item-states";
import { acceptedResponse, registerJobOperation } from "./lro";
import { type ItemRecord, primaryRegionOf, recoveryRegionOf } from "./records";
import { findRecoveryPoint } from "./recovery-points";
import { replicationOf } from "./replication";

/** Jobs' scenario names as the service reports them (official examples: "CommitFailover", "ReverseReplication"). */
export const JOB_NAMES: Record<ItemOperation, { scenarioName: string; friendlyName: string }> = {
  TestFailover: { scenarioName: "TestFailover", friendlyName: "Test failover" },
  TestFailoverCleanup: { scenarioName: "TestFailoverCleanup", friendlyName: "Cleanup test failover" },
  PlannedFailover: { scenarioName: "PlannedFailover", friendlyName: "Planned failover" },
  UnplannedFailover: { scenarioName: "UnplannedFailover", friendlyName: "Failover" },
  Commit: { scenarioName: "CommitFailover", friendlyName: "Commit" },
  ReverseReplicate: { scenarioName: "ReverseReplication", friendlyName: "Reprotect" },
  CancelFailover: { scenarioName: "CancelFailover", friendlyName: "Cancel failover" },
  RepairReplication: { scenarioName: "RepairReplication", friendlyName: "Resynchronize" },
};

export const ITEM_INPUT_RULES: Record<ItemOperation, InputRules> = {
  TestFailover: { bodyRequired: true, networkRequired: true },
  TestFailoverCleanup: { bodyRequired: true },
  PlannedFailover: { bodyRequired: true },
  UnplannedFailover: { bodyRequired: true },
  Commit: { bodyRequired: false },
  ReverseReplicate: { bodyRequired: true },
  CancelFailover: { bodyRequired: false },
  RepairReplication: { bodyRequired: false },
};

export function itemActionHandler(context: EmulatorContext, operation: ItemOperation): RouteHandler {
  return (request, params): ArmResponse => {
    const store = context.siteRecovery;
    const item = store.item(params.vault, params.fabric, params.container, params.item);
    const now = context.clock.now();
    const input = parseActionInput(request.body, ITEM_INPUT_RULES[operation]);
    checkInputFitsItem(item, operation, input);
    const health = replicationOf(item, now, context.outages).health;
    checkOperationAllowed(item, operation, health);
    if (input.recoveryPointId !== undefined && !findRecoveryPoint(item, input.recoveryPointId, now, context.outages)) {
      throw new ArmError(404, "RecoveryPointNotFound", `Recovery point '${input.recoveryPointId}' does not exist for '${item.vmName}'.`);
    }
    const scenario = SCENARIO_OF[operation];
    const names = JOB_NAMES[operation];
    const job = context.jobs.start({
      vault: item.vault,
      scenarioName: names.scenarioName,
      friendlyName: names.friendlyName,
      targetKind: "ProtectionEntity",
      targetId: item.id,
      targetName: item.name,
      targetFriendlyName: item.vmName,
      phases: [
        {
          taskName: `${names.scenarioName}Task`,
          taskFriendlyName: names.friendlyName,
          durationMs: store.jobDurationMs(item, scenario),
          complete: () => completeItemOperation(context, item, operation, input),
        },
      ],
      onEnd: () => (item.job = undefined),
      onCancel: () => (item.job = undefined),
    });
    item.job = { name: job.name, scenarioName: names.scenarioName, startMs: job.startMs, displayState: inProgressDisplay(scenario) };
    return acceptedResponse(request, registerJobOperation(item.vault, job, item.id), context.retryAfterSeconds);
  };
}

/** Applies the operation when its job (or plan group) ends, unless a region or an injected fault makes it fail. */
export function completeItemOperation(context: EmulatorContext, item: ItemRecord, operation: ItemOperation, input: ActionInput): { code: string; message: string }[] {
  const blocker = regionBlocker(context, item, operation);
  if (blocker) return [blocker];
  const fault = context.faults.drawJobFailure([item.name, item.vmName]);
  if (fault) return [fault];
  const now = context.clock.now();
  applyOperation(item, operation, {
    nowMs: now,
    initialReplicationMs: context.siteRecovery.jobDurationMs(item, "InitialReplication"),
    recoveryPointId: input.recoveryPointId,
  });
  return [];
}

function regionBlocker(context: EmulatorContext, item: ItemRecord, operation: ItemOperation): { code: string; message: string } | undefined {
  const target = recoveryRegionOf(item);
  const source = primaryRegionOf(item);
  const down = (region: string): boolean => context.outages.isDown(region);
  if ((operation === "TestFailover" || operation === "UnplannedFailover" || operation === "PlannedFailover") && down(target)) {
    return { code: "RecoveryRegionUnavailable", message: `The virtual machine '${item.vmName}' could not be started in ${target}: the region is unavailable.` };
  }
  if (operation === "PlannedFailover" && down(source)) {
    return { code: "SourceSiteUnavailable", message: `Planned failover of '${item.vmName}' needs the source site ${source}, which is unavailable. Use unplanned failover.` };
  }
  if (operation === "ReverseReplicate" && down(source)) {
    return { code: "ReprotectTargetUnavailable", message: `Reprotect of '${item.vmName}' needs ${source} to replicate to, which is unavailable.` };
  }
  return undefined;
}

function checkInputFitsItem(item: ItemRecord, operation: ItemOperation, input: ActionInput): void {
  // Failbacks to on-premises have their own provider inputs (HyperVReplicaAzureFailback, InMageRcmFailback).
  const wrongType = input.providerTypes.find((type) => type !== item.provider && type !== `${item.provider}Failback`);
  if (wrongType) {
    throw invalidInput(`providerSpecificDetails.instanceType '${wrongType}' does not match the replication provider '${item.provider}' of '${item.vmName}'.`);
  }
  if (input.failoverDirection && ["TestFailover", "PlannedFailover", "UnplannedFailover"].includes(operation)) {
    const expected = expectedDirection(item, operation);
    if (input.failoverDirection !== expected) {
      throw invalidInput(
        `failoverDirection '${input.failoverDirection}' does not match the replication direction of '${item.vmName}', which replicates ${primaryRegionOf(item)} to ${recoveryRegionOf(item)}: use '${expected}'.`,
        "InvalidFailoverDirection",
      );
    }
  }
}
