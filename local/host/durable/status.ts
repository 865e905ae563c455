// Projects an instance record and its history into the Durable Functions HTTP API's status shape.
import type { InstanceStatus, RuntimeStatus } from "./contract";
import { EventType, eventTypeName, type HistoryEvent } from "./history";
import type { InstanceRecord } from "./store";

export interface StatusOptions {
  showHistory?: boolean;
  showHistoryOutput?: boolean;
  showInput?: boolean;
}

const TERMINAL: ReadonlySet<RuntimeStatus> = new Set(["Completed", "Failed", "Terminated", "Canceled"]);

export function isTerminal(status: RuntimeStatus): boolean {
  return TERMINAL.has(status);
}

export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function projectStatus(record: InstanceRecord, history: HistoryEvent[] | undefined, options: StatusOptions = {}): InstanceStatus {
  const status: InstanceStatus = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.runtimeStatus,
    input: options.showInput === false ? null : parseJsonText(record.input),
    customStatus: parseJsonText(record.customStatus),
    output: parseJsonText(record.output),
    createdTime: record.createdTime,
    lastUpdatedTime: record.lastUpdatedTime,
  };
  if (options.showHistory && history) status.historyEvents = projectHistory(history, options.showHistoryOutput === true);
  return status;
}

/**
 * The HTTP API's history view: episode markers are left out and every answer names the work it answers and when
 * that was scheduled, as the Durable Functions extension presents it.
 */
function projectHistory(history: HistoryEvent[], showOutput: boolean): Record<string, unknown>[] {
  const scheduled = new Map<number, HistoryEvent>();
  const view: Record<string, unknown>[] = [];
  for (const event of history) {
    switch (event.EventType) {
      case EventType.OrchestratorStarted:
      case EventType.OrchestratorCompleted:
        continue;
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        scheduled.set(event.EventId, event);
        continue;
    }
    const entry: Record<string, unknown> = { EventType: eventTypeName(event.EventType), Timestamp: event.Timestamp };
    const answered = event.TaskScheduledId !== undefined ? scheduled.get(event.TaskScheduledId) : undefined;
    if (answered) {
      entry.FunctionName = answered.Name;
      entry.ScheduledTime = answered.Timestamp;
    }
    if (event.Name !== undefined) entry.Name = event.Name;
    if (event.EventType === EventType.ExecutionStarted) entry.FunctionName = event.Name;
    if (event.FireAt !== undefined) entry.FireAt = event.FireAt;
    if (event.OrchestrationStatus !== undefined) entry.OrchestrationStatus = event.OrchestrationStatus;
    if (event.Reason !== undefined) entry.Reason = event.Reason;
    if (event.Details !== undefined) entry.Details = event.Details;
    if (showOutput) {
      if (event.Input !== undefined) entry.Input = parseJsonText(event.Input);
      if (event.Result !== undefined) entry.Result = parseJsonText(event.Result);
    }
    view.push(entry);
  }
  return view;
}
