// The part of the Site Recovery client the activities use. The real SiteRecoveryManagementClient satisfies it;
// unit tests pass fakes of just these methods.
import type {
  RecoveryPoints,
  ReplicationFabrics,
  ReplicationJobs,
  ReplicationPolicies,
  ReplicationProtectedItems,
} from "@azure/arm-recoveryservices-siterecovery";

export interface SiteRecoveryApi {
  replicationProtectedItems: Pick<
    ReplicationProtectedItems,
    | "get"
    | "list"
    | "beginPlannedFailover"
    | "beginUnplannedFailover"
    | "beginFailoverCommit"
    | "beginReprotect"
    | "beginTestFailover"
    | "beginTestFailoverCleanup"
    | "beginFailoverCancel"
  >;
  recoveryPoints: Pick<RecoveryPoints, "listByReplicationProtectedItems">;
  replicationJobs: Pick<ReplicationJobs, "get" | "beginCancel">;
  /** InMageRcm reprotects: the appliance's reprotect agents and process servers. */
  replicationFabrics: Pick<ReplicationFabrics, "get">;
  /** InMageRcm reprotects: the replication policy to protect to Azure with again. */
  replicationPolicies: Pick<ReplicationPolicies, "list">;
}

/** Clients are per subscription (a plan's vault names its own); the registration caches one per subscription. */
export type SiteRecoveryFor = (subscriptionId: string) => SiteRecoveryApi;
