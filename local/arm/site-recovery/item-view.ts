// How a replication protected item and its recovery points look on the wire (2023-06-01 model, as in the official
// examples), with provider details for A2A, HyperVReplicaAzure and InMageRcm.
import type { RegionOutages } from "../world/regions";
import { activeLocationOf, allowedOperations, displayStateOf } from "./item-states";
import type { ItemRecord } from "./records";
import { primaryRegionOf, recoveryRegionOf } from "./records";
import type { RecoveryPoint } from "./recovery-points";
import { replicationOf } from "./replication";
import { TYPE_PREFIX, idleScenario, iso } from "./wire";

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
        processServerId: `${item.fabric}-process-server`,
        processServerName: `${item.fabric}-appliance`,
        runAsAccountId: `${item.fabric}-run-as-account`,
        storageAccountId: `${item.vault.id.replace(/\/providers\/.*$/, "")}/providers/Microsoft.Storage/storageAccounts/hybridlogstorage`,
        discoveredVmDetails: { vCenterFqdn: `vcenter.${item.fabric}.local`, datastores: [`${item.fabric}-datastore-1`], osName: "Linux" },
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
