// The part of the Site Recovery client the activities use. The real SiteRecoveryManagementClient satisfies it;
// unit tests pass fakes of just these methods.
import type {
  RecoveryPoints,
  ReplicationJobs,
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
}

/** Clients are per subscription (a plan's vault names its own); the registration caches one per subscription. */
export type SiteRecoveryFor = (subscriptionId: string) => SiteRecoveryApi;
