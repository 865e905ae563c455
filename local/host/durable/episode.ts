// One orchestrator episode: append the delivered events after an OrchestratorStarted, replay the whole history
// through the app's orchestrator function, check its decisions against the recorded ones, record the new ones,
// and close with OrchestratorCompleted, as the Durable Task Framework does for every work item.
import { randomUUID } from "node:crypto";
import { decodeActions, type DecodedActions } from "./actions";
import { newDecisions, recordedDecisions } from "./action-matcher";
import { nextStep } from "./composites";
import type { FunctionInvoker } from "./contract";
import { EpisodeOutput, toJsonText } from "./decision-recorder";
import { errorMessage, orchestrationFailure } from "./failure";
import { EventType, historyEvent, type FailureDetails, type HistoryEvent } from "./history";
import { messageIds, type OrchestratorMessage } from "./messages";
import { orchestratorPayload, readOrchestratorError, readOrchestratorResult, type OrchestratorOutcome, type OrchestratorState } from "./orchestrator-io";
import type { InstanceRecord } from "./store";

export interface EpisodeInput {
  record: InstanceRecord;
  history: HistoryEvent[];
  /** Deliverable messages in order; a control message (terminate/suspend/resume) comes alone. */
  batch: OrchestratorMessage[];
  nowMs: number;
  invoker: FunctionInvoker;
  nextSequence: () => number;
}

export interface EpisodePlan {
  output: EpisodeOutput;
  /** ContinueAsNew: the record now describes a fresh execution with an empty history. */
  startedNewExecution: boolean;
}

export async function runEpisode(input: EpisodeInput): Promise<EpisodePlan> {
  const record: InstanceRecord = structuredClone(input.record);
  const out = new EpisodeOutput(record, input.nowMs, input.nextSequence);
  record.lastConsumedMessageIds = input.batch.map((message) => message.id);
  record.lastUpdatedTime = out.now;
  out.events.push(historyEvent(EventType.OrchestratorStarted, out.now));

  const control = input.batch.length === 1 ? input.batch[0]!.control : undefined;
  if (control) {
    applyControl(out, control, input.batch[0]!.event);
    out.events.push(historyEvent(EventType.OrchestratorCompleted, out.now));
    return { output: out, startedNewExecution: false };
  }

  if (!input.history.some((event) => event.EventType === EventType.ExecutionStarted)) {
    out.events.push(executionStarted(record, out.now));
    record.runtimeStatus = "Running";
  }
  for (const message of input.batch) out.events.push(message.event);

  const outcome = await invokeOrchestrator(input, out.events);
  const startedNewExecution = applyOutcome(out, input, outcome);
  if (!startedNewExecution) out.events.push(historyEvent(EventType.OrchestratorCompleted, out.now));
  return { output: out, startedNewExecution };
}

function executionStarted(record: InstanceRecord, now: string): HistoryEvent {
  return historyEvent(EventType.ExecutionStarted, now, {
    Name: record.name,
    Input: record.input ?? "null",
    OrchestrationInstance: { InstanceId: record.instanceId, ExecutionId: record.executionId },
    ParentInstance: record.parent
      ? {
          Name: record.parent.name,
          TaskScheduleId: record.parent.taskId,
          OrchestrationInstance: { InstanceId: record.parent.instanceId, ExecutionId: record.parent.executionId },
        }
      : undefined,
  });
}

async function invokeOrchestrator(input: EpisodeInput, newEvents: HistoryEvent[]): Promise<OrchestratorOutcome> {
  const { record } = input;
  const payload = orchestratorPayload({
    instanceId: record.instanceId,
    parentInstanceId: record.parent?.instanceId,
    input: record.input === undefined ? undefined : JSON.parse(record.input),
    past: input.history,
    fresh: newEvents,
  });
  try {
    const result = await input.invoker.invoke("orchestration", record.name, payload, { instanceId: record.instanceId, invocationId: randomUUID() });
    return readOrchestratorResult(result);
  } catch (error) {
    return readOrchestratorError(error);
  }
}

/** Returns true when the orchestrator continued as new. */
function applyOutcome(out: EpisodeOutput, input: EpisodeInput, outcome: OrchestratorOutcome): boolean {
  const { record } = out;
  const state: OrchestratorState | undefined = outcome.state;
  if (state && state.customStatus !== undefined) record.customStatus = toJsonText(state.customStatus);

  let decoded: DecodedActions | undefined;
  let fresh: ReturnType<typeof newDecisions> = [];
  if (state) {
    try {
      decoded = decodeActions(state.actions);
      fresh = newDecisions(recordedDecisions(input.history, new Set(record.internalEventIds)), decoded.decisions);
    } catch (error) {
      failExecution(out, errorMessage(error), { ErrorType: (error as Error).name ?? "Error", ErrorMessage: errorMessage(error) });
      return false;
    }
  }
  if (outcome.kind === "failed") {
    failExecution(out, outcome.message, state?.failureDetails ?? { ErrorType: "Error", ErrorMessage: outcome.message, StackTrace: outcome.stack });
    return false;
  }

  for (const decision of fresh) out.recordDecision(decision);
  advanceComposites(out, input.batch);

  if (!outcome.state.isDone) return false;
  if (decoded?.continueAsNew) {
    continueAsNew(out, decoded.continueAsNew.input);
    return true;
  }
  completeExecution(out, outcome.state.output);
  return false;
}

/**
 * Retries and long timers: the library consumes their sequence numbers while it processes the events, after the
 * decisions the earlier events in the batch led to; the engine batches so that such an event is the last one.
 */
function advanceComposites(out: EpisodeOutput, batch: OrchestratorMessage[]): void {
  const { record } = out;
  for (const message of batch) {
    const event = message.event;
    const id = event.EventType === EventType.TimerFired ? event.TimerId : event.TaskScheduledId;
    if (id === undefined || !record.composites[String(id)]) continue;
    const step = nextStep(record, event, out.nowMs);
    const composite = record.composites[String(id)]!;
    delete record.composites[String(id)];
    switch (step.kind) {
      case "retryTimer": {
        const timerId = out.takeInternalEventId();
        out.scheduleTimer(timerId, step.fireAt);
        record.composites[String(timerId)] = composite;
        break;
      }
      case "reschedule": {
        const taskId = out.takeInternalEventId();
        const retry = { ...step.composite, attempts: step.composite.attempts + 1 };
        if (retry.target === "activity") out.scheduleActivity(taskId, retry.name, retry.input);
        else out.scheduleSubOrchestration(taskId, retry.name, retry.input, retry.subInstanceId);
        record.composites[String(taskId)] = retry;
        break;
      }
      case "nextTimerSegment": {
        const timerId = out.takeInternalEventId();
        out.scheduleTimer(timerId, step.fireAt);
        record.composites[String(timerId)] = composite;
        break;
      }
      case "none":
        break;
    }
  }
}

function completeExecution(out: EpisodeOutput, output: unknown): void {
  const { record } = out;
  const result = toJsonText(output);
  out.events.push(historyEvent(EventType.ExecutionCompleted, out.now, { OrchestrationStatus: "Completed", Result: result }));
  record.runtimeStatus = "Completed";
  record.output = result;
  record.composites = {};
  if (record.parent) {
    out.send(answerToParent(out, historyEvent(EventType.SubOrchestrationInstanceCompleted, out.now, { TaskScheduledId: record.parent.taskId, Result: result })));
  }
}

function failExecution(out: EpisodeOutput, message: string, details: FailureDetails): void {
  const { record } = out;
  const failure = orchestrationFailure(record.name, message, details);
  out.events.push(historyEvent(EventType.ExecutionCompleted, out.now, { OrchestrationStatus: "Failed", Result: failure.Reason, FailureDetails: details }));
  record.runtimeStatus = "Failed";
  record.output = JSON.stringify(failure.Reason);
  record.failureDetails = details;
  record.composites = {};
  if (record.parent) {
    out.send(answerToParent(out, historyEvent(EventType.SubOrchestrationInstanceFailed, out.now, { TaskScheduledId: record.parent.taskId, Reason: failure.Reason, Details: failure.Details })));
  }
}

function continueAsNew(out: EpisodeOutput, newInput: unknown): void {
  const { record } = out;
  record.executionId = randomUUID().replace(/-/g, "");
  record.input = toJsonText(newInput);
  record.historyLength = 0;
  record.nextEventId = 0;
  record.composites = {};
  record.internalEventIds = [];
  record.runtimeStatus = "Running";
  record.output = undefined;
}

function applyControl(out: EpisodeOutput, control: NonNullable<OrchestratorMessage["control"]>, event: HistoryEvent): void {
  const { record } = out;
  switch (control) {
    case "terminate": {
      out.events.push(event);
      record.runtimeStatus = "Terminated";
      record.output = event.Input ?? "null";
      record.composites = {};
      if (record.parent) {
        const reason = `Orchestration '${record.instanceId}' was terminated: ${JSON.parse(event.Input ?? "null")}`;
        out.send(answerToParent(out, historyEvent(EventType.SubOrchestrationInstanceFailed, out.now, { TaskScheduledId: record.parent.taskId, Reason: reason, Details: "" })));
      }
      return;
    }
    case "suspend":
      out.events.push(event);
      record.runtimeStatus = "Suspended";
      return;
    case "resume":
      out.events.push(event);
      record.runtimeStatus = "Running";
      return;
  }
}

function answerToParent(out: EpisodeOutput, event: HistoryEvent): OrchestratorMessage {
  const parent = out.record.parent!;
  return {
    kind: "orchestrator",
    id: messageIds.answer(parent.instanceId, parent.executionId, parent.taskId),
    sequence: out.sequence(),
    instanceId: parent.instanceId,
    executionId: parent.executionId,
    answers: parent.taskId,
    event,
  };
}
