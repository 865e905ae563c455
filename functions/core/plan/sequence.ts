// The ordered stages of an operation, derived from a plan. Orchestrations walk these stages in order; progress,
// reports and the critical-path figure are computed from the same list, so what runs and what is shown agree.
//
// failover  per group in plan order: before-actions, the group's items in parallel (bounded), after-actions; then the
//           Traffic Manager switch to the standby endpoint.
// commit    every group's items, in plan order.
// failback  reprotect (replication runs back towards the primary region), wait until that replication is healthy,
//           then per group IN THE SAME ORDER as failover: before-actions, planned failover back, after-actions;
//           then commit, reprotect towards the recovery region again, and traffic back to the primary endpoint.
//           The same order, not the reverse: the data tier must be up before the tiers that connect to it, in
//           whichever region they come up. Once every group has failed back, the machines run in the primary region
//           and the standby ones are shut down, so traffic goes back even when the commit or the last reprotect
//           then fails: leaving it on the standby endpoint would point users at machines that no longer run.
// drill     per group in plan order: test failover of the items into the isolated network; then the drill probes;
//           then test-failover cleanup of every item, marked `always` so it runs whatever happened before. Group
//           actions do not run in a drill: webhooks and runbooks act on production systems and approvals need a
//           person, while a drill must be unattended and leave production untouched.
import type { OperationKind, PlanAction, Plan, ProbeAction } from "@standby/client/contract";
import { PLAN_DEFAULTS } from "@standby/client/contract";

/** What happens to each item of an items stage (ASR's actions, named once). */
export type ItemOperation =
  | "testFailover"
  | "testFailoverCleanup"
  | "plannedFailover"
  | "unplannedFailover"
  | "commit"
  | "reprotect";

export type FailoverDirection = "PrimaryToRecovery" | "RecoveryToPrimary";

export type FailoverMode = "planned" | "unplanned";

interface StageBase {
  /** Unique within the operation and stable across replays, e.g. `failover/db/items`. */
  id: string;
  /** Shown in progress and reports. */
  name: string;
  /** The plan group, when the stage belongs to one. */
  group?: string;
  /** Runs even when an earlier stage failed or the operation was canceled (drill cleanup). */
  always?: boolean;
  /**
   * Runs even after a failure, when the first failure came in a stage whose id starts with one of these prefixes
   * (failback's traffic after a failed commit or reprotect). Not after a cancel: the operator asked to stop.
   */
  runsDespiteFailureIn?: string[];
}

export interface ItemsStage extends StageBase {
  type: "items";
  operation: ItemOperation;
  /** Failover direction for failovers; for reprotect, the direction replication runs afterwards. */
  direction: FailoverDirection;
  /** The plan's item references, in plan order. */
  items: string[];
  maxParallel: number;
}

export interface ActionStage extends StageBase {
  type: "action";
  phase: "before" | "after" | "drill";
  action: PlanAction;
}

/**
 * Failback only: wait until the replication that reprotect started is healthy again (initial replication done).
 * An item whose reprotect the guard skipped because Site Recovery fails it back right away (Hyper-V) has no such
 * replication to wait for, so it does not belong in the wait.
 */
export interface WaitForReplicationStage extends StageBase {
  type: "waitForHealthyReplication";
  items: string[];
}

export interface TrafficStage extends StageBase {
  type: "traffic";
  /** Which endpoint takes the traffic afterwards. */
  activate: "standby" | "primary";
}

export type Stage = ItemsStage | ActionStage | WaitForReplicationStage | TrafficStage;

export interface SequenceOptions {
  /** Failover and failback: planned (source shut down cleanly first) or unplanned. Default planned. */
  mode?: FailoverMode;
}

const FAILBACK_COMMIT = "failback-commit";
const FAILBACK_PROTECT = "protect";

/** The stages of `kind` for `plan`. */
export function sequenceOperation(plan: Plan, kind: OperationKind, options: SequenceOptions = {}): Stage[] {
  const mode = options.mode ?? "planned";
  switch (kind) {
    case "failover":
      return [
        ...groupStages(plan, "failover", mode === "planned" ? "plannedFailover" : "unplannedFailover", "PrimaryToRecovery", true),
        ...trafficStages(plan, "standby"),
      ];
    case "commit":
      return groupStages(plan, "commit", "commit", "PrimaryToRecovery", false);
    case "failback":
      return [
        ...groupStages(plan, "reprotect", "reprotect", "RecoveryToPrimary", false),
        {
          type: "waitForHealthyReplication",
          id: "replication/healthy",
          name: "Wait until replication towards the primary region is healthy",
          items: allItems(plan),
        },
        ...groupStages(plan, "failback", mode === "planned" ? "plannedFailover" : "unplannedFailover", "RecoveryToPrimary", true),
        ...groupStages(plan, FAILBACK_COMMIT, "commit", "RecoveryToPrimary", false),
        ...groupStages(plan, FAILBACK_PROTECT, "reprotect", "PrimaryToRecovery", false),
        ...trafficStages(plan, "primary").map((stage) => ({ ...stage, runsDespiteFailureIn: [`${FAILBACK_COMMIT}/`, `${FAILBACK_PROTECT}/`] })),
      ];
    case "drill":
      return drillStages(plan);
    default:
      throw new RangeError(`unknown operation kind ${String(kind)}`);
  }
}

const OPERATION_VERB: Record<ItemOperation, string> = {
  testFailover: "Test failover",
  testFailoverCleanup: "Clean up test failover",
  plannedFailover: "Planned failover",
  unplannedFailover: "Unplanned failover",
  commit: "Commit",
  reprotect: "Reprotect",
};

function groupStages(
  plan: Plan,
  prefix: string,
  operation: ItemOperation,
  direction: FailoverDirection,
  withActions: boolean,
): Stage[] {
  const maxParallel = plan.failover?.maxParallelItems ?? PLAN_DEFAULTS.maxParallelItems;
  return plan.groups.flatMap((group): Stage[] => {
    const actions = (phase: "before" | "after", list: PlanAction[] | undefined): ActionStage[] =>
      withActions
        ? (list ?? []).map((action, index) => ({
            type: "action",
            id: `${prefix}/${group.name}/${phase}/${index}`,
            name: action.name ?? describeAction(action),
            group: group.name,
            phase,
            action,
          }))
        : [];
    return [
      ...actions("before", group.before),
      {
        type: "items",
        id: `${prefix}/${group.name}/items`,
        name: `${OPERATION_VERB[operation]} of group ${group.name}`,
        group: group.name,
        operation,
        direction,
        items: [...group.items],
        maxParallel,
      },
      ...actions("after", group.after),
    ];
  });
}

function trafficStages(plan: Plan, activate: "standby" | "primary"): TrafficStage[] {
  if (plan.traffic === undefined) return [];
  const endpoint = activate === "standby" ? plan.traffic.standbyEndpoint : plan.traffic.primaryEndpoint;
  return [{ type: "traffic", id: "traffic", name: `Switch traffic to ${endpoint}`, activate }];
}

function drillStages(plan: Plan): Stage[] {
  const maxParallel = plan.failover?.maxParallelItems ?? PLAN_DEFAULTS.maxParallelItems;
  const testFailovers: ItemsStage[] = plan.groups.map((group) => ({
    type: "items",
    id: `drill/${group.name}/items`,
    name: `Test failover of group ${group.name}`,
    group: group.name,
    operation: "testFailover",
    direction: "PrimaryToRecovery",
    items: [...group.items],
    maxParallel,
  }));
  const probes: ActionStage[] = (plan.drill?.probes ?? []).map((probe: ProbeAction, index) => ({
    type: "action",
    id: `drill/probes/${index}`,
    name: probe.name ?? describeAction(probe),
    phase: "drill",
    action: probe,
  }));
  const cleanup: ItemsStage = {
    type: "items",
    id: "drill/cleanup",
    name: "Clean up test failover",
    operation: "testFailoverCleanup",
    direction: "PrimaryToRecovery",
    items: allItems(plan),
    maxParallel,
    always: true,
  };
  return [...testFailovers, ...probes, cleanup];
}

function allItems(plan: Plan): string[] {
  return plan.groups.flatMap((group) => group.items);
}

/** A short default name for an action without one. */
export function describeAction(action: PlanAction): string {
  switch (action.type) {
    case "webhook":
      return `Webhook ${hostOf(action.url)}`;
    case "runbook":
      return `Runbook ${action.runbookId.split("/").pop() ?? action.runbookId}`;
    case "approval":
      return "Approval";
    case "probe":
      return `Probe ${hostOf(action.url)}`;
    case "delay":
      return `Wait ${action.seconds} s`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
