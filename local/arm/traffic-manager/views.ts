// Traffic Manager on the wire: lower-case `/subscriptions/` ids, everything but id/name/type nested in `properties`.
import { type AppHealthProbe, endpointMonitorStatus, profileMonitorStatus } from "./monitor";
import type { EndpointRecord, ProfileRecord } from "./store";

export function endpointView(profile: ProfileRecord, endpoint: EndpointRecord, nowMs: number, probe: AppHealthProbe): unknown {
  return {
    id: `${profile.id}/${endpoint.kind}/${endpoint.name}`,
    name: endpoint.name,
    type: `Microsoft.Network/trafficManagerProfiles/${endpoint.kind}`,
    properties: {
      targetResourceId: endpoint.targetResourceId,
      target: endpoint.target,
      endpointStatus: endpoint.endpointStatus,
      weight: endpoint.weight,
      priority: endpoint.priority,
      endpointLocation: endpoint.endpointLocation,
      endpointMonitorStatus: endpointMonitorStatus(profile, endpoint, nowMs, probe),
      alwaysServe: "Disabled",
    },
  };
}

export function profileView(profile: ProfileRecord, nowMs: number, probe: AppHealthProbe): unknown {
  return {
    id: profile.id,
    name: profile.name,
    type: "Microsoft.Network/trafficManagerProfiles",
    location: "global",
    tags: profile.tags,
    properties: {
      profileStatus: profile.profileStatus,
      trafficRoutingMethod: profile.trafficRoutingMethod,
      dnsConfig: { relativeName: profile.dnsConfig.relativeName, fqdn: `${profile.dnsConfig.relativeName}.trafficmanager.net`, ttl: profile.dnsConfig.ttl },
      monitorConfig: { profileMonitorStatus: profileMonitorStatus(profile, nowMs, probe), ...profile.monitorConfig },
      endpoints: profile.endpoints.map((endpoint) => endpointView(profile, endpoint, nowMs, probe)),
      trafficViewEnrollmentStatus: "Disabled",
    },
  };
}
