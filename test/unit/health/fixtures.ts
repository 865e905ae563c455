// A small plan and the items of its vault, as the sweep reads them, for the monitor's unit tests.
import type { Plan } from "@standby/client/contract";
import type { SweptItem } from "../../../functions/core/health/swept-item";

export const VAULT_ID = "/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/vault";

export function itemId(name: string): string {
  return `${VAULT_ID}/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/${name}`;
}

export function vmId(name: string): string {
  return `/subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    name: "shop",
    vault: { subscriptionId: "sub-1", resourceGroup: "rg", name: "vault" },
    objectives: { rpoSeconds: 300, rtoSeconds: 3600 },
    groups: [
      { name: "db", items: ["db-1"] },
      { name: "web", items: [itemId("web-1")] },
    ],
    ...overrides,
  };
}

export function sweptItem(name: string, overrides: Partial<SweptItem> = {}): SweptItem {
  return {
    id: itemId(name),
    name,
    friendlyName: `vm-${name}`,
    provider: "A2A",
    protectionState: "Protected",
    activeLocation: "Primary",
    testFailoverState: "None",
    allowedOperations: ["PlannedFailover", "UnplannedFailover", "TestFailover"],
    replicationHealth: "Normal",
    rpoSeconds: 60,
    healthErrors: [],
    vmId: vmId(`vm-${name}`),
    primaryRegion: "eastus",
    recoveryRegion: "westus",
    ...overrides,
  };
}
