// Pending work, kept durably so that a restarted engine picks up exactly where the last one stopped. Every message
// has a deterministic id where a retry could produce it twice, so writing it again replaces it instead of doubling.
import type { HistoryEvent } from "./history";

interface MessageBase {
  id: string;
  /** Creation order; ties between messages due at the same time are delivered in this order. */
  sequence: number;
  /** Epoch ms before which the message is not delivered (durable timers). */
  visibleAtMs?: number;
}

/** An event for an orchestration instance's history. */
export interface OrchestratorMessage extends MessageBase {
  kind: "orchestrator";
  instanceId: string;
  /** Set for answers to scheduled work: they are dropped when the instance has since moved to a new execution. */
  executionId?: string;
  event: HistoryEvent;
  /**
   * The sequence number of the decision this message answers (for entity responses, the EventSent): the message
   * waits until that decision is in the history, as a real task hub re-queues out-of-order messages.
   */
  answers?: number;
  /** Management operations the engine handles without running the orchestrator. */
  control?: "terminate" | "suspend" | "resume";
}

export interface ActivityMessage extends MessageBase {
  kind: "activity";
  instanceId: string;
  executionId: string;
  taskId: number;
  name: string;
  /** The activity's input value (already decoded from the action). */
  input: unknown;
}

/** An operation for an entity: a signal (one-way) or a call that an orchestration waits for. */
export interface EntityMessage extends MessageBase {
  kind: "entity";
  /** Scheduler id `@name@key` (name lower-cased, as durable-functions writes it). */
  entityId: string;
  operation: string;
  /** JSON text of the operation input, if any. */
  input?: string;
  requestId: string;
  /** For calls: where the response goes. */
  caller?: { instanceId: string; executionId: string; eventId: number };
}

export type WorkMessage = OrchestratorMessage | ActivityMessage | EntityMessage;

export const messageIds = {
  activity: (instanceId: string, executionId: string, taskId: number) => `activity|${instanceId}|${executionId}|${taskId}`,
  answer: (instanceId: string, executionId: string, eventId: number) => `answer|${instanceId}|${executionId}|${eventId}`,
  timer: (instanceId: string, executionId: string, timerId: number) => `timer|${instanceId}|${executionId}|${timerId}`,
  entityOperation: (requestId: string) => `entity|${requestId}`,
  orchestrationRequestId: (instanceId: string, executionId: string, eventId: number) => `${instanceId}:${executionId}:${eventId}`,
};
