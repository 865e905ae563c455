// Which Site Recovery call each kind of protected item needs for each step, and with which input. Pure
// descriptions: the activities pass `input` to `client.replicationProtectedItems[method]` as is.
//
// Provider rules (ASR's, as the SDK models them):
//  A2A                 no planned-failover input exists: a planned failover is an unplanned failover with
//                      `sourceSiteOperations: "Required"` (the source VMs are shut down first). Failback: reprotect,
//                      then fail over again in the other direction, commit, reprotect.
//  HyperVReplicaAzure  planned failover to Azure (`HyperVReplicaAzure`); failback is a planned failover back with
//                      `HyperVReplicaAzureFailback`, which synchronizes data itself, so ASR needs no reprotect
//                      first (the guard skips it when ASR offers the failback right away); the reprotect after
//                      failback starts replication to Azure again.
//  InMageRcm           (VMware/physical to Azure) no planned failover to Azure: the planned path is an unplanned
//                      failover with `performShutdown: "true"`. Failback: reprotect to on-premises (`InMageRcm`
//                      input naming the appliance's reprotect agent, the datastore and the log storage account), then
//                      a planned failover with `InMageRcmFailback`, commit, and a reprotect back to Azure
//                      (`InMageRcmFailback` input naming the process server and the replication policy). The SDK
//                      refuses to send either reprotect without those ids, so they come from live state.
// Recovery points: item inputs name a `recoveryPointId`. "latest" leaves it out (the service processes all pending
// data and fails over to the newest point); "latestProcessed" and "latestApplicationConsistent" pick an existing
// point, chosen by `chooseRecoveryPoint` from the item's list. InMageRcmFailback takes a point type instead.
import type { RecoveryPointChoice } from "@standby/client/contract";
import type { InMageRcmReprotectTargets } from "../live-state";
import type { FailoverDirection, ItemOperation } from "../plan/sequence";

export type ReplicationProvider = "A2A" | "HyperVReplicaAzure" | "InMageRcm";

export const SUPPORTED_PROVIDERS: readonly ReplicationProvider[] = ["A2A", "HyperVReplicaAzure", "InMageRcm"];

export type ItemMethod =
  | "beginTestFailover"
  | "beginTestFailoverCleanup"
  | "beginPlannedFailover"
  | "beginUnplannedFailover"
  | "beginFailoverCommit"
  | "beginReprotect";

/** One call to make on one item. */
export interface ItemCall {
  method: ItemMethod;
  /** ASR `allowedOperations` values that permit the call; any one of them suffices. */
  requires: string[];
  /** Job `scenarioName`s meaning this call already runs on the item (a previous attempt's job to adopt). */
  scenarios: string[];
  /** The SDK input (wire-shaped, with `properties`); absent for calls that take none. */
  input?: { properties: Record<string, unknown> };
  /**
   * The failover copies the pending changes itself before the machine moves (the planned failbacks to
   * on-premises), so no data is lost whatever the RPO and the guard does not hold it to the RPO budget.
   */
  synchronizesData?: boolean;
  /** Why the input cannot be made complete from what is known (an id live state did not give); the guard refuses. */
  incomplete?: string;
}

/**
 * A step a provider does not take (the item is skipped, not refused). No provider needs one at the moment: the
 * guard decides from live state when ASR offers a failback without reprotect. Callers still handle it.
 */
export interface NotApplicable {
  notApplicable: string;
}

export interface ItemCallOptions {
  direction: FailoverDirection;
  /** For failovers: the recovery point chosen by `chooseRecoveryPoint`, absent for "latest". */
  recoveryPointId?: string;
  /** The recovery point choice of the operation (InMageRcmFailback takes a type, not an id). */
  recoveryPoint?: RecoveryPointChoice;
  /** Planned failovers shut the source down first; unplanned ones do not wait for it. */
  plannedShutdown?: boolean;
  /** Test failover: the isolated network. */
  networkId?: string;
  /** Test failover cleanup: recorded by ASR with the job. */
  comments?: string;
  /** InMageRcm reprotects: the ids their inputs must name. */
  inMageRcm?: InMageRcmReprotectTargets;
}

export function isSupportedProvider(provider: string): provider is ReplicationProvider {
  return (SUPPORTED_PROVIDERS as readonly string[]).includes(provider);
}

/** The call `operation` needs on an item of `provider`. */
export function itemCall(provider: string, operation: ItemOperation, options: ItemCallOptions): ItemCall | NotApplicable {
  if (!isSupportedProvider(provider)) {
    throw new RangeError(`replication provider ${provider} is not supported; supported: ${SUPPORTED_PROVIDERS.join(", ")}`);
  }
  const { direction } = options;
  const withPoint = (details: Record<string, unknown>): Record<string, unknown> =>
    options.recoveryPointId === undefined ? details : { ...details, recoveryPointId: options.recoveryPointId };
  switch (operation) {
    case "testFailover":
      return {
        method: "beginTestFailover",
        requires: ["TestFailover"],
        scenarios: ["TestFailover"],
        input: {
          properties: {
            failoverDirection: direction,
            networkType: "VmNetworkAsInput",
            networkId: options.networkId,
            providerSpecificDetails: withPoint(
              provider === "InMageRcm" ? { instanceType: provider, networkId: options.networkId } : { instanceType: provider },
            ),
          },
        },
      };
    case "testFailoverCleanup":
      return {
        method: "beginTestFailoverCleanup",
        requires: ["TestFailoverCleanup"],
        scenarios: ["TestFailoverCleanup"],
        input: { properties: { comments: options.comments ?? "Standby drill cleanup" } },
      };
    case "plannedFailover":
      return plannedFailover(provider, options, withPoint);
    case "unplannedFailover":
      return unplannedFailover(provider, direction, false, withPoint);
    case "commit":
      return { method: "beginFailoverCommit", requires: ["Commit"], scenarios: COMMIT_SCENARIOS };
    case "reprotect":
      return reprotect(provider, direction, options.inMageRcm);
  }
}

/**
 * Job scenario names, as Site Recovery reports them in `currentScenario` and on jobs. They differ from the operation
 * names in `allowedOperations`: the official examples show a commit job as "CommitFailover" and a reprotect job as
 * "ReverseReplication"; A2A's reprotect may also run as "SwitchProtection". A name missing here turns a job to adopt
 * after a crash into a "busy" refusal, so the older spellings stay accepted.
 */
export const FAILOVER_SCENARIOS = ["PlannedFailover", "UnplannedFailover", "Failover", "Failback"];
const COMMIT_SCENARIOS = ["CommitFailover", "Commit"];

function plannedFailover(
  provider: ReplicationProvider,
  options: ItemCallOptions,
  withPoint: (details: Record<string, unknown>) => Record<string, unknown>,
): ItemCall {
  const { direction } = options;
  if (provider === "A2A") return unplannedFailover(provider, direction, true, withPoint);
  if (provider === "HyperVReplicaAzure") {
    const providerSpecificDetails =
      direction === "PrimaryToRecovery"
        ? withPoint({ instanceType: "HyperVReplicaAzure" })
        : // Synchronize before shutting the Azure VM down (shortest downtime); recreate the on-premises VM if it is gone.
          { instanceType: "HyperVReplicaAzureFailback", dataSyncOption: "ForDownTime", recoveryVmCreationOption: "CreateVmIfNotFound" };
    return {
      method: "beginPlannedFailover",
      requires: direction === "PrimaryToRecovery" ? ["PlannedFailover"] : ["PlannedFailover", "Failback"],
      scenarios: FAILOVER_SCENARIOS,
      input: { properties: { failoverDirection: direction, providerSpecificDetails } },
      ...(direction === "RecoveryToPrimary" ? { synchronizesData: true } : {}),
    };
  }
  if (direction === "PrimaryToRecovery") return unplannedFailover(provider, direction, true, withPoint);
  return {
    method: "beginPlannedFailover",
    requires: ["PlannedFailover", "Failback"],
    scenarios: FAILOVER_SCENARIOS,
    synchronizesData: true,
    input: {
      properties: {
        failoverDirection: direction,
        providerSpecificDetails: {
          instanceType: "InMageRcmFailback",
          recoveryPointType: options.recoveryPoint === "latestApplicationConsistent" ? "ApplicationConsistent" : "CrashConsistent",
        },
      },
    },
  };
}

function unplannedFailover(
  provider: ReplicationProvider,
  direction: FailoverDirection,
  shutDownSource: boolean,
  withPoint: (details: Record<string, unknown>) => Record<string, unknown>,
): ItemCall {
  const details: Record<string, unknown> =
    provider === "InMageRcm"
      ? { instanceType: provider, performShutdown: shutDownSource ? "true" : "false" }
      : { instanceType: provider };
  return {
    method: "beginUnplannedFailover",
    requires: ["UnplannedFailover"],
    scenarios: FAILOVER_SCENARIOS,
    input: {
      properties: {
        failoverDirection: direction,
        sourceSiteOperations: shutDownSource ? "Required" : "NotRequired",
        providerSpecificDetails: withPoint(details),
      },
    },
  };
}

const REPROTECT_SCENARIOS = ["ReverseReplication", "SwitchProtection", "Reprotect", "ReverseReplicate"];

function reprotect(provider: ReplicationProvider, direction: FailoverDirection, targets: InMageRcmReprotectTargets = {}): ItemCall {
  const call = (providerSpecificDetails: Record<string, unknown>, incomplete?: string): ItemCall => ({
    method: "beginReprotect",
    requires: ["ReverseReplicate"],
    scenarios: REPROTECT_SCENARIOS,
    input: { properties: { failoverDirection: direction, providerSpecificDetails } },
    ...(incomplete === undefined ? {} : { incomplete }),
  });
  if (provider !== "InMageRcm") return call({ instanceType: provider });
  if (direction === "RecoveryToPrimary") {
    const { reprotectAgentId, datastoreName, logStorageAccountId, policyId } = targets;
    return call(
      {
        instanceType: "InMageRcm",
        reprotectAgentId,
        datastoreName,
        logStorageAccountId,
        // Optional: without it ASR uses the failback policy it paired with the replication policy.
        ...(policyId === undefined ? {} : { policyId }),
      },
      missing({ reprotectAgentId, datastoreName, logStorageAccountId }, "the reprotect to on-premises"),
    );
  }
  const { processServerId, runAsAccountId, policyId } = targets;
  return call(
    { instanceType: "InMageRcmFailback", processServerId, policyId, ...(runAsAccountId === undefined ? {} : { runAsAccountId }) },
    missing({ processServerId, policyId }, "the reprotect back to Azure"),
  );
}

function missing(ids: Record<string, string | undefined>, what: string): string | undefined {
  const absent = Object.keys(ids).filter((key) => ids[key] === undefined || ids[key] === "");
  return absent.length === 0 ? undefined : `${what} needs ${absent.join(", ")}, which Site Recovery did not report`;
}

/** A recovery point of an item, as listed by ASR (`recoveryPoints.listByReplicationProtectedItems`). */
export interface RecoveryPoint {
  id: string;
  /** Epoch ms of `recoveryPointTime`. */
  timeMs: number;
  /** ASR's `recoveryPointType`, e.g. CrashConsistent, AppConsistent. */
  type?: string;
}

/**
 * The recovery point id a failover should name for `choice`: undefined for "latest" (leave it out, the service
 * processes pending data), the newest point for "latestProcessed", the newest application-consistent one for
 * "latestApplicationConsistent". Throws when no point fits, so the item fails with a reason rather than silently
 * failing over to something else.
 */
export function chooseRecoveryPoint(points: readonly RecoveryPoint[], choice: RecoveryPointChoice): string | undefined {
  if (choice === "latest") return undefined;
  const candidates = choice === "latestApplicationConsistent" ? points.filter((point) => isAppConsistent(point.type)) : points;
  const newest = candidates.reduce<RecoveryPoint | undefined>(
    (best, point) => (best === undefined || point.timeMs > best.timeMs ? point : best),
    undefined,
  );
  if (newest === undefined) {
    throw new RangeError(
      choice === "latestApplicationConsistent" ? "the item has no application-consistent recovery point" : "the item has no recovery point",
    );
  }
  return newest.id;
}

/** Whether the failover this call makes needs `chooseRecoveryPoint` first (only failovers to an item's points do). */
export function needsRecoveryPointId(provider: string, operation: ItemOperation, direction: FailoverDirection): boolean {
  if (operation !== "testFailover" && operation !== "plannedFailover" && operation !== "unplannedFailover") return false;
  if (operation === "plannedFailover" && direction === "RecoveryToPrimary" && provider !== "A2A") return false;
  return true;
}

function isAppConsistent(type: string | undefined): boolean {
  return type !== undefined && /^app(lication)?consistent$/i.test(type);
}
