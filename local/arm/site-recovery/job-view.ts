// How jobs and operation statuses look on the wire.
import type { JobRecord, OperationRecord } from "./records";
import { TYPE_PREFIX, iso } from "./wire";

export function describeJobState(state: JobRecord["state"]): string {
  switch (state) {
    case "Succeeded":
      return "Completed";
    case "InProgress":
      return "In progress";
    case "Suspended":
      return "Waiting for user action";
    default:
      return state;
  }
}

export function jobView(job: JobRecord): unknown {
  return {
    id: job.id,
    name: job.name,
    type: `${TYPE_PREFIX}/replicationJobs`,
    properties: {
      activityId: `${job.name} ActivityId: ${job.name}`,
      scenarioName: job.scenarioName,
      friendlyName: job.friendlyName,
      state: job.state,
      stateDescription: describeJobState(job.state),
      startTime: iso(job.startMs),
      endTime: iso(job.endMs),
      allowedActions: job.state === "InProgress" ? ["Cancel"] : job.state === "Suspended" ? ["Cancel", "Resume"] : [],
      targetObjectId: job.targetName,
      targetObjectName: job.targetFriendlyName,
      targetInstanceType: job.targetKind,
      customDetails: { instanceType: "AsrJobDetails", affectedObjectDetails: { TargetId: job.targetId } },
      tasks: job.tasks.map((task, index) => ({
        taskId: `${job.name}-${index}`,
        name: task.name,
        friendlyName: task.friendlyName,
        state: task.manual && task.state === "InProgress" ? "Suspended" : task.state,
        stateDescription: describeJobState(task.state),
        startTime: iso(task.startMs),
        endTime: iso(task.endMs),
        allowedActions: task.manual && task.state === "InProgress" ? ["Resume"] : [],
        taskType: "TaskDetails",
        customDetails: { instanceType: "ManualActionTaskDetails", name: task.friendlyName },
        errors: job.errors.filter((error) => error.taskId === task.name).map((error) => jobErrorView(error)),
      })),
      errors: job.errors.map((error) => jobErrorView(error)),
    },
  };
}

function jobErrorView(error: JobRecord["errors"][number]): unknown {
  return {
    serviceErrorDetails: {
      code: error.code,
      message: error.message,
      possibleCauses: error.message,
      recommendedAction: "Resolve the issue and retry the operation.",
      activityId: error.taskId,
    },
    providerErrorDetails: undefined,
    errorLevel: "Error",
    creationTime: iso(error.creationMs),
    taskId: error.taskId,
  };
}

export function operationStatusView(operation: OperationRecord): unknown {
  const status = operation.status();
  return {
    id: `${operation.vault.id}/replicationOperationStatus/${operation.name}`,
    name: operation.name,
    status: status.status,
    startTime: iso(operation.startMs),
    endTime: iso(status.endMs),
    error: status.error,
  };
}
