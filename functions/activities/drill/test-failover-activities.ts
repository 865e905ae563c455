// Site Recovery activities of a drill: start one item's test failover into the plan's test network from a chosen
// recovery point, and check afterwards that no item of the plan is left with a test failover. Like every Site
// Recovery activity they read ARM state first, so running one twice adopts the job the first run started.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import { guardItem } from "../../core/failover/guard";
import { chooseRecoveryPoint, type ItemCall, type RecoveryPoint } from "../../core/failover/provider-input";
import type { ProtectedItemState } from "../../core/live-state";
import { AllowedOperation } from "../../core/live-state";
import { findItem } from "../../core/plan/item-ref";
import { parseItemId, toItemState, type ItemPath } from "../site-recovery/item-state";
import type { SiteRecoveryApi, SiteRecoveryFor } from "../site-recovery/site-recovery-api";
import type { StartTestFailoverInput, StartTestFailoverResult, VerifyCleanupInput, VerifyCleanupResult } from "./drill-contracts";

export interface TestFailoverActivities {
  startTestFailover(input: StartTestFailoverInput): Promise<StartTestFailoverResult>;
  verifyCleanup(input: VerifyCleanupInput): Promise<VerifyCleanupResult>;
}

export function createTestFailoverActivities(deps: { siteRecovery: SiteRecoveryFor }): TestFailoverActivities {
  return {
    async startTestFailover(input) {
      const path = parseItemId(input.itemId);
      const client = deps.siteRecovery(path.subscriptionId);
      const state = toItemState(await getItem(client, path));
      const points = input.recoveryPoint === "latest" ? [] : await listRecoveryPoints(client, path);
      let pointId: string | undefined;
      try {
        pointId = chooseRecoveryPoint(points, input.recoveryPoint);
      } catch (error) {
        return { outcome: "refused", reason: (error as Error).message };
      }
      const pointTimeMs = pointId === undefined ? undefined : points.find((point) => point.id === pointId)?.timeMs;
      const verdict = guardItem(input.item, state, {
        operation: "testFailover",
        direction: "PrimaryToRecovery",
        // A test failover loses no data: the RPO objective is measured and reported, not enforced up front.
        rpoBudgetSeconds: Number.MAX_SAFE_INTEGER,
        callOptions: { networkId: input.networkId, ...(pointId === undefined ? {} : { recoveryPointId: pointId }) },
      });
      switch (verdict.decision) {
        case "skip":
          return { outcome: "skipped", reason: verdict.reason ?? "nothing to do" };
        case "refuse":
          return { outcome: "refused", reason: verdict.reason ?? "refused" };
        case "adopt":
          return verdict.jobId === undefined
            ? { outcome: "refused", reason: `${verdict.reason ?? "a job runs"} but Site Recovery names no job id to watch` }
            : { outcome: "started", jobId: verdict.jobId, adopted: true, ...withPoint(pointTimeMs) };
        case "proceed":
          break;
      }
      const call = verdict.call as ItemCall;
      await client.replicationProtectedItems.beginTestFailover(path.vault, path.resourceGroup, path.fabric, path.container, path.name, call.input as never);
      const jobId = toItemState(await getItem(client, path)).currentScenario?.jobId;
      if (jobId === undefined) throw new Error(`Site Recovery accepted the test failover of ${input.item} but reported no job to watch`);
      return { outcome: "started", jobId, adopted: false, ...withPoint(pointTimeMs) };
    },

    async verifyCleanup(input) {
      const states: ProtectedItemState[] = [];
      for await (const item of deps.siteRecovery(input.vault.subscriptionId).replicationProtectedItems.list(input.vault.name, input.vault.resourceGroup)) {
        states.push(toItemState(item));
      }
      const leftovers = input.items
        .filter(({ itemId }) => {
          const state = findItem(itemId, states);
          return state !== undefined && hasTestFailover(state);
        })
        .map(({ item }) => item);
      return { leftovers };
    },
  };
}

/** A test failover (or its job) is still there: ASR's test state, the cleanup it offers, or a running test job. */
export function hasTestFailover(state: ProtectedItemState): boolean {
  const testState = state.testFailoverState?.toLowerCase();
  if (testState !== undefined && testState !== "none" && testState !== "") return true;
  if (state.allowedOperations.some((operation) => operation.toLowerCase() === AllowedOperation.testFailoverCleanup.toLowerCase())) return true;
  return /testfailover/i.test(state.currentScenario?.scenarioName ?? "");
}

function withPoint(timeMs: number | undefined): { recoveryPointTimeMs?: number } {
  return timeMs === undefined ? {} : { recoveryPointTimeMs: timeMs };
}

async function getItem(client: SiteRecoveryApi, path: ItemPath): Promise<ReplicationProtectedItem> {
  return client.replicationProtectedItems.get(path.vault, path.resourceGroup, path.fabric, path.container, path.name);
}

async function listRecoveryPoints(client: SiteRecoveryApi, path: ItemPath): Promise<RecoveryPoint[]> {
  const points: RecoveryPoint[] = [];
  for await (const point of client.recoveryPoints.listByReplicationProtectedItems(path.vault, path.resourceGroup, path.fabric, path.container, path.name)) {
    const time = point.properties?.recoveryPointTime;
    if (point.id === undefined || time === undefined) continue;
    points.push({ id: point.id, timeMs: new Date(time).getTime(), ...(point.properties?.recoveryPointType === undefined ? {} : { type: point.properties.recoveryPointType }) });
  }
  return points;
}

