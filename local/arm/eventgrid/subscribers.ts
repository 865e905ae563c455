// Webhook subscribers of the topic. Registering one performs Event Grid's validation handshake: a
// SubscriptionValidationEvent is POSTed and the subscriber must echo its validationCode as validationResponse.
// Delivery is one event per request (Event Grid's default batch size), retried a few times on failure.
import { randomUUID } from "node:crypto";
import type { TopicEvent } from "./events";
import { eventType } from "./events";

export type DeliverySchema = "EventGridSchema" | "CloudEventSchemaV1_0";

export interface SubscriptionSpec {
  name: string;
  endpoint: string;
  /** Event types to deliver (any case); all when omitted. */
  eventTypes?: string[];
  /**
   * CloudEventSchemaV1_0 turns Event Grid schema events (Resource Health) into CloudEvents, as Event Grid does for
   * system topics; CloudEvents are never turned back. Omitted: each event as it was published.
   */
  deliverySchema?: DeliverySchema;
}

export interface DeliveryRecord {
  subscription: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode?: number;
}

export class SubscriptionError extends Error {
  override readonly name = "SubscriptionError";
}

const RETRY_DELAYS_MS = [500, 2000, 5000];
const REQUEST_TIMEOUT_MS = 10_000;

export function parseSubscription(input: unknown): SubscriptionSpec {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new SubscriptionError("the body must be {name, endpoint, eventTypes?}");
  const { name, endpoint, eventTypes, deliverySchema } = input as Record<string, unknown>;
  if (typeof name !== "string" || !/^[A-Za-z0-9-]{3,64}$/.test(name)) throw new SubscriptionError("name must be 3-64 letters, digits or hyphens");
  if (typeof endpoint !== "string") throw new SubscriptionError("endpoint must be an http(s) URL");
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new SubscriptionError("endpoint must be an http(s) URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SubscriptionError("endpoint must be an http(s) URL");
  if (eventTypes !== undefined && !(Array.isArray(eventTypes) && eventTypes.every((type) => typeof type === "string"))) {
    throw new SubscriptionError("eventTypes must be a list of strings");
  }
  if (deliverySchema !== undefined && deliverySchema !== "EventGridSchema" && deliverySchema !== "CloudEventSchemaV1_0") {
    throw new SubscriptionError("deliverySchema must be EventGridSchema or CloudEventSchemaV1_0");
  }
  return { name, endpoint, eventTypes: eventTypes as string[] | undefined, deliverySchema: deliverySchema as DeliverySchema | undefined };
}

export async function validateSubscriber(spec: SubscriptionSpec, topicId: string): Promise<void> {
  const validationCode = randomUUID();
  const event = {
    id: randomUUID(),
    topic: topicId,
    subject: "",
    eventType: "Microsoft.EventGrid.SubscriptionValidationEvent",
    eventTime: new Date().toISOString(),
    data: { validationCode, validationUrl: undefined },
    dataVersion: "2",
    metadataVersion: "1",
  };
  let response: Response;
  try {
    response = await fetch(spec.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", "aeg-event-type": "SubscriptionValidation", "aeg-subscription-name": spec.name.toUpperCase() },
      body: JSON.stringify([event]),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SubscriptionError(`the validation request to ${spec.endpoint} failed: ${(error as Error).message}`);
  }
  const text = await response.text();
  let echoed: unknown;
  try {
    echoed = (JSON.parse(text) as { validationResponse?: unknown }).validationResponse;
  } catch {
    echoed = undefined;
  }
  if (response.status !== 200 || echoed !== validationCode) {
    throw new SubscriptionError(`the endpoint did not answer the validation handshake (HTTP ${response.status}, expected {"validationResponse":"<code>"})`);
  }
}

export function wants(spec: SubscriptionSpec, topicEvent: TopicEvent): boolean {
  if (!spec.eventTypes || spec.eventTypes.length === 0) return true;
  const type = eventType(topicEvent).toLowerCase();
  return spec.eventTypes.some((wanted) => wanted.toLowerCase() === type);
}

/** Delivers one event, retrying on failure on the wall clock; the record is updated as attempts finish. */
export function deliver(spec: SubscriptionSpec, topicEvent: TopicEvent, record: DeliveryRecord, onDone: () => void): void {
  const attempt = async (): Promise<void> => {
    record.attempts += 1;
    const delivered = spec.deliverySchema === "CloudEventSchemaV1_0" ? asCloudEvent(topicEvent) : topicEvent;
    try {
      const cloud = delivered.schema === "CloudEventSchemaV1_0";
      const response = await fetch(spec.endpoint, {
        method: "POST",
        headers: {
          "Content-Type": cloud ? "application/cloudevents+json; charset=utf-8" : "application/json",
          "aeg-event-type": "Notification",
          "aeg-subscription-name": spec.name.toUpperCase(),
          "aeg-delivery-count": String(record.attempts - 1),
        },
        body: JSON.stringify(cloud ? delivered.event : [delivered.event]),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      record.lastStatusCode = response.status;
      if (response.status >= 200 && response.status < 300) {
        record.status = "delivered";
        onDone();
        return;
      }
    } catch {
      record.lastStatusCode = undefined;
    }
    const delay = RETRY_DELAYS_MS[record.attempts - 1];
    if (delay === undefined) {
      record.status = "failed";
      onDone();
      return;
    }
    setTimeout(() => void attempt(), delay).unref();
  };
  void attempt();
}

/** Event Grid's mapping of its own schema onto CloudEvents 1.0 (topic becomes source, eventType becomes type). */
function asCloudEvent(topicEvent: TopicEvent): TopicEvent {
  if (topicEvent.schema === "CloudEventSchemaV1_0") return topicEvent;
  const event = topicEvent.event;
  return {
    schema: "CloudEventSchemaV1_0",
    event: {
      specversion: "1.0",
      id: event.id,
      source: event.topic ?? "",
      subject: event.subject,
      type: event.eventType,
      time: event.eventTime,
      datacontenttype: "application/json",
      data: event.data,
    },
  };
}
