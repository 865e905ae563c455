// Site Recovery activities: each reads ARM state before it acts, so running one twice (the host died after the
// POST but before the result was recorded) adopts the job the first run started instead of starting another.
// None of them waits for a job: they start it and return its id, and the item orchestration watches it on
// durable timers.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import { chooseRecoveryPoint, FAILOVER_SCENARIOS, needsRecoveryPointId, type ItemCall, type RecoveryPoint } from "../../core/failover/provider-input";
import { guardItem, guardItems } from "../../core/failover/guard";
import type { ProtectedItemState } from "../../core/live-state";
import { AllowedOperation } from "../../core/live-state";
import { findItem } from "../../core/plan/item-ref";
import type { RecoveryPointChoice, VaultReference } from "@standby/client/contract";
import type {
  CancelItemActionInput,
  CancelItemActionResult,
  ItemHealth,
  JobStatus,
  PreflightInput,
  PreflightResult,
  ReadJobInput,
  ReplicationHealthInput,
  StartItemActionInput,
  StartItemActionResult,
} from "../contracts";
import { readInMageRcmTargets } from "./inmage-rcm-targets";
import { jobName, parseItemId, toItemState, type ItemPath } from "./item-state";
import type { SiteRecoveryApi, SiteRecoveryFor } from "./site-recovery-api";

export interface SiteRecoveryActivityDeps {
  siteRecovery: SiteRecoveryFor;
}

export interface SiteRecoveryActivities {
  preflightItems(input: PreflightInput): Promise<PreflightResult>;
  startItemAction(input: StartItemActionInput): Promise<StartItemActionResult>;
  readJob(input: ReadJobInput): Promise<JobStatus>;
  cancelItemAction(input: CancelItemActionInput): Promise<CancelItemActionResult>;
  readReplicationHealth(input: ReplicationHealthInput): Promise<ItemHealth[]>;
}

/** A test failover already done on the item that succeeded since this run asked for it: its own, found after a crash. */
function isOwnTestFailover(input: StartItemActionInput, state: ProtectedItemState): boolean {
  if (input.operation !== "testFailover" || input.ownTestFailoverSinceMs === undefined || state.lastTestFailoverMs === undefined) return false;
  return state.testFailoverState?.toLowerCase() === "waitingforcompletion" && state.lastTestFailoverMs >= input.ownTestFailoverSinceMs;
}

/** The jobs a cancel of the operation stops: failovers (planned, unplanned, failback), nothing else. */
const CANCELABLE_SCENARIOS = new Set(FAILOVER_SCENARIOS.map((scenario) => scenario.toLowerCase()));
const ENDED_JOB_STATES = new Set(["succeeded", "failed", "cancelled", "canceled", "suspended"]);

export function createSiteRecoveryActivities(deps: SiteRecoveryActivityDeps): SiteRecoveryActivities {
  const listItems = async (vault: VaultReference): Promise<ProtectedItemState[]> => {
    const states: ProtectedItemState[] = [];
    for await (const item of deps.siteRecovery(vault.subscriptionId).replicationProtectedItems.list(vault.name, vault.resourceGroup)) {
      states.push(toItemState(item));
    }
    return states;
  };

  // InMageRcm reprotect inputs name ids from the item's fabric and the vault's policies; other steps need none.
  const withReprotectTargets = async (state: ProtectedItemState, operation: string, read: () => Promise<ReplicationProtectedItem>): Promise<ProtectedItemState> => {
    if (operation !== "reprotect" || state.provider !== "InMageRcm") return state;
    const path = parseItemId(state.id);
    const client = deps.siteRecovery(path.subscriptionId);
    return { ...state, inMageRcm: await readInMageRcmTargets(client, path, await read()) };
  };

  const getItem = async (client: SiteRecoveryApi, path: ItemPath): Promise<ReplicationProtectedItem> =>
    client.replicationProtectedItems.get(path.vault, path.resourceGroup, path.fabric, path.container, path.name);

  return {
    async preflightItems(input) {
      const listed = await listItems(input.vault);
      const wanted = new Set(input.items.map((item) => findItem(item, listed)?.id).filter((id): id is string => id !== undefined));
      const states = await Promise.all(
        listed.map((state) =>
          wanted.has(state.id)
            ? withReprotectTargets(state, input.operation, () => {
                const path = parseItemId(state.id);
                return getItem(deps.siteRecovery(path.subscriptionId), path);
              })
            : state,
        ),
      );
      const result = guardItems(input.items, states, {
        operation: input.operation,
        direction: input.direction,
        rpoBudgetSeconds: input.rpoBudgetSeconds,
        ...(input.force === undefined ? {} : { force: input.force }),
      });
      return {
        allowed: result.allowed,
        refusals: result.refusals,
        items: result.items.map(({ item, itemId, decision, reason }) => ({
          item,
          decision,
          ...(itemId === undefined ? {} : { itemId }),
          ...(reason === undefined ? {} : { reason }),
        })),
      };
    },

    async startItemAction(input): Promise<StartItemActionResult> {
      const path = parseItemId(input.itemId);
      const client = deps.siteRecovery(path.subscriptionId);
      const item = await getItem(client, path);
      const state = await withReprotectTargets(toItemState(item), input.operation, async () => item);
      // The point is read before the guard so an adopted job reports the point it was started from, like a new one.
      const point = needsRecoveryPointId(state.provider, input.operation, input.direction) ? await choosePoint(client, path, input.recoveryPoint) : {};
      const verdict = guardItem(input.item, state, {
        operation: input.operation,
        direction: input.direction,
        rpoBudgetSeconds: input.rpoBudgetSeconds,
        ...(input.force === undefined ? {} : { force: input.force }),
        callOptions: {
          ...(input.networkId === undefined ? {} : { networkId: input.networkId }),
          ...(point.id === undefined ? {} : { recoveryPointId: point.id }),
        },
      });
      const pointTime = point.timeMs === undefined ? {} : { recoveryPointTimeMs: point.timeMs };
      switch (verdict.decision) {
        case "skip":
          return { outcome: "skipped", reason: verdict.reason ?? "nothing to do", ...(isOwnTestFailover(input, state) ? { doneByThisRun: true } : {}) };
        case "refuse":
          return { outcome: "refused", reason: verdict.reason ?? "refused" };
        case "adopt":
          if (verdict.jobId !== undefined) return { outcome: "started", jobId: verdict.jobId, adopted: true, ...pointTime };
          return { outcome: "refused", reason: `${verdict.reason ?? "a job runs"} but Site Recovery names no job id to watch` };
        case "proceed":
          break;
      }
      // A missing point stops only an item that would act: one already done or already running is not refused for it.
      if (point.missing !== undefined) return { outcome: "refused", reason: point.missing };

      const call = verdict.call as ItemCall;
      const pollerState = await beginCall(client, path, call);
      const jobId = toItemState(await getItem(client, path)).currentScenario?.jobId ?? jobIdFromPollerState(pollerState);
      if (jobId === undefined) {
        throw new Error(`Site Recovery accepted ${call.method} on ${input.item} but reported no job to watch`);
      }
      return {
        outcome: "started",
        jobId,
        adopted: false,
        pollerState,
        ...pointTime,
        ...lostData(input, state),
      };
    },

    async readJob(input) {
      const job = await deps.siteRecovery(input.vault.subscriptionId).replicationJobs.get(input.vault.name, input.vault.resourceGroup, jobName(input.jobId));
      const state = job.properties?.state ?? "Unknown";
      const lower = state.toLowerCase();
      const succeeded = lower === "succeeded";
      const ended = ENDED_JOB_STATES.has(lower);
      if (!ended || succeeded) return { jobId: input.jobId, state, ended, succeeded };
      const first = job.properties?.errors?.[0];
      const service = first?.serviceErrorDetails;
      const provider = first?.providerErrorDetails;
      const fallback =
        lower === "suspended"
          ? "the job is suspended and waits for a resume in Site Recovery"
          : `the job ended ${state}${job.properties?.stateDescription ? ` (${job.properties.stateDescription})` : ""}`;
      const error = {
        code: service?.code ?? (provider?.errorCode === undefined ? `Job${state}` : String(provider.errorCode)),
        message: service?.message ?? provider?.errorMessage ?? fallback,
      };
      return { jobId: input.jobId, state, ended, succeeded, error };
    },

    async cancelItemAction(input) {
      const path = parseItemId(input.itemId);
      const client = deps.siteRecovery(path.subscriptionId);
      const state = toItemState(await getItem(client, path));
      const allows = (operation: string) => state.allowedOperations.some((allowed) => allowed.toLowerCase() === operation.toLowerCase());
      if (allows(AllowedOperation.cancelFailover)) {
        await client.replicationProtectedItems.beginFailoverCancel(path.vault, path.resourceGroup, path.fabric, path.container, path.name);
        return { action: "failoverCancel" };
      }
      const running = state.currentScenario;
      // Only a failover's own job: a commit ("CommitFailover") or a test failover cleanup must not be canceled.
      if (running?.jobId !== undefined && CANCELABLE_SCENARIOS.has(running.scenarioName.toLowerCase())) {
        await client.replicationJobs.beginCancel(path.vault, path.resourceGroup, jobName(running.jobId));
        return { action: "jobCancel" };
      }
      return { action: "none", reason: "Site Recovery allows no cancel for the item now" };
    },

    async readReplicationHealth(input) {
      const states = await listItems(input.vault);
      return input.itemIds.map((itemId): ItemHealth => {
        const state = findItem(itemId, states);
        if (state === undefined) return { itemId, healthy: false, reason: "no such protected item in the vault" };
        if (state.currentScenario !== undefined) {
          return { itemId, healthy: false, reason: `${state.currentScenario.scenarioName} still running` };
        }
        if (state.replicationHealth?.toLowerCase() !== "normal") {
          return { itemId, healthy: false, reason: `replication health is ${state.replicationHealth ?? "unknown"}` };
        }
        return { itemId, healthy: true };
      });
    },
  };
}

async function listRecoveryPoints(client: SiteRecoveryApi, path: ItemPath): Promise<RecoveryPoint[]> {
  const points: RecoveryPoint[] = [];
  for await (const point of client.recoveryPoints.listByReplicationProtectedItems(path.vault, path.resourceGroup, path.fabric, path.container, path.name)) {
    const time = point.properties?.recoveryPointTime;
    if (point.id === undefined || time === undefined) continue;
    points.push({
      id: point.id,
      timeMs: new Date(time).getTime(),
      ...(point.properties?.recoveryPointType === undefined ? {} : { type: point.properties.recoveryPointType }),
    });
  }
  return points;
}

/** The point an action names: none for "latest", else the chosen one with its time, or why no point fits. */
interface ChosenPoint {
  id?: string;
  timeMs?: number;
  missing?: string;
}

async function choosePoint(client: SiteRecoveryApi, path: ItemPath, choice: RecoveryPointChoice): Promise<ChosenPoint> {
  if (choice === "latest") return {};
  const points = await listRecoveryPoints(client, path);
  try {
    const id = chooseRecoveryPoint(points, choice) as string;
    const timeMs = points.find((point) => point.id === id)?.timeMs;
    return timeMs === undefined ? { id } : { id, timeMs };
  } catch (error) {
    return { missing: (error as Error).message };
  }
}

/**
 * A failover to "latest" names no point: the data lost is what had not reached the recovery side, the item's RPO
 * when it started. A test failover loses nothing (production keeps running), so it reports no such figure.
 */
function lostData(input: StartItemActionInput, state: ProtectedItemState): { rpoSeconds?: number } {
  const failover = input.operation === "plannedFailover" || input.operation === "unplannedFailover";
  if (!failover || input.recoveryPoint !== "latest" || !needsRecoveryPointId(state.provider, input.operation, input.direction)) return {};
  return { rpoSeconds: state.rpoSeconds ?? 0 };
}

/** Sends the action (the POST) and returns the poller's saved state; it does not wait for the job. */
async function beginCall(client: SiteRecoveryApi, path: ItemPath, call: ItemCall): Promise<string> {
  const items = client.replicationProtectedItems;
  const at = [path.vault, path.resourceGroup, path.fabric, path.container, path.name] as const;
  const input = (call.input ?? { properties: {} }) as never;
  switch (call.method) {
    case "beginPlannedFailover":
      return (await items.beginPlannedFailover(...at, input)).toString();
    case "beginUnplannedFailover":
      return (await items.beginUnplannedFailover(...at, input)).toString();
    case "beginFailoverCommit":
      return (await items.beginFailoverCommit(...at)).toString();
    case "beginReprotect":
      return (await items.beginReprotect(...at, input)).toString();
    case "beginTestFailover":
      return (await items.beginTestFailover(...at, input)).toString();
    case "beginTestFailoverCleanup":
      return (await items.beginTestFailoverCleanup(...at, input)).toString();
  }
}

// Site Recovery's Location header ends in `operationresults/{jobName}`; the job lives under the vault.
function jobIdFromPollerState(pollerState: string): string | undefined {
  const match = /(\/subscriptions\/[^"?]+?\/vaults\/[^/"?]+)\/[^"?]*operationresults\/([^/"?]+)/i.exec(pollerState);
  return match === null ? undefined : `${match[1]}/replicationJobs/${match[2]}`;
}
