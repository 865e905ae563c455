// The emulator's live Site Recovery state: vaults with their fabrics, containers and items, recovery plans, jobs and
// long-running operations. Seeded from an estate; changed only by jobs and the control API.
import type { ClockTimer } from "../../clock/clock";
import type { Estate, JobScenario, PolicySpec, ProtectedItemSpec, RecoveryPlanSpec, ReplicationProvider, VaultSpec } from "../../estates/estate";

export type ItemStage = "Protected" | "TestFailedOver" | "FailedOver" | "Committed" | "InitialReplication";
export type ReplicationHealth = "Normal" | "Warning" | "Critical";

export interface ItemRecord {
  name: string;
  vmName: string;
  tier: string;
  provider: ReplicationProvider;
  vault: VaultRecord;
  fabric: string;
  container: string;
  id: string;
  policy: PolicySpec;
  baseRpoSeconds: number;
  seededPrimaryRegion: string;
  seededRecoveryRegion: string;
  /** True once reprotect made the seeded recovery region the source of replication. */
  reversed: boolean;
  stage: ItemStage;
  failoverKind?: "Planned" | "Unplanned";
  /** The job currently acting on the item (its own, or its recovery plan's). */
  job?: { name: string; scenarioName: string; startMs: number; displayState?: Partial<ItemDisplayState> };
  initialReplication?: { startMs: number; endMs: number };
  /** Region where the test-failover copy runs while a test failover awaits cleanup. */
  testInstanceRegion?: string;
  /** Simulated time from which the current replication direction has produced recovery points. */
  replicationSinceMs: number;
  lastFailoverMs?: number;
  lastTestFailoverMs?: number;
  failoverRecoveryPointId?: string;
  /** Control-API override of the simulated replication: a fixed RPO and/or health. */
  override?: { rpoSeconds?: number; health?: ReplicationHealth };
}

export interface ItemDisplayState {
  protectionState: string;
  protectionStateDescription: string;
  testFailoverState: string;
  testFailoverStateDescription: string;
}

export interface RecoveryPlanRecord {
  spec: RecoveryPlanSpec;
  id: string;
  vault: VaultRecord;
  items: ItemRecord[][];
  job?: { name: string; scenarioName: string; startMs: number };
  lastJob?: { name: string; state: JobState };
  lastPlannedFailoverMs?: number;
  lastUnplannedFailoverMs?: number;
  lastTestFailoverMs?: number;
}

export type JobState = "NotStarted" | "InProgress" | "Succeeded" | "Failed" | "Cancelled" | "Suspended";

export interface JobTask {
  name: string;
  friendlyName: string;
  /** A manual action: the job suspends on it until resumed. */
  manual: boolean;
  startMs?: number;
  endMs?: number;
  state: JobState;
}

export interface JobErrorRecord {
  code: string;
  message: string;
  taskId?: string;
  creationMs: number;
}

export interface JobRecord {
  name: string;
  id: string;
  vault: VaultRecord;
  scenarioName: string;
  friendlyName: string;
  targetKind: "ProtectionEntity" | "RecoveryPlan";
  targetId: string;
  targetName: string;
  targetFriendlyName: string;
  state: JobState;
  startMs: number;
  endMs?: number;
  tasks: JobTask[];
  errors: JobErrorRecord[];
  timer?: ClockTimer;
  /** Undo bookkeeping when the job is cancelled (items not yet changed go back to idle). */
  onCancel?: () => void;
  /** Set while the job is suspended on a manual action. */
  resume?: () => void;
}

export interface OperationRecord {
  name: string;
  vault: VaultRecord;
  startMs: number;
  /** Id of the resource the final GET (Location) returns. */
  resultId: string;
  status(): { status: "InProgress" | "Succeeded" | "Failed" | "Canceled"; endMs?: number; error?: { code: string; message: string } };
}

export interface VaultRecord {
  spec: VaultSpec;
  id: string;
  fabrics: Map<string, FabricRecord>;
  items: ItemRecord[];
  plans: Map<string, RecoveryPlanRecord>;
  policies: Map<string, PolicySpec>;
  jobs: Map<string, JobRecord>;
  /** Newest first, as ASR lists them. */
  jobOrder: JobRecord[];
  operations: Map<string, OperationRecord>;
}

export interface FabricRecord {
  name: string;
  location: string;
  instanceType: string;
  id: string;
  containers: Map<string, ContainerRecord>;
}

export interface ContainerRecord {
  name: string;
  id: string;
  fabric: FabricRecord;
  items: ItemRecord[];
  itemsByName: Map<string, ItemRecord>;
}

export const DEFAULT_JOB_MINUTES: Record<JobScenario, number> = {
  TestFailover: 8,
  TestFailoverCleanup: 3,
  PlannedFailover: 10,
  UnplannedFailover: 6,
  Commit: 1,
  Reprotect: 10,
  CancelFailover: 3,
  RepairReplication: 5,
  InitialReplication: 30,
};

export function primaryRegionOf(item: ItemRecord): string {
  return item.reversed ? item.seededRecoveryRegion : item.seededPrimaryRegion;
}

export function recoveryRegionOf(item: ItemRecord): string {
  return item.reversed ? item.seededPrimaryRegion : item.seededRecoveryRegion;
}

/** Where the item's production VM runs now. */
export function runningRegionOf(item: ItemRecord): string {
  return item.stage === "FailedOver" || item.stage === "Committed" ? recoveryRegionOf(item) : primaryRegionOf(item);
}

export function vaultIdOf(estate: Estate, vault: string): string {
  return `/Subscriptions/${estate.subscriptionId}/resourceGroups/${estate.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault}`;
}

export function seedItem(vault: VaultRecord, fabric: FabricRecord, container: ContainerRecord, spec: ProtectedItemSpec, nowMs: number): ItemRecord {
  const policy = vault.policies.get(spec.policy.toLowerCase());
  if (!policy) throw new Error(`item ${spec.name}: unknown policy ${spec.policy}`);
  return {
    name: spec.name,
    vmName: spec.vmName,
    tier: spec.tier,
    provider: spec.instanceType,
    vault,
    fabric: fabric.name,
    container: container.name,
    id: `${container.id}/replicationProtectedItems/${spec.name}`,
    policy,
    baseRpoSeconds: spec.baseRpoSeconds ?? 60,
    seededPrimaryRegion: spec.primaryRegion,
    seededRecoveryRegion: spec.recoveryRegion,
    reversed: false,
    stage: "Protected",
    // Seeded items have been replicating for longer than any retention window.
    replicationSinceMs: nowMs - 7 * 24 * 3600_000,
  };
}
