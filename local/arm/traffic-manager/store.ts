// Traffic Manager profiles and endpoints, seeded from the estate. Endpoints seeded from the estate (or created with
// the same target) are linked to an app (tier in a region), whose health drives their monitor status.
import type { Estate } from "../../estates/estate";
import { resourceNotFound } from "../server/arm-error";

export type EndpointKind = "azureEndpoints" | "externalEndpoints" | "nestedEndpoints";

export interface EndpointRecord {
  name: string;
  kind: EndpointKind;
  target?: string;
  targetResourceId?: string;
  endpointStatus: "Enabled" | "Disabled";
  priority: number;
  weight: number;
  endpointLocation?: string;
  /** Simulated time the endpoint was created; monitoring needs one probe interval before it knows. */
  createdMs: number;
  link?: { tier: string; region: string };
}

export interface ProfileRecord {
  name: string;
  id: string;
  tags: Record<string, string>;
  profileStatus: "Enabled" | "Disabled";
  trafficRoutingMethod: string;
  dnsConfig: { relativeName: string; ttl: number };
  monitorConfig: {
    protocol: string;
    port: number;
    path?: string;
    intervalInSeconds: number;
    timeoutInSeconds: number;
    toleratedNumberOfFailures: number;
  };
  endpoints: EndpointRecord[];
}

export class TrafficManagerStore {
  readonly profiles = new Map<string, ProfileRecord>();
  /** Targets (host names and resource ids, lower case) of the estate's apps. */
  private readonly links = new Map<string, { tier: string; region: string }>();

  constructor(readonly estate: Estate) {
    for (const spec of estate.trafficManagerProfiles) {
      const profile: ProfileRecord = {
        name: spec.name,
        id: this.profileId(spec.name),
        tags: {},
        profileStatus: "Enabled",
        trafficRoutingMethod: spec.trafficRoutingMethod,
        dnsConfig: { relativeName: spec.relativeName ?? spec.name, ttl: spec.ttl ?? 60 },
        monitorConfig: {
          protocol: spec.monitor?.protocol ?? "HTTP",
          port: spec.monitor?.port ?? 80,
          path: spec.monitor?.path ?? "/",
          intervalInSeconds: spec.monitor?.intervalInSeconds ?? 30,
          timeoutInSeconds: spec.monitor?.timeoutInSeconds ?? 10,
          toleratedNumberOfFailures: spec.monitor?.toleratedNumberOfFailures ?? 3,
        },
        endpoints: spec.endpoints.map((endpoint) => {
          const link = { tier: endpoint.tier, region: endpoint.region };
          this.links.set(endpoint.target.toLowerCase(), link);
          if (endpoint.targetResourceId) this.links.set(endpoint.targetResourceId.toLowerCase(), link);
          return {
            name: endpoint.name,
            kind: endpoint.type === "AzureEndpoints" ? "azureEndpoints" : "externalEndpoints",
            target: endpoint.target,
            targetResourceId: endpoint.targetResourceId,
            endpointStatus: endpoint.endpointStatus ?? "Enabled",
            priority: endpoint.priority,
            weight: endpoint.weight ?? 1,
            endpointLocation: endpoint.region,
            createdMs: Number.NEGATIVE_INFINITY,
            link,
          };
        }),
      };
      this.profiles.set(profile.name.toLowerCase(), profile);
    }
  }

  profileId(name: string): string {
    return `/subscriptions/${this.estate.subscriptionId}/resourceGroups/${this.estate.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${name}`;
  }

  profile(name: string): ProfileRecord {
    const profile = this.profiles.get(name.toLowerCase());
    if (!profile) throw resourceNotFound("Microsoft.Network/trafficManagerProfiles", name);
    return profile;
  }

  linkFor(target: string | undefined, targetResourceId: string | undefined): { tier: string; region: string } | undefined {
    return (targetResourceId && this.links.get(targetResourceId.toLowerCase())) || (target && this.links.get(target.toLowerCase())) || undefined;
  }
}
