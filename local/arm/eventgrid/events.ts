// The two event shapes an Event Grid topic accepts: CloudEvents 1.0 and the Event Grid schema. Each is checked for
// the fields the real service requires, so a malformed publish fails here as it would in Azure.

export interface CloudEvent {
  specversion: "1.0";
  id: string;
  source: string;
  type: string;
  time?: string;
  subject?: string;
  datacontenttype?: string;
  data?: unknown;
  [extension: string]: unknown;
}

export interface EventGridEvent {
  id: string;
  topic?: string;
  subject: string;
  eventType: string;
  eventTime: string;
  data: unknown;
  dataVersion: string;
  metadataVersion?: string;
}

export type TopicEvent = { schema: "CloudEventSchemaV1_0"; event: CloudEvent } | { schema: "EventGridSchema"; event: EventGridEvent };

export class EventShapeError extends Error {
  override readonly name = "EventShapeError";
}

export function parseCloudEvents(body: unknown): CloudEvent[] {
  const events = Array.isArray(body) ? body : [body];
  return events.map((raw, index) => {
    if (typeof raw !== "object" || raw === null) throw new EventShapeError(`event ${index} is not an object`);
    const event = raw as Record<string, unknown>;
    if (event.specversion !== "1.0") throw new EventShapeError(`event ${index}: specversion must be "1.0"`);
    for (const field of ["id", "source", "type"]) {
      if (typeof event[field] !== "string" || event[field] === "") throw new EventShapeError(`event ${index}: ${field} is required`);
    }
    return event as CloudEvent;
  });
}

export function parseEventGridEvents(body: unknown): EventGridEvent[] {
  if (!Array.isArray(body)) throw new EventShapeError("Event Grid schema events must be sent as a JSON array");
  return body.map((raw, index) => {
    if (typeof raw !== "object" || raw === null) throw new EventShapeError(`event ${index} is not an object`);
    const event = raw as Record<string, unknown>;
    for (const field of ["id", "subject", "eventType", "eventTime", "dataVersion"]) {
      if (typeof event[field] !== "string" || event[field] === "") throw new EventShapeError(`event ${index}: ${field} is required`);
    }
    if (!("data" in event)) throw new EventShapeError(`event ${index}: data is required`);
    return event as unknown as EventGridEvent;
  });
}

export function eventType(topicEvent: TopicEvent): string {
  return topicEvent.schema === "CloudEventSchemaV1_0" ? topicEvent.event.type : topicEvent.event.eventType;
}
