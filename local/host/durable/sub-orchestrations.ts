// Starting the sub-orchestrations an episode asked for: a new instance per child, nothing when the child already
// exists for the same parent task (the episode is being repeated after a crash), and a failure answer to the
// parent when the id belongs to another instance that is still running.
import type { ChildStart } from "./decision-recorder";
import { EventType, historyEvent } from "./history";
import { messageIds, type OrchestratorMessage } from "./messages";
import { isTerminal } from "./status";
import type { InstanceRecord, ParentLink } from "./store";

export interface ChildPlan {
  create: InstanceRecord[];
  rejections: OrchestratorMessage[];
}

export function planChildren(args: {
  starts: ChildStart[];
  existing: (instanceId: string) => InstanceRecord | undefined;
  newRecord: (start: ChildStart) => InstanceRecord;
  now: string;
  sequence: () => number;
}): ChildPlan {
  const plan: ChildPlan = { create: [], rejections: [] };
  for (const start of args.starts) {
    const existing = args.existing(start.instanceId);
    if (existing?.parent && sameTask(existing.parent, start.parent)) continue;
    if (existing && !isTerminal(existing.runtimeStatus)) {
      plan.rejections.push(rejection(start, args.now, args.sequence()));
      continue;
    }
    plan.create.push({ ...args.newRecord(start), parent: start.parent });
  }
  return plan;
}

function sameTask(a: ParentLink, b: ParentLink): boolean {
  return a.instanceId === b.instanceId && a.executionId === b.executionId && a.taskId === b.taskId;
}

function rejection(start: ChildStart, now: string, sequence: number): OrchestratorMessage {
  const { parent } = start;
  return {
    kind: "orchestrator",
    id: messageIds.answer(parent.instanceId, parent.executionId, parent.taskId),
    sequence,
    instanceId: parent.instanceId,
    executionId: parent.executionId,
    answers: parent.taskId,
    event: historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
      TaskScheduledId: parent.taskId,
      Reason: `an orchestration instance with id '${start.instanceId}' already exists and is not finished`,
      Details: "",
    }),
  };
}
