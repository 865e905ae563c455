// Site Recovery activity of a drill: check after the cleanup that no item of the plan is left with a test failover.
// The test failovers themselves start through the shared item action (startItemAction with the test network).
import type { ProtectedItemState } from "../../core/live-state";
import { AllowedOperation } from "../../core/live-state";
import { findItem } from "../../core/plan/item-ref";
import { toItemState } from "../site-recovery/item-state";
import type { SiteRecoveryFor } from "../site-recovery/site-recovery-api";
import type { VerifyCleanupInput, VerifyCleanupResult } from "./drill-contracts";

export interface TestFailoverActivities {
  verifyCleanup(input: VerifyCleanupInput): Promise<VerifyCleanupResult>;
}

export function createTestFailoverActivities(deps: { siteRecovery: SiteRecoveryFor }): TestFailoverActivities {
  return {
    async verifyCleanup(input) {
      const states: ProtectedItemState[] = [];
      for await (const item of deps.siteRecovery(input.vault.subscriptionId).replicationProtectedItems.list(input.vault.name, input.vault.resourceGroup)) {
        states.push(toItemState(item));
      }
      const named = input.items.map(({ item, itemId }) => ({ item, state: findItem(itemId, states) }));
      const leftovers = named.filter(({ state }) => state !== undefined && hasTestFailover(state)).map(({ item }) => item);
      const running = named.filter(({ state }) => state !== undefined && runsTestFailover(state)).map(({ item }) => item);
      return { leftovers, running };
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

/** The test failover job itself (not its cleanup) still runs on the item. */
export function runsTestFailover(state: ProtectedItemState): boolean {
  return state.currentScenario?.scenarioName.toLowerCase() === AllowedOperation.testFailover.toLowerCase();
}
