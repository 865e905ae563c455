/**
 * The types of the CloudEvents 1.0 the service publishes on its Event Grid topic (source `/standby/plans/{plan}`),
 * for subscribers that filter or switch on `type`: replication health changes and the RPO objective breached and
 * recovered, operations started, waiting for approval, completed or failed, and drills completed with their verdict.
 */
export const STANDBY_EVENT_TYPES = [
  "Standby.Replication.HealthChanged",
  "Standby.Replication.RpoBreached",
  "Standby.Replication.RpoRecovered",
  "Standby.Operation.Started",
  "Standby.Operation.ApprovalRequired",
  "Standby.Operation.Completed",
  "Standby.Operation.Failed",
  "Standby.Drill.Completed",
] as const;

export type StandbyEventType = (typeof STANDBY_EVENT_TYPES)[number];
