// The shape of an estate file (`local/estates/*.json`): the Azure resources the ARM emulator seeds. Everything the
// emulator answers (ids, item states, Traffic Manager endpoints, app endpoints) is derived from this data.

export type ReplicationProvider = "A2A" | "HyperVReplicaAzure" | "InMageRcm";

/** The ASR scenarios a job can run; each tier may say how long each takes, in simulated minutes. */
export type JobScenario =
  | "TestFailover"
  | "TestFailoverCleanup"
  | "PlannedFailover"
  | "UnplannedFailover"
  | "Commit"
  | "Reprotect"
  | "CancelFailover"
  | "RepairReplication"
  | "InitialReplication";

export interface Estate {
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** Items per page in list answers; ASR's own lists page at 100 when the vault is large enough. */
  pageSize?: number;
  /** Key the Event Grid topic expects in `aeg-sas-key`. */
  eventGridKey?: string;
  /** Virtual network the drills use as the isolated test network. */
  testNetworkId?: string;
  tiers: TierSpec[];
  vaults: VaultSpec[];
  trafficManagerProfiles: TrafficManagerProfileSpec[];
}

export interface TierSpec {
  name: string;
  /** Simulated minutes per scenario for items of this tier (defaults in local/arm/site-recovery/job-durations.ts). */
  jobMinutes?: Partial<Record<JobScenario, number>>;
}

export interface VaultSpec {
  name: string;
  location: string;
  policies: PolicySpec[];
  fabrics: FabricSpec[];
  recoveryPlans: RecoveryPlanSpec[];
}

export interface PolicySpec {
  name: string;
  instanceType: ReplicationProvider;
  recoveryPointThresholdInMinutes?: number;
  appConsistentFrequencyInMinutes?: number;
  crashConsistentFrequencyInMinutes?: number;
  recoveryPointHistoryInMinutes?: number;
}

export interface FabricSpec {
  name: string;
  /** Azure region, or the name of an on-premises site. */
  location: string;
  /** ASR's fabric kind: `Azure`, `HyperVSite`, `InMageRcm`. */
  instanceType: string;
  containers: ContainerSpec[];
}

export interface ContainerSpec {
  name: string;
  items: ProtectedItemSpec[];
}

export interface ProtectedItemSpec {
  /** Item name, unique in the estate (the control API addresses items by it). */
  name: string;
  vmName: string;
  tier: string;
  instanceType: ReplicationProvider;
  primaryRegion: string;
  recoveryRegion: string;
  /** Name of a policy of the same vault. */
  policy: string;
  /** Typical RPO while replication is healthy; the simulated RPO drifts around it. */
  baseRpoSeconds?: number;
}

export interface RecoveryPlanSpec {
  name: string;
  groups: RecoveryPlanGroupSpec[];
}

export interface RecoveryPlanGroupSpec {
  groupType: "Shutdown" | "Failover" | "Boot";
  /** Item names. */
  items: string[];
  startGroupActions?: RecoveryPlanActionSpec[];
  endGroupActions?: RecoveryPlanActionSpec[];
}

export interface RecoveryPlanActionSpec {
  actionName: string;
  failoverTypes: string[];
  failoverDirections: string[];
  customDetails: Record<string, unknown> & { instanceType: string };
}

export interface TrafficManagerProfileSpec {
  name: string;
  trafficRoutingMethod: string;
  relativeName?: string;
  ttl?: number;
  monitor?: {
    protocol?: string;
    port?: number;
    path?: string;
    intervalInSeconds?: number;
    timeoutInSeconds?: number;
    toleratedNumberOfFailures?: number;
  };
  endpoints: TrafficManagerEndpointSpec[];
}

export interface TrafficManagerEndpointSpec {
  name: string;
  type: "AzureEndpoints" | "ExternalEndpoints";
  /** The app (tier in a region) the endpoint points at; its monitor status follows that app's health. */
  tier: string;
  region: string;
  target: string;
  targetResourceId?: string;
  priority: number;
  weight?: number;
  endpointStatus?: "Enabled" | "Disabled";
}
