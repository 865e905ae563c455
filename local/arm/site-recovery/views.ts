// How fabrics, containers, policies and recovery plans look on the wire (the 2023-06-01 model, as in the official
// examples); items are in item-view.ts, jobs in job-view.ts.
import type { RegionOutages } from "../world/regions";
import { allowedOperations } from "./item-states";
import { describeJobState } from "./job-view";
import type { ContainerRecord, FabricRecord, RecoveryPlanRecord, VaultRecord } from "./records";
import { replicationOf } from "./replication";
import { TYPE_PREFIX, idleScenario, iso } from "./wire";

export function fabricView(fabric: FabricRecord): unknown {
  return {
    id: fabric.id,
    name: fabric.name,
    type: `${TYPE_PREFIX}/replicationFabrics`,
    location: fabric.location,
    properties: {
      friendlyName: fabric.name,
      bcdrState: "Valid",
      customDetails: { instanceType: fabric.instanceType, location: fabric.location, ...applianceDetails(fabric) },
      encryptionDetails: { kekState: "None" },
      rolloverEncryptionDetails: { kekState: "None" },
      health: "Normal",
      healthErrorDetails: [],
      internalIdentifier: fabric.name,
    },
  };
}

// A VMware/physical (InMageRcm) site has one replication appliance: it serves as the process server towards Azure
// and as the reprotect agent for failback, which is where reprotect inputs take their ids from.
function applianceDetails(fabric: FabricRecord): Record<string, unknown> {
  if (fabric.instanceType !== "InMageRcm") return {};
  const appliance = { name: `${fabric.name}-appliance`, health: "Normal" };
  return {
    processServers: [{ ...appliance, id: `${fabric.name}-process-server` }],
    reprotectAgents: [{ ...appliance, id: `${fabric.name}-reprotect-agent` }],
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

