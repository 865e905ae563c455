// The Azure RBAC operations Standby performs, each with the resource its role is granted on. This is the contract
// between the code and infra/: the infra tests check that the roles main.bicep grants at each scope cover every
// entry, so a new SDK call is added here first and a missing role fails a test instead of a failover.
// Operation names are the ones Azure authorizes (resource provider operations), not SDK method names: for example,
// the vault-wide list of protected items is authorized as `vaults/replicationProtectedItems/read`, which
// Site Recovery Operator does not include.

/** The resource types the identity is granted roles on; every operation falls under exactly one of them. */
export type GrantScope =
  | "Microsoft.RecoveryServices/vaults"
  | "Microsoft.Network/trafficManagerProfiles"
  | "Microsoft.Automation/automationAccounts"
  | "Microsoft.Storage/storageAccounts"
  | "Microsoft.EventGrid/topics"
  | "Microsoft.Insights/components";

export interface ArmOperation {
  /** The operation as Azure RBAC names it. */
  readonly operation: string;
  /** Data-plane operations are matched against a role's dataActions, control-plane ones against its actions. */
  readonly plane: "control" | "data";
  readonly scope: GrantScope;
  /** The app's own code, or the Functions host and durable extension on the app's behalf. */
  readonly performedBy: "app" | "host";
  /** What Standby does with it. */
  readonly purpose: string;
}

const VAULT = "Microsoft.RecoveryServices/vaults";
const ITEM = `${VAULT}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems`;
const PROFILE = "Microsoft.Network/trafficManagerProfiles";
const AUTOMATION = "Microsoft.Automation/automationAccounts";
const BLOB = "Microsoft.Storage/storageAccounts/blobServices/containers";
const QUEUE = "Microsoft.Storage/storageAccounts/queueServices/queues";
const TABLE = "Microsoft.Storage/storageAccounts/tableServices/tables";

const siteRecovery = (operation: string, purpose: string): ArmOperation => ({
  operation,
  plane: "control",
  scope: VAULT,
  performedBy: "app",
  purpose,
});

const trafficManager = (operation: string, purpose: string): ArmOperation => ({
  operation,
  plane: "control",
  scope: PROFILE,
  performedBy: "app",
  purpose,
});

const automation = (operation: string, purpose: string): ArmOperation => ({
  operation,
  plane: "control",
  scope: AUTOMATION,
  performedBy: "app",
  purpose,
});

const storage = (operation: string, plane: ArmOperation["plane"], performedBy: ArmOperation["performedBy"], purpose: string): ArmOperation => ({
  operation,
  plane,
  scope: "Microsoft.Storage/storageAccounts",
  performedBy,
  purpose,
});

export const armOperations: readonly ArmOperation[] = [
  // Site Recovery: reading state
  siteRecovery(`${VAULT}/read`, "readiness check: the plan's vault exists"),
  siteRecovery(`${VAULT}/replicationProtectedItems/read`, "health sweep: list every protected item of a vault by page"),
  siteRecovery(`${VAULT}/replicationFabrics/read`, "resolve an item's fabric from its id"),
  siteRecovery(`${VAULT}/replicationFabrics/replicationProtectionContainers/read`, "list protection containers"),
  siteRecovery(`${ITEM}/read`, "read an item before acting on it (crash safety: skip items already in the target state)"),
  siteRecovery(`${ITEM}/recoveryPoints/read`, "choose the recovery point (latest, latest processed, application-consistent)"),
  siteRecovery(`${VAULT}/replicationPolicies/read`, "RPO threshold and snapshot frequencies of an item's policy"),
  siteRecovery(`${VAULT}/replicationRecoveryPlans/read`, "import an ASR recovery plan into a Standby plan"),
  siteRecovery(`${VAULT}/replicationJobs/read`, "watch a started job from the orchestrator; adopt a job already running"),
  // Site Recovery: acting
  siteRecovery(`${ITEM}/testFailover/action`, "drill: test failover into the isolated network"),
  siteRecovery(`${ITEM}/testFailoverCleanup/action`, "drill: cleanup, always"),
  siteRecovery(`${ITEM}/plannedFailover/action`, "planned failover and failback (Hyper-V, VMware providers)"),
  siteRecovery(`${ITEM}/unplannedFailover/action`, "unplanned failover; A2A planned failover with source shutdown"),
  siteRecovery(`${ITEM}/failoverCommit/action`, "commit after failover"),
  siteRecovery(`${ITEM}/reProtect/action`, "reprotect (reverse replication) during failback"),
  siteRecovery(`${ITEM}/failoverCancel/action`, "cancel: roll back a failover that is not committed yet"),
  siteRecovery(`${VAULT}/replicationJobs/cancel/action`, "cancel an operation's running job"),
  // Traffic Manager
  trafficManager(`${PROFILE}/read`, "readiness check and switch verification: profile with its endpoints"),
  trafficManager(`${PROFILE}/azureEndpoints/read`, "read an Azure endpoint"),
  trafficManager(`${PROFILE}/azureEndpoints/write`, "switch traffic: enable or disable an Azure endpoint"),
  trafficManager(`${PROFILE}/externalEndpoints/read`, "read an external endpoint"),
  trafficManager(`${PROFILE}/externalEndpoints/write`, "switch traffic: enable or disable an external endpoint"),
  trafficManager(`${PROFILE}/nestedEndpoints/read`, "read a nested endpoint"),
  trafficManager(`${PROFILE}/nestedEndpoints/write`, "switch traffic: enable or disable a nested endpoint"),
  // Azure Automation runbook actions between groups
  automation(`${AUTOMATION}/jobs/write`, "runbook action: start a runbook job (PUT …/jobs/{name})"),
  automation(`${AUTOMATION}/jobs/read`, "runbook action: watch the job (GET …/jobs/{name})"),
  // The app's own storage account: plans, operations, reports (app); task hub, leases, deployment package (host)
  storage(`${BLOB}/read`, "control", "app", "list containers"),
  storage(`${BLOB}/write`, "control", "app", "create the app's containers on first use"),
  storage(`${BLOB}/blobs/read`, "data", "app", "read plans, operation timelines and drill reports"),
  storage(`${BLOB}/blobs/write`, "data", "app", "write plans (ETag concurrency), timelines, reports; take a plan lock"),
  storage(`${BLOB}/blobs/delete`, "data", "app", "delete a plan; release a plan lock"),
  storage(`${BLOB}/blobs/read`, "data", "host", "task hub leases and large messages; the deployment package"),
  storage(`${BLOB}/blobs/write`, "data", "host", "task hub leases and large messages"),
  storage(`${QUEUE}/read`, "control", "host", "task hub control and work-item queues"),
  storage(`${QUEUE}/write`, "control", "host", "create the task hub queues"),
  storage(`${QUEUE}/messages/read`, "data", "host", "task hub queues"),
  storage(`${QUEUE}/messages/write`, "data", "host", "task hub queues"),
  storage(`${QUEUE}/messages/delete`, "data", "host", "task hub queues"),
  storage(`${QUEUE}/messages/process/action`, "data", "host", "task hub queues"),
  storage(`${TABLE}/read`, "control", "host", "task hub history and instances tables"),
  storage(`${TABLE}/write`, "control", "host", "create the task hub tables"),
  storage(`${TABLE}/entities/read`, "data", "app", "health snapshots and alert signals"),
  storage(`${TABLE}/entities/write`, "data", "app", "health snapshots and alert signals"),
  storage(`${TABLE}/entities/add/action`, "data", "app", "record a new alert signal or snapshot"),
  storage(`${TABLE}/entities/update/action`, "data", "app", "update a snapshot under its ETag"),
  storage(`${TABLE}/entities/delete`, "data", "app", "expire old alert signals"),
  storage(`${TABLE}/entities/read`, "data", "host", "task hub history and instances"),
  storage(`${TABLE}/entities/write`, "data", "host", "task hub history and instances"),
  // Alerts out
  {
    operation: "Microsoft.EventGrid/events/send/action",
    plane: "data",
    scope: "Microsoft.EventGrid/topics",
    performedBy: "app",
    purpose: "publish Standby.* CloudEvents to the alerts topic",
  },
  // Telemetry with Entra authentication
  {
    operation: "Microsoft.Insights/Telemetry/Write",
    plane: "data",
    scope: "Microsoft.Insights/components",
    performedBy: "host",
    purpose: "send logs and traces to Application Insights, which refuses key-only ingestion",
  },
];
