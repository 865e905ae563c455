// Traffic Manager activities. The switch disables the primary endpoint (or enables it again on failback) rather
// than swapping priorities: priorities are unique per profile, so a swap takes several calls and collides half-way.
// Each endpoint is read first and changed only when it is not already as wanted, so a repeated switch changes nothing.
import type { Endpoint, EndpointType, Endpoints, Profiles } from "@azure/arm-trafficmanager";
import type { TrafficEndpointStatus, TrafficSwitchInput, TrafficSwitchResult, EndpointChange } from "../contracts";

export interface TrafficManagerApi {
  profiles: Pick<Profiles, "get">;
  endpoints: Pick<Endpoints, "update">;
}

export type TrafficManagerFor = (subscriptionId: string) => TrafficManagerApi;

export interface TrafficActivityDeps {
  trafficManager: TrafficManagerFor;
}

export interface TrafficActivities {
  switchTraffic(input: TrafficSwitchInput): Promise<TrafficSwitchResult>;
  readTraffic(input: { profile: string }): Promise<TrafficEndpointStatus[]>;
}

interface ProfilePath {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const PROFILE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)\/?$/i;

export function parseProfileId(id: string): ProfilePath {
  const match = PROFILE_ID.exec(id);
  if (match === null) throw new TypeError(`"${id}" is not the resource id of a Traffic Manager profile`);
  return { subscriptionId: match[1] as string, resourceGroup: match[2] as string, name: match[3] as string };
}

const ENDPOINT_TYPES: Record<string, EndpointType> = {
  azureendpoints: "AzureEndpoints",
  externalendpoints: "ExternalEndpoints",
  nestedendpoints: "NestedEndpoints",
};

/** The SDK's endpoint type from the resource type ARM answers (`Microsoft.Network/trafficManagerProfiles/azureEndpoints`). */
export function endpointTypeOf(endpoint: Endpoint): EndpointType {
  const last = (endpoint.type ?? "").split("/").pop()?.toLowerCase() ?? "";
  const type = ENDPOINT_TYPES[last];
  if (type === undefined) throw new TypeError(`endpoint ${endpoint.name ?? "?"} has an unknown type "${endpoint.type ?? ""}"`);
  return type;
}

export function createTrafficActivities(deps: TrafficActivityDeps): TrafficActivities {
  const readEndpoints = async (profile: string): Promise<{ path: ProfilePath; endpoints: Endpoint[] }> => {
    const path = parseProfileId(profile);
    const found = await deps.trafficManager(path.subscriptionId).profiles.get(path.resourceGroup, path.name);
    return { path, endpoints: found.endpoints ?? [] };
  };

  return {
    async switchTraffic(input) {
      const { path, endpoints } = await readEndpoints(input.profile);
      const byName = (name: string): Endpoint => {
        const endpoint = endpoints.find((candidate) => candidate.name?.toLowerCase() === name.toLowerCase());
        if (endpoint === undefined) throw new Error(`Traffic Manager profile ${path.name} has no endpoint ${name}`);
        return endpoint;
      };
      const primary = byName(input.primaryEndpoint);
      const standby = byName(input.standbyEndpoint);
      // Enable before disable, so the profile never has no enabled endpoint. Failback leaves the standby enabled:
      // with priority routing it takes traffic only when the primary is down.
      const wanted: [Endpoint, "Enabled" | "Disabled"][] =
        input.activate === "standby" ? [[standby, "Enabled"], [primary, "Disabled"]] : [[primary, "Enabled"]];
      const changes: EndpointChange[] = [];
      const client = deps.trafficManager(path.subscriptionId);
      for (const [endpoint, status] of wanted) {
        const current = endpoint.endpointStatus ?? "Enabled";
        if (current.toLowerCase() === status.toLowerCase()) continue;
        await client.endpoints.update(path.resourceGroup, path.name, endpointTypeOf(endpoint), endpoint.name as string, { endpointStatus: status });
        changes.push({ endpoint: endpoint.name as string, from: current, to: status });
      }
      return { changes };
    },

    async readTraffic(input) {
      const { endpoints } = await readEndpoints(input.profile);
      return endpoints.map((endpoint) => ({ name: endpoint.name ?? "", endpointStatus: endpoint.endpointStatus ?? "Enabled" }));
    },
  };
}
