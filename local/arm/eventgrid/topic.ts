// The emulator's Event Grid topic: `POST /api/events` with an `aeg-sas-key`, CloudEvents 1.0 (single or batch) or
// Event Grid schema arrays. It records what it received and delivers each event to the matching subscribers.
import { deliver, type DeliveryRecord, type SubscriptionSpec, validateSubscriber, wants } from "./subscribers";
import { type EventGridEvent, EventShapeError, type TopicEvent, eventType, parseCloudEvents, parseEventGridEvents } from "./events";

export interface RecordedEvent {
  receivedAt: string;
  schema: TopicEvent["schema"];
  type: string;
  event: TopicEvent["event"];
  deliveries: DeliveryRecord[];
}

export type PublishResult = { status: 200 } | { status: 400 | 401 | 415; code: string; message: string };

const MAX_RECORDED = 10_000;

export class EventGridTopic {
  private readonly subscribers = new Map<string, SubscriptionSpec>();
  private readonly recorded: RecordedEvent[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly key: string,
    /** The topic's ARM id, used as `topic` in validation events. */
    readonly topicId: string,
  ) {}

  /** Handles a publish request; `body` is the parsed JSON. */
  publish(headers: Record<string, string | string[] | undefined>, contentType: string, body: unknown): PublishResult {
    if (headers["aeg-sas-key"] !== this.key) {
      return { status: 401, code: "Unauthorized", message: "The request authorization key is not authorized for this topic (aeg-sas-key)." };
    }
    const type = contentType.split(";")[0].trim().toLowerCase();
    try {
      if (type === "application/cloudevents-batch+json" || type === "application/cloudevents+json") {
        this.accept(parseCloudEvents(body).map((event) => ({ schema: "CloudEventSchemaV1_0", event })));
      } else if (type === "application/json") {
        this.accept(parseEventGridEvents(body).map((event) => ({ schema: "EventGridSchema", event })));
      } else {
        return { status: 415, code: "UnsupportedMediaType", message: `Content-Type '${contentType}' is not supported; use application/cloudevents-batch+json or application/json.` };
      }
    } catch (error) {
      if (error instanceof EventShapeError) return { status: 400, code: "BadRequest", message: error.message };
      throw error;
    }
    return { status: 200 };
  }

  /** Events the emulator itself raises (Resource Health), as Azure's system topics do. */
  publishSystemEvents(events: EventGridEvent[]): void {
    this.accept(events.map((event) => ({ schema: "EventGridSchema", event })));
  }

  async subscribe(spec: SubscriptionSpec): Promise<SubscriptionSpec> {
    await validateSubscriber(spec, this.topicId);
    this.subscribers.set(spec.name.toLowerCase(), spec);
    return spec;
  }

  unsubscribe(name: string): boolean {
    return this.subscribers.delete(name.toLowerCase());
  }

  subscriptions(): SubscriptionSpec[] {
    return [...this.subscribers.values()];
  }

  events(type?: string): RecordedEvent[] {
    return type ? this.recorded.filter((event) => event.type.toLowerCase() === type.toLowerCase()) : [...this.recorded];
  }

  /** Resolves once every delivery started so far has succeeded or given up. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private accept(events: TopicEvent[]): void {
    for (const topicEvent of events) {
      const recorded: RecordedEvent = { receivedAt: new Date().toISOString(), schema: topicEvent.schema, type: eventType(topicEvent), event: topicEvent.event, deliveries: [] };
      this.recorded.push(recorded);
      if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
      for (const subscriber of this.subscribers.values()) {
        if (!wants(subscriber, topicEvent)) continue;
        const record: DeliveryRecord = { subscription: subscriber.name, status: "pending", attempts: 0 };
        recorded.deliveries.push(record);
        let finish: () => void = () => undefined;
        const done = new Promise<void>((resolve) => (finish = resolve));
        this.inFlight.add(done);
        deliver(subscriber, topicEvent, record, () => {
          this.inFlight.delete(done);
          finish();
        });
      }
    }
  }
}
