// Runs one activity message through the app and produces the answer for its orchestration.
import { randomUUID } from "node:crypto";
import type { FunctionInvoker } from "./contract";
import { toJsonText } from "./decision-recorder";
import { activityFailure } from "./failure";
import { EventType, historyEvent } from "./history";
import { messageIds, type ActivityMessage, type OrchestratorMessage } from "./messages";

export async function runActivity(
  invoker: FunctionInvoker,
  message: ActivityMessage,
  now: () => string,
  sequence: () => number,
): Promise<OrchestratorMessage> {
  let event;
  try {
    const result = await invoker.invoke("activity", message.name, message.input, { instanceId: message.instanceId, invocationId: randomUUID() });
    event = historyEvent(EventType.TaskCompleted, now(), { TaskScheduledId: message.taskId, Result: toJsonText(result) });
  } catch (error) {
    event = historyEvent(EventType.TaskFailed, now(), { TaskScheduledId: message.taskId, ...activityFailure(message.name, error) });
  }
  return {
    kind: "orchestrator",
    // The same id for every run of the same activity, so a re-run after a crash replaces rather than repeats.
    id: messageIds.answer(message.instanceId, message.executionId, message.taskId),
    sequence: sequence(),
    instanceId: message.instanceId,
    executionId: message.executionId,
    answers: message.taskId,
    event,
  };
}
