// The failover guard: before an operation acts on its items, decide for each item whether to proceed, adopt a job
// already running for the same step (a previous attempt crashed after starting it), skip it (already in the
// target state, or the step is not needed for it) or refuse, with the reason in words. One refused item
// refuses the operation, so nothing starts half-way for a reason known up front.
import { ActiveLocation, type ProtectedItemState } from "../live-state";
import { itemFinder } from "../plan/item-ref";
import type { FailoverDirection, ItemOperation } from "../plan/sequence";
import { isSupportedProvider, itemCall, type ItemCall, type ItemCallOptions } from "./provider-input";

export interface GuardRequest {
  operation: ItemOperation;
  /**
   * Not used for test failovers: a drill tests each item the way it is protected now, which only its live state
   * tells (see `testFailoverDirection`), and Site Recovery refuses a test failover against the replication.
   */
  direction: FailoverDirection;
  /** The plan's RPO objective: a failover of an item whose RPO is worse is refused unless forced. */
  rpoBudgetSeconds: number;
  /** Accept an RPO over budget (or unknown): the operator knowingly trades data for time. */
  force?: boolean;
  /** What the call needs besides the direction (test network, recovery point, comments), so `call` is complete. */
  callOptions?: Omit<ItemCallOptions, "direction">;
}

export type ItemDecision = "proceed" | "adopt" | "skip" | "refuse";

export interface ItemVerdict {
  /** The item as the plan names it. */
  item: string;
  /** Its resource id, when found. */
  itemId?: string;
  decision: ItemDecision;
  /** Why, for everything but a plain proceed. */
  reason?: string;
  /** The running job to watch, for adopt. */
  jobId?: string;
  /** The call to make, for proceed. */
  call?: ItemCall;
}

export interface GuardResult {
  allowed: boolean;
  items: ItemVerdict[];
  /** One line per refused item: `item: reason`. */
  refusals: string[];
}

const FAILOVERS: ReadonlySet<ItemOperation> = new Set(["plannedFailover", "unplannedFailover"]);

/** The verdict for every item the step covers; `allowed` only when none is refused. */
export function guardItems(items: readonly string[], states: readonly ProtectedItemState[], request: GuardRequest): GuardResult {
  const find = itemFinder(states);
  const verdicts = items.map((item) => guardItem(item, find(item), request));
  const refusals = verdicts.filter((verdict) => verdict.decision === "refuse").map((verdict) => `${verdict.item}: ${verdict.reason}`);
  return { allowed: refusals.length === 0, items: verdicts, refusals };
}

export function guardItem(item: string, state: ProtectedItemState | undefined, request: GuardRequest): ItemVerdict {
  if (state === undefined) return { item, decision: "refuse", reason: "no such protected item in the vault" };
  const base = { item, itemId: state.id };
  if (!isSupportedProvider(state.provider)) {
    return { ...base, decision: "refuse", reason: `replication provider ${state.provider} is not supported` };
  }
  const call = itemCall(state.provider, request.operation, {
    ...(state.inMageRcm === undefined ? {} : { inMageRcm: state.inMageRcm }),
    ...request.callOptions,
    direction: request.operation === "testFailover" ? testFailoverDirection(state) : request.direction,
  });
  if ("notApplicable" in call) return { ...base, decision: "skip", reason: call.notApplicable };

  const running = state.currentScenario;
  if (running !== undefined && running.scenarioName.toLowerCase() !== "none") {
    const same = call.scenarios.some((scenario) => scenario.toLowerCase() === running.scenarioName.toLowerCase());
    if (same) return { ...base, decision: "adopt", jobId: running.jobId, reason: `${running.scenarioName} already running` };
    const job = running.jobId ? ` (job ${lastSegment(running.jobId)})` : "";
    return { ...base, decision: "refuse", reason: `busy with ${running.scenarioName}${job}` };
  }

  const done = alreadyDone(state, request, call);
  if (done !== undefined) return { ...base, decision: "skip", reason: done };

  const allowed = state.allowedOperations.map((operation) => operation.toLowerCase());
  if (!call.requires.some((operation) => allowed.includes(operation.toLowerCase()))) {
    if (request.operation === "testFailover") return { ...base, decision: "refuse", reason: noTestFailover(state) };
    const now = state.allowedOperations.length > 0 ? state.allowedOperations.join(", ") : "none";
    return { ...base, decision: "refuse", reason: `Site Recovery does not allow ${call.requires.join(" or ")} now (allowed: ${now})` };
  }

  // The RPO measures what a failover would lose; a failback that synchronizes first loses nothing (and an item
  // running in Azure replicates nowhere, so it reports no RPO at all).
  if (FAILOVERS.has(request.operation) && call.synchronizesData !== true && request.force !== true) {
    const rpo = state.rpoSeconds;
    if (rpo === undefined || rpo === null) {
      return { ...base, decision: "refuse", reason: "RPO unknown (no recovery point reported); force to fail over anyway" };
    }
    if (rpo > request.rpoBudgetSeconds) {
      return {
        ...base,
        decision: "refuse",
        reason: `RPO ${Math.round(rpo)} s is over the budget of ${request.rpoBudgetSeconds} s; force to accept the data loss`,
      };
    }
  }
  if (call.incomplete !== undefined) return { ...base, decision: "refuse", reason: call.incomplete };
  return { ...base, decision: "proceed", call };
}

/**
 * The direction of an item's test failover: the way it replicates now, as Site Recovery refuses a test failover
 * against the replication. An item failed over, committed and reprotected runs in the recovery region and is
 * protected from there back to the primary one: it shows `activeLocation` Recovery and tests RecoveryToPrimary.
 */
export function testFailoverDirection(state: ProtectedItemState): FailoverDirection {
  return activeInRecovery(state) ? "RecoveryToPrimary" : "PrimaryToRecovery";
}

/** Site Recovery shows the item's `activeLocation` as Recovery (relative to the current replication direction). */
function activeInRecovery(state: ProtectedItemState): boolean {
  return state.activeLocation?.toLowerCase() === ActiveLocation.recovery.toLowerCase();
}

/** Why Site Recovery allows the item no test failover now, in words an operator can act on. */
function noTestFailover(state: ProtectedItemState): string {
  const allowed = state.allowedOperations.length > 0 ? state.allowedOperations.join(", ") : "none";
  const protection = `protection state ${state.protectionState ?? "unknown"}; Site Recovery allows ${allowed}`;
  return activeInRecovery(state)
    ? `no test failover possible: the machine runs in the recovery region and is not protected back yet (${protection}); finish its failover (commit, reprotect) and let replication catch up before a drill`
    : `no test failover possible in its current state (${protection})`;
}

/**
 * Why the item needs nothing for this step, or undefined when it does. `activeLocation` is relative to the current
 * replication direction, as ASR reports it: `Recovery` right after a failover (either way) and after its commit,
 * `Primary` when idle and again after reprotect, which makes the side the machine runs on the new primary.
 */
function alreadyDone(state: ProtectedItemState, request: GuardRequest, call: ItemCall): string | undefined {
  const failedOver = activeInRecovery(state);
  const allows = (operation: string) => state.allowedOperations.some((allowed) => allowed.toLowerCase() === operation.toLowerCase());
  const testState = state.testFailoverState?.toLowerCase();
  switch (request.operation) {
    case "testFailover":
      return testState === "waitingforcompletion" ? "test failover already done, waiting for cleanup" : undefined;
    case "testFailoverCleanup":
      return !allows("TestFailoverCleanup") && (testState === undefined || testState === "none")
        ? "no test failover to clean up"
        : undefined;
    case "plannedFailover":
    case "unplannedFailover":
      return failedOver && !call.requires.some(allows) ? "already failed over" : undefined;
    case "commit":
      return failedOver && !allows("Commit") ? "failover already committed" : undefined;
    case "reprotect":
      if (allows("ReverseReplicate")) return undefined;
      if (!failedOver) return "replication already runs from where the machine runs";
      // Hyper-V fails back from Azure with a planned failover that synchronizes data itself.
      return allows("Failback") || allows("PlannedFailover") ? "the item fails back without a reprotect" : undefined;
  }
}

function lastSegment(id: string): string {
  return id.split("/").filter(Boolean).pop() ?? id;
}
