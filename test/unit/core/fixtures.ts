// Shared test data for the core tests: a valid three-tier plan and the matching live state.
import type { Plan } from "@standby/client/contract";
import type { ProtectedItemState } from "../../../functions/core/live-state";

export const SUBSCRIPTION = "3f6a9d2c-5b1e-4c7a-8e2d-9a4b6c1f0e53";
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/shop-rg`;
export const VAULT_ID = `${RG}/providers/Microsoft.RecoveryServices/vaults/shop-vault`;
const CONTAINER = `${VAULT_ID}/replicationFabrics/eastus/replicationProtectionContainers/eastus-container`;

export const itemId = (name: string): string => `${CONTAINER}/replicationProtectedItems/${name}`;

/** A valid plan: db, then app, then web, with actions and all optional sections. */
export function aPlan(): Plan {
  return {
    name: "shop",
    vault: { subscriptionId: SUBSCRIPTION, resourceGroup: "shop-rg", name: "shop-vault" },
    objectives: { rpoSeconds: 300, rtoSeconds: 1800 },
    groups: [
      {
        name: "db",
        items: ["db-1"],
        after: [{ type: "probe", url: "https://db.shop.example.com/health" }],
      },
      {
        name: "app",
        items: ["app-1", "app-2"],
        before: [{ type: "delay", seconds: 30 }],
        after: [
          {
            type: "runbook",
            runbookId: `${RG}/providers/Microsoft.Automation/automationAccounts/ops/runbooks/warm-cache`,
            timeoutMinutes: 10,
          },
        ],
      },
      {
        name: "web",
        items: ["web-1", "web-2"],
        before: [{ type: "webhook", url: "https://hooks.example.com/standby", headers: { "x-token": "t" } }],
        after: [{ type: "approval", prompt: "Open the gates?", timeoutMinutes: 30, onTimeout: "reject" }],
      },
    ],
    traffic: {
      profile: `${RG}/providers/Microsoft.Network/trafficManagerProfiles/shop-tm`,
      primaryEndpoint: "shop-eastus",
      standbyEndpoint: "shop-westus",
    },
    drill: {
      schedule: "0 0 3 * * 0",
      testNetworkId: `${RG}/providers/Microsoft.Network/virtualNetworks/shop-test-vnet`,
      probes: [{ type: "probe", url: "https://web.shop.example.com/" }],
    },
    autoFailover: { enabled: false, minSignals: 2, cooldownMinutes: 60, approval: "required" },
    allowedHosts: ["hooks.example.com", "*.shop.example.com"],
    failover: { maxParallelItems: 5 },
  };
}

/** Live state of one healthy A2A item, idle in its primary region. */
export function anItem(name: string, overrides: Partial<ProtectedItemState> = {}): ProtectedItemState {
  return {
    id: itemId(name),
    name,
    friendlyName: `vm-${name}`,
    provider: "A2A",
    protectionState: "Protected",
    activeLocation: "Primary",
    testFailoverState: "None",
    allowedOperations: ["PlannedFailover", "UnplannedFailover", "DisableProtection", "TestFailover"],
    replicationHealth: "Normal",
    rpoSeconds: 60,
    ...overrides,
  };
}

export const PLAN_ITEMS = ["db-1", "app-1", "app-2", "web-1", "web-2"];

/** Tests edit plans the way users write JSON, wrong types included, so edited values are deliberately untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

/** A copy of the valid plan changed by `edit`, as untyped JSON. */
export function planWith(edit: (plan: LooseJson) => void): unknown {
  const plan = JSON.parse(JSON.stringify(aPlan())) as LooseJson;
  edit(plan);
  return plan;
}
