// The Traffic Manager switch against a fake client: only endpoints not yet as wanted are patched, enable before
// disable, failback re-enables the primary, and a missing endpoint changes nothing.
import type { Endpoint } from "@azure/arm-trafficmanager";
import { createTrafficActivities, parseProfileId, type TrafficManagerApi } from "../../../functions/activities/traffic/traffic-activities";

const PROFILE = "/subscriptions/s1/resourceGroups/shop-rg/providers/Microsoft.Network/trafficmanagerprofiles/shop-tm";

function fakeTrafficManager(endpoints: Endpoint[]) {
  const patches: { type: string; name: string; status?: string }[] = [];
  const api: TrafficManagerApi = {
    profiles: {
      get: async (resourceGroup: string, profile: string) => {
        if (resourceGroup !== "shop-rg" || profile !== "shop-tm") throw new Error("not found");
        return { name: profile, endpoints: endpoints.map((endpoint) => ({ ...endpoint })) };
      },
    } as unknown as TrafficManagerApi["profiles"],
    endpoints: {
      update: async (_rg: string, _profile: string, type: string, name: string, parameters: Endpoint) => {
        patches.push({ type, name, ...(parameters.endpointStatus === undefined ? {} : { status: parameters.endpointStatus }) });
        const endpoint = endpoints.find((candidate) => candidate.name === name) as Endpoint;
        endpoint.endpointStatus = parameters.endpointStatus;
        return endpoint;
      },
    } as unknown as TrafficManagerApi["endpoints"],
  };
  return { patches, activities: createTrafficActivities({ trafficManager: () => api }) };
}

const endpoints = (primary: string, standby: string): Endpoint[] => [
  { name: "primary", type: "Microsoft.Network/trafficManagerProfiles/azureEndpoints", endpointStatus: primary as Endpoint["endpointStatus"], priority: 1 },
  { name: "standby", type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints", endpointStatus: standby as Endpoint["endpointStatus"], priority: 2 },
];

const toStandby = { profile: PROFILE, activate: "standby" as const, primaryEndpoint: "primary", standbyEndpoint: "standby" };

describe("switchTraffic", () => {
  it("disables the primary endpoint when the standby is already enabled: one change", async () => {
    const { patches, activities } = fakeTrafficManager(endpoints("Enabled", "Enabled"));
    expect(await activities.switchTraffic(toStandby)).toEqual({ changes: [{ endpoint: "primary", from: "Enabled", to: "Disabled" }] });
    expect(patches).toEqual([{ type: "AzureEndpoints", name: "primary", status: "Disabled" }]);
  });

  it("changes nothing when run again", async () => {
    const { patches, activities } = fakeTrafficManager(endpoints("Enabled", "Enabled"));
    await activities.switchTraffic(toStandby);
    expect(await activities.switchTraffic(toStandby)).toEqual({ changes: [] });
    expect(patches).toHaveLength(1);
  });

  it("enables a disabled standby before disabling the primary", async () => {
    const { patches, activities } = fakeTrafficManager(endpoints("Enabled", "Disabled"));
    await activities.switchTraffic(toStandby);
    expect(patches).toEqual([
      { type: "ExternalEndpoints", name: "standby", status: "Enabled" },
      { type: "AzureEndpoints", name: "primary", status: "Disabled" },
    ]);
  });

  it("on failback enables the primary again and leaves the standby as it is", async () => {
    const { patches, activities } = fakeTrafficManager(endpoints("Disabled", "Enabled"));
    await activities.switchTraffic({ ...toStandby, activate: "primary" });
    expect(patches).toEqual([{ type: "AzureEndpoints", name: "primary", status: "Enabled" }]);
    expect(await activities.readTraffic({ profile: PROFILE })).toEqual([
      { name: "primary", endpointStatus: "Enabled" },
      { name: "standby", endpointStatus: "Enabled" },
    ]);
  });

  it("refuses a profile without the named endpoint and changes nothing", async () => {
    const { patches, activities } = fakeTrafficManager(endpoints("Enabled", "Enabled"));
    await expect(activities.switchTraffic({ ...toStandby, standbyEndpoint: "elsewhere" })).rejects.toThrow("has no endpoint elsewhere");
    expect(patches).toHaveLength(0);
  });

  it("refuses an id that is not a Traffic Manager profile's", () => {
    expect(() => parseProfileId("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/dnszones/x")).toThrow(TypeError);
    expect(parseProfileId(PROFILE.replace("/subscriptions/", "/Subscriptions/"))).toEqual({ subscriptionId: "s1", resourceGroup: "shop-rg", name: "shop-tm" });
  });
});
