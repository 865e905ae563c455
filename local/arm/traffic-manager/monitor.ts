// Traffic Manager's view of an endpoint: Disabled when disabled, Inactive when the profile is, CheckingEndpoint until
// the first probe interval has passed, then Online or Degraded from the health of the app it points at. An endpoint
// whose target is not one of the estate's apps never answers a probe, so it turns Degraded.
import type { EndpointRecord, ProfileRecord } from "./store";

export type AppHealthProbe = (tier: string, region: string) => boolean;

export function endpointMonitorStatus(profile: ProfileRecord, endpoint: EndpointRecord, nowMs: number, probe: AppHealthProbe): string {
  if (endpoint.endpointStatus === "Disabled") return "Disabled";
  if (profile.profileStatus === "Disabled") return "Inactive";
  if (nowMs - endpoint.createdMs < profile.monitorConfig.intervalInSeconds * 1000) return "CheckingEndpoint";
  if (!endpoint.link) return "Degraded";
  return probe(endpoint.link.tier, endpoint.link.region) ? "Online" : "Degraded";
}

export function profileMonitorStatus(profile: ProfileRecord, nowMs: number, probe: AppHealthProbe): string {
  if (profile.profileStatus === "Disabled") return "Disabled";
  const statuses = profile.endpoints.map((endpoint) => endpointMonitorStatus(profile, endpoint, nowMs, probe)).filter((status) => status !== "Disabled");
  if (statuses.length === 0) return "Inactive";
  if (statuses.includes("Online")) return "Online";
  if (statuses.includes("CheckingEndpoint")) return "CheckingEndpoints";
  return "Degraded";
}
