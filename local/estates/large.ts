// A generated estate for benchmarks: many A2A items spread over vaults and protection containers, with recovery
// plans no larger than ASR allows (100 items) and a Traffic Manager profile over the front tier.
import type { ContainerSpec, Estate, ProtectedItemSpec, RecoveryPlanSpec, VaultSpec } from "./estate";
import { EstateError } from "./validate-estate";

export interface LargeEstateOptions {
  items?: number;
  vaults?: number;
  containersPerVault?: number;
  /** Recovery plans per vault, each covering up to 100 items of one container. */
  plansPerVault?: number;
  primaryRegion?: string;
  recoveryRegion?: string;
  pageSize?: number;
}

const TIERS = ["web", "app", "db"] as const;
const PLAN_ITEM_LIMIT = 100;

export function generateLargeEstate(options: LargeEstateOptions = {}): Estate {
  const items = options.items ?? 10_000;
  const vaultCount = options.vaults ?? 4;
  const containersPerVault = options.containersPerVault ?? 10;
  const plansPerVault = options.plansPerVault ?? 1;
  const primaryRegion = options.primaryRegion ?? "eastus";
  const recoveryRegion = options.recoveryRegion ?? "westus";
  for (const [name, value] of Object.entries({ items, vaults: vaultCount, containersPerVault })) {
    if (!Number.isInteger(value) || value < 1) throw new EstateError(`large estate: ${name} must be a positive integer, got ${value}`);
  }
  if (!Number.isInteger(plansPerVault) || plansPerVault < 0) throw new EstateError(`large estate: plansPerVault must be 0 or more`);

  const containerCount = vaultCount * containersPerVault;
  const containers: ContainerSpec[] = Array.from({ length: containerCount }, (_, c) => ({
    name: `asr-a2a-${primaryRegion}-container-${String(c % containersPerVault).padStart(3, "0")}`,
    items: [],
  }));
  for (let i = 0; i < items; i++) {
    const tier = TIERS[i % TIERS.length];
    const item: ProtectedItemSpec = {
      name: `item-${String(i).padStart(6, "0")}`,
      vmName: `vm-${tier}-${String(i).padStart(6, "0")}`,
      tier,
      instanceType: "A2A",
      primaryRegion,
      recoveryRegion,
      policy: "a2a-24h",
      baseRpoSeconds: 20 + (i % 7) * 15,
    };
    containers[i % containerCount].items.push(item);
  }

  const vaults: VaultSpec[] = Array.from({ length: vaultCount }, (_, v) => {
    const own = containers.slice(v * containersPerVault, (v + 1) * containersPerVault);
    const plans: RecoveryPlanSpec[] = own.slice(0, plansPerVault).map((container, p) => {
      const planItems = container.items.slice(0, PLAN_ITEM_LIMIT);
      return {
        name: `plan-${v}-${p}`,
        groups: TIERS.slice()
          .reverse()
          .map((tier) => ({ groupType: "Boot" as const, items: planItems.filter((item) => item.tier === tier).map((item) => item.name) })),
      };
    });
    return {
      name: `vault-${v}`,
      location: recoveryRegion,
      policies: [{ name: "a2a-24h", instanceType: "A2A", recoveryPointThresholdInMinutes: 60, appConsistentFrequencyInMinutes: 60, crashConsistentFrequencyInMinutes: 5, recoveryPointHistoryInMinutes: 1440 }],
      fabrics: [{ name: `asr-a2a-default-${primaryRegion}`, location: primaryRegion, instanceType: "Azure", containers: own }],
      recoveryPlans: plans,
    };
  });

  return {
    name: "large",
    subscriptionId: "7d1c0a5e-3b2f-4e8a-9c61-5f0d2b8e4a17",
    resourceGroup: "large-rg",
    pageSize: options.pageSize,
    eventGridKey: "large-topic-key",
    testNetworkId: "/subscriptions/7d1c0a5e-3b2f-4e8a-9c61-5f0d2b8e4a17/resourceGroups/large-rg/providers/Microsoft.Network/virtualNetworks/large-test-vnet",
    tiers: TIERS.map((name) => ({ name })),
    vaults,
    trafficManagerProfiles: [
      {
        name: "large-tm",
        trafficRoutingMethod: "Priority",
        endpoints: [
          { name: "primary", type: "ExternalEndpoints", tier: "web", region: primaryRegion, target: `web-${primaryRegion}.large.example`, priority: 1 },
          { name: "standby", type: "ExternalEndpoints", tier: "web", region: recoveryRegion, target: `web-${recoveryRegion}.large.example`, priority: 2 },
        ],
      },
    ],
  };
}
