// Non-determinism detection. durable-functions matches completions to tasks only by sequence number and never
// looks at what the history says was scheduled, so a changed orchestrator would silently receive the wrong results.
// The engine therefore checks that the decisions an orchestrator makes on replay are, in order, the ones recorded.
import { describeDecision, type Decision } from "./actions";
import { EventType, eventTypeName, SCHEDULING_EVENT_TYPES, type HistoryEvent } from "./history";

export class NonDeterministicOrchestrationError extends Error {
  constructor(
    readonly position: number,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `Non-deterministic workflow detected: decision #${position} was recorded in the history as ${expected}, ` +
        `but the orchestrator now produced ${actual} at that point. Orchestrator code must not change the order, ` +
        `type or name of the work it schedules for an instance that is already running.`,
    );
    this.name = "NonDeterministicOrchestrationError";
  }
}

/** Scheduling events the orchestrator itself asked for (retries and long-timer segments are the engine's own). */
export function recordedDecisions(history: HistoryEvent[], internalEventIds: ReadonlySet<number>): HistoryEvent[] {
  return history.filter((event) => SCHEDULING_EVENT_TYPES.has(event.EventType) && !internalEventIds.has(event.EventId));
}

/** Returns the decisions not yet in the history; throws when the replayed ones differ from the recorded ones. */
export function newDecisions(recorded: HistoryEvent[], decisions: Decision[]): Decision[] {
  for (let index = 0; index < recorded.length; index++) {
    const event = recorded[index]!;
    const decision = decisions[index];
    if (!decision) throw new NonDeterministicOrchestrationError(index, describeRecorded(event), "no further decision");
    if (!matches(event, decision)) throw new NonDeterministicOrchestrationError(index, describeRecorded(event), describeDecision(decision));
  }
  return decisions.slice(recorded.length);
}

function matches(event: HistoryEvent, decision: Decision): boolean {
  switch (event.EventType) {
    case EventType.TaskScheduled:
      return decision.type === "activity" && decision.name === event.Name;
    case EventType.TimerCreated:
      return decision.type === "timer";
    case EventType.SubOrchestrationInstanceCreated:
      return decision.type === "subOrchestration" && decision.name === event.Name;
    case EventType.EventSent:
      return (decision.type === "entityCall" || decision.type === "entitySignal") && decision.operation === event.Name && decision.entityId === event.InstanceId;
    default:
      return false;
  }
}

function describeRecorded(event: HistoryEvent): string {
  const type = eventTypeName(event.EventType);
  if (event.EventType === EventType.TimerCreated) return type;
  if (event.EventType === EventType.EventSent) return `${type} '${event.InstanceId}' operation '${event.Name}'`;
  return `${type} '${event.Name}'`;
}
