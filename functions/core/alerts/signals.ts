// Alerts in: the events the intake understands, read into signals. Resource Health `AvailabilityStatusChanged`
// (Event Grid system topic) and Azure Monitor alerts in the common alert schema, in either Event Grid schema or
// CloudEvents. Anything else, or anything malformed, is refused with a reason the intake records; nothing throws.

export const RESOURCE_HEALTH_EVENT = "Microsoft.ResourceHealth.AvailabilityStatusChanged";
export const COMMON_ALERT_SCHEMA_ID = "azureMonitorCommonAlertSchema";

export type SignalSource = "resourceHealth" | "azureMonitor";

export interface Signal {
  /** The delivered event's id: a redelivery carries the same one. */
  eventId: string;
  source: SignalSource;
  /** Signals with different keys are independent: one key per source and affected resource (or region). */
  key: string;
  /** Lowercase resource id of the affected resource, when the event names one. */
  resourceId?: string;
  /** Lowercase region, when the event names one. */
  region?: string;
  /** down: unavailable, degraded or an alert that fired; up: available again or resolved. */
  state: "down" | "up";
  atMs: number;
  summary: string;
}

export type AlertReading = { accepted: true; eventType: string; signals: Signal[] } | { accepted: false; eventType?: string; reason: string };

const MAX_TEXT = 300;

export function readAlertEvent(event: unknown, receivedAtMs: number): AlertReading {
  if (!isObject(event)) return { accepted: false, reason: "The event is not a JSON object." };
  const eventType = text(event.eventType) ?? text(event.type);
  const eventId = text(event.id);
  if (eventType === undefined) return { accepted: false, reason: "The event has no eventType (Event Grid schema) or type (CloudEvents)." };
  if (eventId === undefined) return { accepted: false, eventType, reason: "The event has no id." };
  const eventTimeMs = timeMs(text(event.eventTime) ?? text(event.time), receivedAtMs);
  if (eventType.toLowerCase() === RESOURCE_HEALTH_EVENT.toLowerCase()) return readResourceHealth(event.data, eventId, eventType, eventTimeMs);
  const alert = commonAlert(event.data);
  if (alert !== undefined) return readCommonAlert(alert, eventId, eventType, eventTimeMs);
  return { accepted: false, eventType, reason: `Event type ${clip(eventType)} is neither a Resource Health event nor an Azure Monitor alert (common alert schema).` };
}

function readResourceHealth(data: unknown, eventId: string, eventType: string, eventTimeMs: number): AlertReading {
  const properties = isObject(data) && isObject(data.resourceInfo) && isObject(data.resourceInfo.properties) ? data.resourceInfo.properties : undefined;
  if (properties === undefined) return { accepted: false, eventType, reason: "A Resource Health event must carry data.resourceInfo.properties." };
  const resourceId = text(properties.targetResourceId);
  if (resourceId === undefined) return { accepted: false, eventType, reason: "A Resource Health event must name data.resourceInfo.properties.targetResourceId." };
  const availability = text(properties.availabilityState);
  const state = availability === undefined ? undefined : AVAILABILITY[availability.toLowerCase()];
  if (state === undefined) {
    return { accepted: false, eventType, reason: `Availability state ${clip(availability ?? "(none)")} says nothing about an outage (Available, Unavailable or Degraded expected).` };
  }
  // Resource Health spells it "occuredTime" in its events; both spellings are read.
  const atMs = timeMs(text(properties.occurredTime) ?? text(properties.occuredTime), eventTimeMs);
  const region = text(properties.region)?.toLowerCase();
  return {
    accepted: true,
    eventType,
    signals: [
      {
        eventId,
        source: "resourceHealth",
        key: `resourceHealth:${resourceId.toLowerCase()}`,
        resourceId: resourceId.toLowerCase(),
        ...(region === undefined ? {} : { region }),
        state,
        atMs,
        summary: clip(`${availability}: ${text(properties.title) ?? text(properties.summary) ?? resourceId}`),
      },
    ],
  };
}

const AVAILABILITY: Record<string, "down" | "up" | undefined> = { unavailable: "down", degraded: "down", available: "up" };

interface CommonAlertEssentials {
  alertRule?: unknown;
  monitorCondition?: unknown;
  alertTargetIDs?: unknown;
  firedDateTime?: unknown;
  resolvedDateTime?: unknown;
  description?: unknown;
  targetResourceRegion?: unknown;
}

/** The essentials of a common-schema alert: the payload itself as data, or wrapped once more in data. */
function commonAlert(data: unknown): CommonAlertEssentials | undefined {
  if (!isObject(data)) return undefined;
  const payload = data.schemaId === COMMON_ALERT_SCHEMA_ID ? data.data : isObject(data.essentials) ? data : undefined;
  if (!isObject(payload) || !isObject(payload.essentials)) return undefined;
  return payload.essentials as CommonAlertEssentials;
}

function readCommonAlert(essentials: CommonAlertEssentials, eventId: string, eventType: string, eventTimeMs: number): AlertReading {
  const condition = text(essentials.monitorCondition)?.toLowerCase();
  if (condition !== "fired" && condition !== "resolved") {
    return { accepted: false, eventType, reason: "An Azure Monitor alert must have monitorCondition Fired or Resolved." };
  }
  const rule = text(essentials.alertRule) ?? "unnamed rule";
  const targets = Array.isArray(essentials.alertTargetIDs) ? essentials.alertTargetIDs.filter((id): id is string => typeof id === "string" && id !== "") : [];
  const region = text(essentials.targetResourceRegion)?.toLowerCase();
  if (targets.length === 0 && region === undefined) {
    return { accepted: false, eventType, reason: "An Azure Monitor alert must name its targets (alertTargetIDs) or region." };
  }
  const state = condition === "fired" ? "down" : "up";
  const atMs = timeMs(text(state === "down" ? essentials.firedDateTime : essentials.resolvedDateTime), eventTimeMs);
  const summary = clip(`${rule} ${condition}${text(essentials.description) ? `: ${text(essentials.description)}` : ""}`);
  const base = { eventId, source: "azureMonitor" as const, state, atMs, summary, ...(region === undefined ? {} : { region }) } satisfies Partial<Signal>;
  const signals: Signal[] =
    targets.length === 0
      ? [{ ...base, key: `azureMonitor:${rule.toLowerCase()}:${region}` }]
      : targets.map((target) => ({ ...base, key: `azureMonitor:${rule.toLowerCase()}:${target.toLowerCase()}`, resourceId: target.toLowerCase() }));
  return { accepted: true, eventType, signals };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * An event's time as its sender stamped it. Decisions run on this clock (Event Grid's and Azure's, the one the
 * sweep's snapshot times come from too), and on the arrival time only when the event carries none.
 */
function timeMs(value: string | undefined, fallbackMs: number): number {
  const parsed = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(parsed) ? fallbackMs : parsed;
}

function clip(value: string): string {
  const clean = [...value].map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? " " : char)).join("");
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT)}…` : clean;
}
