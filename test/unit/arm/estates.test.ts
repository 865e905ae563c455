// Estates as data: the shipped files load and validate, bad estates are refused by path, the large estate scales.
import { generateLargeEstate } from "../../../local/estates/large";
import { loadEstate } from "../../../local/estates/load-estate";
import { EstateError, validateEstate } from "../../../local/estates/validate-estate";

describe("estates", () => {
  it("loads shop: three tiers, six A2A VMs from eastus to westus, one plan, a Priority profile", () => {
    const shop = loadEstate("shop");
    const items = shop.vaults.flatMap((vault) => vault.fabrics.flatMap((fabric) => fabric.containers.flatMap((container) => container.items)));
    expect(shop.tiers.map((tier) => tier.name)).toEqual(["web", "app", "db"]);
    expect(items).toHaveLength(6);
    expect(new Set(items.map((item) => `${item.instanceType} ${item.primaryRegion}->${item.recoveryRegion}`))).toEqual(new Set(["A2A eastus->westus"]));
    expect(shop.vaults[0].recoveryPlans).toHaveLength(1);
    expect(shop.vaults[0].recoveryPlans[0].groups.filter((group) => group.groupType === "Boot")).toHaveLength(3);
    expect(shop.trafficManagerProfiles[0]).toMatchObject({ trafficRoutingMethod: "Priority" });
    expect(shop.trafficManagerProfiles[0].endpoints.map((endpoint) => [endpoint.region, endpoint.priority])).toEqual([["eastus", 1], ["westus", 2]]);
  });

  it("loads hybrid with HyperVReplicaAzure and InMageRcm items", () => {
    const hybrid = loadEstate("hybrid");
    const providers = hybrid.vaults.flatMap((vault) => vault.fabrics.flatMap((fabric) => fabric.containers.flatMap((container) => container.items.map((item) => item.instanceType))));
    expect(new Set(providers)).toEqual(new Set(["HyperVReplicaAzure", "InMageRcm"]));
  });

  it("refuses unknown names and names that try to leave the folder", () => {
    expect(() => loadEstate("nope")).toThrow(EstateError);
    expect(() => loadEstate("../package")).toThrow(/lowercase/);
  });

  it("reports every problem of a bad estate with its path", () => {
    const shop = loadEstate("shop");
    const broken = structuredClone(shop);
    const item = broken.vaults[0].fabrics[0].containers[0].items[0];
    item.tier = "cache";
    item.recoveryRegion = item.primaryRegion;
    broken.trafficManagerProfiles[0].endpoints[1].priority = 1;
    expect(() => validateEstate(broken)).toThrow(/items\/0\/tier: unknown tier cache.*primaryRegion and recoveryRegion.*endpoints\/1\/priority/);
    expect(() => validateEstate({ ...shop, subscriptionId: "not-a-guid" })).toThrow(/\/subscriptionId/);
    expect(() => validateEstate(null)).toThrow(EstateError);
  });

  it("generates a large estate with the asked size, plans within ASR's 100-item limit", () => {
    const large = generateLargeEstate({ items: 2500, vaults: 3, containersPerVault: 4, plansPerVault: 2 });
    validateEstate(large);
    const items = large.vaults.flatMap((vault) => vault.fabrics.flatMap((fabric) => fabric.containers.flatMap((container) => container.items)));
    expect(items).toHaveLength(2500);
    expect(large.vaults).toHaveLength(3);
    expect(large.vaults.every((vault) => vault.fabrics[0].containers.length === 4)).toBe(true);
    expect(large.vaults.every((vault) => vault.recoveryPlans.length === 2)).toBe(true);
    for (const plan of large.vaults.flatMap((vault) => vault.recoveryPlans)) {
      expect(plan.groups.reduce((sum, group) => sum + group.items.length, 0)).toBeLessThanOrEqual(100);
    }
    expect(generateLargeEstate().vaults.flatMap((vault) => vault.fabrics[0].containers.flatMap((container) => container.items))).toHaveLength(10_000);
    expect(() => generateLargeEstate({ items: 0 })).toThrow(EstateError);
  });
});
