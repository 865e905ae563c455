// Validation and merging of Traffic Manager PUT/PATCH bodies. Changes are computed on copies and only stored once
// the whole profile is valid, so a refused request changes nothing.
import { ArmError, invalidInput } from "../server/arm-error";
import type { EndpointKind, EndpointRecord, ProfileRecord } from "./store";

const ROUTING_METHODS = ["Performance", "Priority", "Weighted", "Geographic", "MultiValue", "Subnet"];
const PROTOCOLS = ["HTTP", "HTTPS", "TCP"];
const KINDS: Record<string, EndpointKind> = { azureendpoints: "azureEndpoints", externalendpoints: "externalEndpoints", nestedendpoints: "nestedEndpoints" };

type Json = Record<string, unknown>;

export function endpointKindOf(segment: string): EndpointKind {
  const kind = KINDS[segment.toLowerCase()];
  if (!kind) throw new ArmError(400, "BadRequest", `'${segment}' is not an endpoint type; use AzureEndpoints, ExternalEndpoints or NestedEndpoints.`);
  return kind;
}

export function requireObject(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidInput(`${what} must be a JSON object.`, "InvalidRequestContent");
  return value as Json;
}

function optionalObject(value: unknown, what: string): Json | undefined {
  return value === undefined || value === null ? undefined : requireObject(value, what);
}

function integerIn(value: unknown, what: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) throw invalidInput(`${what} must be an integer from ${min} to ${max}.`);
  return value;
}

function oneOf<T extends string>(value: unknown, what: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => typeof value === "string" && candidate.toLowerCase() === value.toLowerCase());
  if (!match) throw invalidInput(`${what} must be one of ${allowed.join(", ")}.`);
  return match;
}

function text(value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw invalidInput(`${what} must be a non-empty string.`);
  return value;
}

/** Applies endpoint properties onto an endpoint (a copy); missing properties keep their current value. */
export function mergeEndpoint(current: EndpointRecord, properties: Json): EndpointRecord {
  const next = { ...current };
  if (properties.endpointStatus !== undefined) next.endpointStatus = oneOf(properties.endpointStatus, "endpointStatus", ["Enabled", "Disabled"] as const);
  if (properties.priority !== undefined && properties.priority !== null) next.priority = integerIn(properties.priority, "priority", 1, 1000);
  if (properties.weight !== undefined && properties.weight !== null) next.weight = integerIn(properties.weight, "weight", 1, 1000);
  if (properties.target !== undefined && properties.target !== null) next.target = text(properties.target, "target");
  if (properties.targetResourceId !== undefined && properties.targetResourceId !== null) next.targetResourceId = text(properties.targetResourceId, "targetResourceId");
  if (properties.endpointLocation !== undefined && properties.endpointLocation !== null) next.endpointLocation = text(properties.endpointLocation, "endpointLocation");
  return next;
}

export function newEndpoint(name: string, kind: EndpointKind, properties: Json, nowMs: number): EndpointRecord {
  const endpoint = mergeEndpoint({ name, kind, endpointStatus: "Enabled", priority: 1, weight: 1, createdMs: nowMs }, properties);
  if (!endpoint.target && !endpoint.targetResourceId) throw invalidInput(`Endpoint '${name}' needs a 'target' or a 'targetResourceId'.`);
  return endpoint;
}

/** Endpoints of a profile body (`properties.endpoints`). */
export function endpointsFromBody(value: unknown, nowMs: number): EndpointRecord[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput("properties.endpoints must be an array.");
  return value.map((raw, index) => {
    const entry = requireObject(raw, `properties.endpoints[${index}]`);
    const name = text(entry.name, `properties.endpoints[${index}].name`);
    const type = text(entry.type, `properties.endpoints[${index}].type`);
    const kind = endpointKindOf(type.split("/").pop() ?? "");
    return newEndpoint(name, kind, requireObject(entry.properties ?? {}, `properties.endpoints[${index}].properties`), nowMs);
  });
}

/** Applies profile properties onto a profile (a copy). `creating` demands what a new profile needs. */
export function mergeProfile(current: ProfileRecord, properties: Json, creating: boolean): ProfileRecord {
  const next: ProfileRecord = { ...current, dnsConfig: { ...current.dnsConfig }, monitorConfig: { ...current.monitorConfig }, endpoints: [...current.endpoints] };
  if (properties.profileStatus !== undefined) next.profileStatus = oneOf(properties.profileStatus, "profileStatus", ["Enabled", "Disabled"] as const);
  if (properties.trafficRoutingMethod !== undefined) next.trafficRoutingMethod = oneOf(properties.trafficRoutingMethod, "trafficRoutingMethod", ROUTING_METHODS);
  else if (creating) throw invalidInput("properties.trafficRoutingMethod is required.");
  const dns = optionalObject(properties.dnsConfig, "properties.dnsConfig");
  if (creating && !dns?.relativeName) throw invalidInput("properties.dnsConfig.relativeName is required.");
  if (dns?.relativeName !== undefined) {
    const relativeName = text(dns.relativeName, "dnsConfig.relativeName");
    if (!creating && relativeName.toLowerCase() !== current.dnsConfig.relativeName.toLowerCase()) throw invalidInput("dnsConfig.relativeName cannot be changed.");
    next.dnsConfig.relativeName = relativeName;
  }
  if (dns?.ttl !== undefined) next.dnsConfig.ttl = integerIn(dns.ttl, "dnsConfig.ttl", 0, 2147483647);
  const monitor = optionalObject(properties.monitorConfig, "properties.monitorConfig");
  if (monitor) {
    if (monitor.protocol !== undefined) next.monitorConfig.protocol = oneOf(monitor.protocol, "monitorConfig.protocol", PROTOCOLS);
    if (monitor.port !== undefined) next.monitorConfig.port = integerIn(monitor.port, "monitorConfig.port", 1, 65535);
    if (monitor.path !== undefined) next.monitorConfig.path = text(monitor.path, "monitorConfig.path");
    if (monitor.intervalInSeconds !== undefined) next.monitorConfig.intervalInSeconds = oneOf(String(monitor.intervalInSeconds), "monitorConfig.intervalInSeconds", ["10", "30"]) === "10" ? 10 : 30;
    if (monitor.timeoutInSeconds !== undefined) next.monitorConfig.timeoutInSeconds = integerIn(monitor.timeoutInSeconds, "monitorConfig.timeoutInSeconds", 5, 10);
    if (monitor.toleratedNumberOfFailures !== undefined) next.monitorConfig.toleratedNumberOfFailures = integerIn(monitor.toleratedNumberOfFailures, "monitorConfig.toleratedNumberOfFailures", 0, 9);
  }
  return next;
}

/** Priority routing needs distinct priorities; swapping two endpoints one call at a time collides here. */
export function checkPriorities(profile: ProfileRecord): void {
  if (profile.trafficRoutingMethod !== "Priority") return;
  const seen = new Map<number, string>();
  for (const endpoint of profile.endpoints) {
    const other = seen.get(endpoint.priority);
    if (other !== undefined) {
      throw new ArmError(
        400,
        "EndpointPriorityConflict",
        `Endpoints '${other}' and '${endpoint.name}' of profile '${profile.name}' both have priority ${endpoint.priority}; priorities must be unique in a profile with Priority routing.`,
      );
    }
    seen.set(endpoint.priority, endpoint.name);
  }
}
