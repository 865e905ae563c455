// How Site Recovery resources look on the wire (the 2023-06-01 model, as in the official examples).
import type { RegionOutages } from "../world/regions";
import { activeLocationOf, allowedOperations, displayStateOf } from "./item-states";
import type { ContainerRecord, FabricRecord, ItemRecord, JobRecord, OperationRecord, RecoveryPlanRecord, VaultRecord } from "./records";
import { primaryRegionOf, recoveryRegionOf } from "./records";
import type { RecoveryPoint } from "./recovery-points";
import { replicationOf } from "./replication";

const TYPE_PREFIX = "Microsoft.RecoveryServices/vaults";
/** ASR's "no scenario" sentinel time. */
const IDLE_TIME = "1753-01-01T01:01:01Z";

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

export function fabricView(fabric: FabricRecord): unknown {
  return {
    id: fabric.id,
    name: fabric.name,
    type: `${TYPE_PREFIX}/replicationFabrics`,
    location: fabric.location,
    properties: {
      friendlyName: fabric.name,
      bcdrState: "Valid",
      customDetails: { instanceType: fabric.instanceType, location: fabric.location },
      encryptionDetails: { kekState: "None" },
      rolloverEncryptionDetails: { kekState: "None" },
      health: "Normal",
      healthErrorDetails: [],
      internalIdentifier: fabric.name,
    },
  };
}

export function containerView(container: ContainerRecord): unknown {
  return {
    id: container.id,
    name: container.name,
    type: `${TYPE_PREFIX}/replicationFabrics/replicationProtectionContainers`,
    properties: {
      friendlyName: container.name,
      fabricFriendlyName: container.fabric.name,
      fabricType: container.fabric.instanceType,
      pairingStatus: "Paired",
      protectedItemCount: container.items.length,
      role: "Primary",
    },
  };
}

export function policyView(vault: VaultRecord, name: string): unknown {
  const policy = vault.policies.get(name.toLowerCase())!;
  return {
    id: `${vault.id}/replicationPolicies/${policy.name}`,
    name: policy.name,
    type: `${TYPE_PREFIX}/replicationPolicies`,
    properties: {
      friendlyName: policy.name,
      providerSpecificDetails: {
        instanceType: policy.instanceType,
        recoveryPointThresholdInMinutes: policy.recoveryPointThresholdInMinutes ?? 60,
        recoveryPointHistory: policy.recoveryPointHistoryInMinutes ?? 1440,
        appConsistentFrequencyInMinutes: policy.appConsistentFrequencyInMinutes ?? 60,
        crashConsistentFrequencyInMinutes: policy.crashConsistentFrequencyInMinutes ?? 5,
        multiVmSyncStatus: "Enabled",
      },
    },
  };
}

export function idleScenario(vault: VaultRecord): unknown {
  return { scenarioName: "None", jobId: `${vault.id}/replicationJobs/None`, startTime: IDLE_TIME };
}

export function itemView(item: ItemRecord, nowMs: number, outages: RegionOutages): unknown {
  const replication = replicationOf(item, nowMs, outages);
  const state = displayStateOf(item);
  const vault = item.vault;
  return {
    id: item.id,
    name: item.name,
    type: `${TYPE_PREFIX}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems`,
    properties: {
      friendlyName: item.vmName,
      protectedItemType: item.provider === "A2A" ? "Microsoft.Compute/virtualMachines" : item.provider === "HyperVReplicaAzure" ? "HyperVVirtualMachine" : "VMwareVirtualMachine",
      protectableItemId: `${item.vault.id}/replicationFabrics/${item.fabric}/replicationProtectionContainers/${item.container}/replicationProtectableItems/${item.name}`,
      primaryFabricFriendlyName: item.fabric,
      primaryFabricProvider: item.provider === "A2A" ? "Azure" : item.provider === "HyperVReplicaAzure" ? "HyperVSite" : "InMageRcmFabric",
      recoveryFabricFriendlyName: item.provider === "A2A" ? recoveryRegionOf(item) : "Microsoft Azure",
      primaryProtectionContainerFriendlyName: item.container,
      recoveryProtectionContainerFriendlyName: item.provider === "A2A" ? `asr-a2a-default-${recoveryRegionOf(item)}-container` : "Microsoft Azure",
      protectionState: state.protectionState,
      protectionStateDescription: state.protectionStateDescription,
      activeLocation: activeLocationOf(item),
      testFailoverState: state.testFailoverState,
      testFailoverStateDescription: state.testFailoverStateDescription,
      allowedOperations: allowedOperations(item, replication.health),
      replicationHealth: replication.health,
      failoverHealth: replication.health === "Critical" ? "Warning" : "Normal",
      healthErrors: replication.healthErrors,
      policyId: `${vault.id}/replicationPolicies/${item.policy.name}`,
      policyFriendlyName: item.policy.name,
      lastSuccessfulFailoverTime: iso(item.lastFailoverMs),
      lastSuccessfulTestFailoverTime: iso(item.lastTestFailoverMs),
      currentScenario: item.job
        ? { scenarioName: item.job.scenarioName, jobId: `${vault.id}/replicationJobs/${item.job.name}`, startTime: iso(item.job.startMs) }
        : idleScenario(vault),
      failoverRecoveryPointId: item.failoverRecoveryPointId,
      providerSpecificDetails: providerDetails(item, replication),
    },
  };
}

function providerDetails(item: ItemRecord, replication: ReturnType<typeof replicationOf>): Record<string, unknown> {
  const calculated = iso(replication.lastRpoCalculatedMs);
  const latestPoint = iso(replication.latestPointMs);
  switch (item.provider) {
    case "A2A":
      return {
        instanceType: "A2A",
        fabricObjectId: `/subscriptions/${item.vault.id.split("/")[2]}/resourceGroups/${item.vault.id.split("/")[4]}/providers/Microsoft.Compute/virtualMachines/${item.vmName}`,
        primaryFabricLocation: primaryRegionOf(item),
        recoveryFabricLocation: recoveryRegionOf(item),
        multiVmGroupName: item.tier,
        rpoInSeconds: replication.rpoSeconds,
        lastRpoCalculatedTime: calculated,
        lastHeartbeat: iso(replication.lastHeartbeatMs),
        monitoringJobType: replication.initialReplicationPercent === undefined ? undefined : "InitialReplication",
        monitoringPercentageCompletion: replication.initialReplicationPercent,
        vmProtectionState: item.stage === "InitialReplication" ? "InitialReplication" : "Protected",
        isReplicationAgentUpdateRequired: false,
      };
    case "HyperVReplicaAzure":
      return {
        instanceType: "HyperVReplicaAzure",
        rpoInSeconds: replication.rpoSeconds,
        lastRpoCalculatedTime: calculated,
        lastReplicatedTime: replication.rpoSeconds === undefined ? undefined : latestPoint,
        lastRecoveryPointReceived: latestPoint,
        initialReplicationDetails: replication.initialReplicationPercent === undefined ? undefined : { initialReplicationType: "InitialReplication", initialReplicationProgressPercentage: String(replication.initialReplicationPercent) },
        recoveryAzureStorageAccount: "hybridrecoverystorage",
      };
    case "InMageRcm":
      return {
        instanceType: "InMageRcm",
        lastRpoInSeconds: replication.rpoSeconds,
        lastRpoCalculatedTime: calculated,
        lastRecoveryPointReceived: latestPoint,
        resyncRequired: replication.health === "Critical" ? "true" : "false",
        initialReplicationProgressPercentage: replication.initialReplicationPercent ?? (item.stage === "Protected" ? 100 : undefined),
        processServerName: "process-server-01",
      };
  }
}

export function recoveryPointView(item: ItemRecord, point: RecoveryPoint): unknown {
  return {
    id: `${item.id}/recoveryPoints/${point.name}`,
    name: point.name,
    type: `${TYPE_PREFIX}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/recoveryPoints`,
    properties: {
      recoveryPointTime: new Date(point.timeMs).toISOString(),
      recoveryPointType: point.type,
      providerSpecificDetails: { instanceType: item.provider, recoveryPointSyncType: "PerVmRecoveryPoint" },
    },
  };
}

export function planView(plan: RecoveryPlanRecord, nowMs: number, outages: RegionOutages): unknown {
  const items = plan.items.flat();
  const operations = planAllowedOperations(plan, nowMs, outages);
  const fabric = items[0] ? `${plan.vault.id}/replicationFabrics/${items[0].fabric}` : undefined;
  const planJobState = plan.job ? plan.vault.jobs.get(plan.job.name.toLowerCase())?.state : undefined;
  return {
    id: plan.id,
    name: plan.spec.name,
    type: `${TYPE_PREFIX}/replicationRecoveryPlans`,
    properties: {
      friendlyName: plan.spec.name,
      primaryFabricId: fabric,
      primaryFabricFriendlyName: items[0]?.fabric,
      recoveryFabricId: items[0] ? (items[0].provider === "A2A" ? `${plan.vault.id}/replicationFabrics/asr-a2a-default-${items[0].seededRecoveryRegion}` : "Microsoft Azure") : undefined,
      recoveryFabricFriendlyName: items[0] ? (items[0].provider === "A2A" ? items[0].seededRecoveryRegion : "Microsoft Azure") : undefined,
      failoverDeploymentModel: "ResourceManager",
      replicationProviders: [...new Set(items.map((item) => item.provider))],
      allowedOperations: operations,
      lastPlannedFailoverTime: iso(plan.lastPlannedFailoverMs),
      lastUnplannedFailoverTime: iso(plan.lastUnplannedFailoverMs),
      lastTestFailoverTime: iso(plan.lastTestFailoverMs),
      currentScenario: plan.job
        ? { scenarioName: plan.job.scenarioName, jobId: `${plan.vault.id}/replicationJobs/${plan.job.name}`, startTime: iso(plan.job.startMs) }
        : idleScenario(plan.vault),
      currentScenarioStatus: planJobState ?? plan.lastJob?.state,
      currentScenarioStatusDescription: planJobState ? describeJobState(planJobState) : plan.lastJob ? describeJobState(plan.lastJob.state) : undefined,
      groups: plan.spec.groups.map((group, index) => ({
        groupType: group.groupType,
        replicationProtectedItems: plan.items[index].map((item) => ({ id: item.id, virtualMachineId: item.name })),
        startGroupActions: group.startGroupActions ?? [],
        endGroupActions: group.endGroupActions ?? [],
      })),
      providerSpecificDetails: items.some((item) => item.provider === "A2A")
        ? [{ instanceType: "A2A", primaryZone: undefined, recoveryZone: undefined }]
        : [],
    },
  };
}

/** The operations every item of the plan allows now (a plan operation runs on all of its items). */
export function planAllowedOperations(plan: RecoveryPlanRecord, nowMs: number, outages: RegionOutages): string[] {
  if (plan.job) return [];
  const items = plan.items.flat();
  if (items.length === 0) return [];
  const perItem = items.map((item) => allowedOperations(item, replicationOf(item, nowMs, outages).health));
  return perItem[0].filter((operation) => operation !== "DisableProtection" && operation !== "ChangePit" && perItem.every((ops) => ops.includes(operation)));
}

export function describeJobState(state: JobRecord["state"]): string {
  switch (state) {
    case "Succeeded":
      return "Completed";
    case "InProgress":
      return "In progress";
    case "Suspended":
      return "Waiting for user action";
    default:
      return state;
  }
}

export function jobView(job: JobRecord): unknown {
  return {
    id: job.id,
    name: job.name,
    type: `${TYPE_PREFIX}/replicationJobs`,
    properties: {
      activityId: `${job.name} ActivityId: ${job.name}`,
      scenarioName: job.scenarioName,
      friendlyName: job.friendlyName,
      state: job.state,
      stateDescription: describeJobState(job.state),
      startTime: iso(job.startMs),
      endTime: iso(job.endMs),
      allowedActions: job.state === "InProgress" ? ["Cancel"] : job.state === "Suspended" ? ["Cancel", "Resume"] : [],
      targetObjectId: job.targetName,
      targetObjectName: job.targetFriendlyName,
      targetInstanceType: job.targetKind,
      customDetails: { instanceType: "AsrJobDetails", affectedObjectDetails: { TargetId: job.targetId } },
      tasks: job.tasks.map((task, index) => ({
        taskId: `${job.name}-${index}`,
        name: task.name,
        friendlyName: task.friendlyName,
        state: task.manual && task.state === "InProgress" ? "Suspended" : task.state,
        stateDescription: describeJobState(task.state),
        startTime: iso(task.startMs),
        endTime: iso(task.endMs),
        allowedActions: task.manual && task.state === "InProgress" ? ["Resume"] : [],
        taskType: "TaskDetails",
        customDetails: { instanceType: "ManualActionTaskDetails", name: task.friendlyName },
        errors: job.errors.filter((error) => error.taskId === task.name).map((error) => jobErrorView(error)),
      })),
      errors: job.errors.map((error) => jobErrorView(error)),
    },
  };
}

function jobErrorView(error: JobRecord["errors"][number]): unknown {
  return {
    serviceErrorDetails: {
      code: error.code,
      message: error.message,
      possibleCauses: error.message,
      recommendedAction: "Resolve the issue and retry the operation.",
      activityId: error.taskId,
    },
    providerErrorDetails: undefined,
    errorLevel: "Error",
    creationTime: iso(error.creationMs),
    taskId: error.taskId,
  };
}

export function operationStatusView(operation: OperationRecord): unknown {
  const status = operation.status();
  return {
    id: `${operation.vault.id}/replicationOperationStatus/${operation.name}`,
    name: operation.name,
    status: status.status,
    startTime: iso(operation.startMs),
    endTime: iso(status.endMs),
    error: status.error,
  };
}
