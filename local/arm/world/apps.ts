// The simulated applications: a tier answers in a region when every VM of that tier runs there and the region is
// up. Test-failover copies form a second, isolated deployment on the test network.
import type { SiteRecoveryStore } from "../site-recovery/store";
import { runningRegionOf } from "../site-recovery/records";
import { settle } from "../site-recovery/replication";
import type { RegionOutages } from "./regions";

export type AppNetwork = "production" | "test";

export interface AppHealth {
  tier: string;
  region: string;
  network: AppNetwork;
  healthy: boolean;
  reason: string;
  vms: string[];
}

export function appHealth(store: SiteRecoveryStore, outages: RegionOutages, tier: string, region: string, network: AppNetwork): AppHealth {
  const now = store.clock.now();
  const items = store.allItems().filter((item) => item.tier.toLowerCase() === tier.toLowerCase());
  items.forEach((item) => settle(item, now));
  const base = { tier, region, network, vms: items.map((item) => item.vmName) };
  if (items.length === 0) return { ...base, healthy: false, reason: `no VMs of tier ${tier}` };
  if (outages.isDown(region)) return { ...base, healthy: false, reason: `region ${region} is in an outage` };
  const elsewhere = items.filter((item) =>
    network === "test" ? item.testInstanceRegion?.toLowerCase() !== region.toLowerCase() : runningRegionOf(item).toLowerCase() !== region.toLowerCase(),
  );
  if (elsewhere.length > 0) {
    const what = network === "test" ? "have no test-failover copy" : "do not run";
    return { ...base, healthy: false, reason: `${elsewhere.map((item) => item.vmName).join(", ")} ${what} in ${region}` };
  }
  return { ...base, healthy: true, reason: "all VMs of the tier are running" };
}

/** Every (tier, region) pair the estate can run in, for the estate description. */
export function appLocations(store: SiteRecoveryStore): { tier: string; region: string }[] {
  const seen = new Map<string, { tier: string; region: string }>();
  for (const item of store.allItems()) {
    for (const region of [item.seededPrimaryRegion, item.seededRecoveryRegion]) {
      seen.set(`${item.tier}|${region}`.toLowerCase(), { tier: item.tier, region });
    }
  }
  return [...seen.values()];
}
