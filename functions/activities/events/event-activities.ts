// Operation events out, as CloudEvents 1.0 on Event Grid. The event id is derived from the operation (and the
// approval step), so when the activity runs twice subscribers can drop the repeat by id.
import type { EventGridPublisherClient, SendCloudEventInput } from "@azure/eventgrid";
import type { Operation } from "@standby/client/contract";
import type { OperationEventInput } from "../contracts";

export type CloudEventPublisher = Pick<EventGridPublisherClient<"CloudEvent">, "send">;

export interface EventActivityDeps {
  publisher: CloudEventPublisher;
}

export interface EventActivities {
  publishOperationEvent(input: OperationEventInput): Promise<void>;
}

/** What subscribers get: enough to act and to find the operation, not the whole timeline. */
export interface OperationEventData {
  operationId: string;
  plan: string;
  kind: Operation["kind"];
  status: Operation["status"];
  startedBy: string;
  reason: string;
  pendingApproval?: Operation["pendingApproval"];
  result?: Operation["result"];
  error?: Operation["error"];
}

export function operationEvent(input: OperationEventInput): SendCloudEventInput<OperationEventData> {
  const { operation } = input;
  const step = input.type === "Standby.Operation.ApprovalRequired" ? operation.pendingApproval?.stepId : undefined;
  return {
    type: input.type,
    source: `/standby/plans/${operation.plan}`,
    subject: `operations/${operation.id}`,
    id: [operation.id, input.type, ...(step === undefined ? [] : [step])].join("/"),
    time: new Date(operation.updatedAt),
    datacontenttype: "application/json",
    data: {
      operationId: operation.id,
      plan: operation.plan,
      kind: operation.kind,
      status: operation.status,
      startedBy: operation.startedBy,
      reason: operation.reason,
      ...(operation.pendingApproval === undefined ? {} : { pendingApproval: operation.pendingApproval }),
      ...(operation.result === undefined ? {} : { result: operation.result }),
      ...(operation.error === undefined ? {} : { error: operation.error }),
    },
  };
}

export function createEventActivities(deps: EventActivityDeps): EventActivities {
  return {
    async publishOperationEvent(input) {
      await deps.publisher.send([operationEvent(input)]);
    },
  };
}
