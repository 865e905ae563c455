// Turns an orchestrator's new decisions into what the Durable Task Framework records and sends: a scheduling event
// per decision (numbered in order), plus the work message that carries it out.
import type { Decision, RetryPolicy } from "./actions";
import { timerSegmentEnd } from "./composites";
import { EventType, historyEvent, type HistoryEvent } from "./history";
import { messageIds, type WorkMessage } from "./messages";
import type { CompositeTask, InstanceRecord, ParentLink } from "./store";

export interface ChildStart {
  instanceId: string;
  name: string;
  /** JSON text. */
  input: string;
  parent: ParentLink;
}

/** Collects everything one episode decides; the engine commits it. */
export class EpisodeOutput {
  readonly events: HistoryEvent[] = [];
  readonly outbound: WorkMessage[] = [];
  readonly childStarts: ChildStart[] = [];

  constructor(
    readonly record: InstanceRecord,
    readonly nowMs: number,
    private readonly nextSequence: () => number,
  ) {}

  get now(): string {
    return new Date(this.nowMs).toISOString();
  }

  send(message: WorkMessage): void {
    this.outbound.push(message);
  }

  sequence(): number {
    return this.nextSequence();
  }

  /** Records one decision of the orchestrator, consuming the next sequence number. */
  recordDecision(decision: Decision): void {
    const id = this.record.nextEventId++;
    switch (decision.type) {
      case "activity":
        this.scheduleActivity(id, decision.name, decision.input);
        if (decision.retry) this.record.composites[String(id)] = retryComposite("activity", decision.name, decision.input, decision.retry);
        return;
      case "subOrchestration": {
        const childId = this.scheduleSubOrchestration(id, decision.name, decision.input, decision.instanceId);
        if (decision.retry) {
          this.record.composites[String(id)] = { ...retryComposite("orchestration", decision.name, decision.input, decision.retry), subInstanceId: decision.instanceId ?? childId };
        }
        return;
      }
      case "timer": {
        const fireAt = timerSegmentEnd(decision.fireAt, this.nowMs);
        if (fireAt !== decision.fireAt) this.record.composites[String(id)] = { kind: "longTimer", finalFireAt: decision.fireAt };
        this.scheduleTimer(id, fireAt);
        return;
      }
      case "entityCall":
      case "entitySignal":
        this.sendToEntity(id, decision.entityId, decision.operation, decision.input, decision.type === "entitySignal");
        return;
    }
  }

  /** A sequence number the library consumes on its own (retry timers and attempts, long-timer segments). */
  takeInternalEventId(): number {
    const id = this.record.nextEventId++;
    this.record.internalEventIds.push(id);
    return id;
  }

  scheduleActivity(id: number, name: string, input: unknown): void {
    const { instanceId, executionId } = this.record;
    this.events.push(historyEvent(EventType.TaskScheduled, this.now, { EventId: id, Name: name, Input: toJsonText(input) }));
    this.send({ kind: "activity", id: messageIds.activity(instanceId, executionId, id), sequence: this.sequence(), instanceId, executionId, taskId: id, name, input });
  }

  scheduleTimer(id: number, fireAt: string): void {
    const { instanceId, executionId } = this.record;
    this.events.push(historyEvent(EventType.TimerCreated, this.now, { EventId: id, FireAt: fireAt }));
    this.send({
      kind: "orchestrator",
      id: messageIds.timer(instanceId, executionId, id),
      sequence: this.sequence(),
      visibleAtMs: Date.parse(fireAt),
      instanceId,
      executionId,
      answers: id,
      event: historyEvent(EventType.TimerFired, fireAt, { TimerId: id, FireAt: fireAt }),
    });
  }

  scheduleSubOrchestration(id: number, name: string, input: unknown, requestedInstanceId?: string): string {
    const childId = requestedInstanceId ?? `${this.record.instanceId}:${id.toString(16).toUpperCase().padStart(16, "0")}`;
    const inputText = toJsonText(input);
    this.events.push(historyEvent(EventType.SubOrchestrationInstanceCreated, this.now, { EventId: id, Name: name, InstanceId: childId, Input: inputText }));
    this.childStarts.push({
      instanceId: childId,
      name,
      input: inputText,
      parent: { instanceId: this.record.instanceId, executionId: this.record.executionId, name: this.record.name, taskId: id },
    });
    return childId;
  }

  private sendToEntity(id: number, entityId: string, operation: string, input: unknown, signal: boolean): void {
    const { instanceId, executionId } = this.record;
    const requestId = messageIds.orchestrationRequestId(instanceId, executionId, id);
    const inputText = input === undefined ? undefined : JSON.stringify(input);
    const request = { op: operation, signal, input: inputText, id: requestId, parent: signal ? undefined : instanceId };
    this.events.push(historyEvent(EventType.EventSent, this.now, { EventId: id, InstanceId: entityId, Name: operation, Input: JSON.stringify(request) }));
    this.send({
      kind: "entity",
      id: messageIds.entityOperation(requestId),
      sequence: this.sequence(),
      entityId,
      operation,
      input: inputText,
      requestId,
      caller: signal ? undefined : { instanceId, executionId, eventId: id },
    });
  }
}

function retryComposite(target: "activity" | "orchestration", name: string, input: unknown, retry: RetryPolicy): Extract<CompositeTask, { kind: "retry" }> {
  return {
    kind: "retry",
    target,
    name,
    input,
    firstRetryIntervalInMilliseconds: retry.firstRetryIntervalInMilliseconds,
    maxNumberOfAttempts: retry.maxNumberOfAttempts,
    backoffCoefficient: retry.backoffCoefficient ?? 1,
    maxRetryIntervalInMilliseconds: retry.maxRetryIntervalInMilliseconds,
    attempts: 1,
  };
}

/** JSON text of a value; `undefined` becomes "null", as the host records it. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}
