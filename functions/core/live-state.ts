// What the app knows about the estate at one moment, as read from Site Recovery and Traffic Manager by the
// activities and handed to the pure code (guard, readiness, health). Field names follow ASR's where they exist so
// the mapping from SDK models stays obvious; values stay strings because ASR adds new ones over time.

/** One replication protected item (`ReplicationProtectedItem.properties` plus its name and id). */
export interface ProtectedItemState {
  /** Full resource id (…/replicationProtectedItems/{name}); compared case-insensitively. */
  id: string;
  name: string;
  /** The protected machine's name, e.g. `shop-web-1`. */
  friendlyName?: string;
  /** `providerSpecificDetails.instanceType`: A2A, HyperVReplicaAzure, InMageRcm, … */
  provider: string;
  protectionState?: string;
  /** Where the machine runs: `Primary` or `Recovery`. */
  activeLocation?: string;
  testFailoverState?: string;
  /** When the item's last test failover succeeded (`lastSuccessfulTestFailoverTime`), epoch ms. */
  lastTestFailoverMs?: number;
  allowedOperations: string[];
  /** Normal, Warning or Critical. */
  replicationHealth?: string;
  /** Current RPO; undefined or null when ASR reports none (no recovery point yet, or not calculated). */
  rpoSeconds?: number | null;
  /** The ASR job running on the item, if any (`currentScenario`, with ASR's idle value "None" mapped to undefined). */
  currentScenario?: { scenarioName: string; jobId?: string };
  healthErrors?: { code: string; message: string }[];
  /** VMware/physical items only: what their reprotects must name, when the activity read it. */
  inMageRcm?: InMageRcmReprotectTargets;
}

/**
 * The ids an InMageRcm (VMware/physical) reprotect names, read from the item, its fabric and the vault's policies.
 * Towards on-premises (before failback) ASR needs the appliance's reprotect agent, the on-premises datastore and the
 * log storage account; back towards Azure (after failback), the process server and the replication policy.
 */
export interface InMageRcmReprotectTargets {
  reprotectAgentId?: string;
  datastoreName?: string;
  logStorageAccountId?: string;
  processServerId?: string;
  runAsAccountId?: string;
  policyId?: string;
}

/** One Traffic Manager endpoint of the plan's profile. */
export interface TrafficEndpointState {
  name: string;
  endpointStatus?: string;
  endpointMonitorStatus?: string;
}

/** A snapshot of everything a plan refers to. */
export interface LiveState {
  items: ProtectedItemState[];
  /** Endpoints of the plan's Traffic Manager profile; undefined when the profile was not found or not read. */
  trafficEndpoints?: TrafficEndpointState[];
}

/** ASR's values, named once. */
export const ActiveLocation = { primary: "Primary", recovery: "Recovery" } as const;

export const AllowedOperation = {
  plannedFailover: "PlannedFailover",
  unplannedFailover: "UnplannedFailover",
  testFailover: "TestFailover",
  testFailoverCleanup: "TestFailoverCleanup",
  commit: "Commit",
  reverseReplicate: "ReverseReplicate",
  cancelFailover: "CancelFailover",
} as const;
