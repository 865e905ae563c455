// Operation events: CloudEvents with the plan as source, an id derived from the operation (so a repeated publish
// can be dropped by subscribers), and the operation's outcome in the data.
import type { SendCloudEventInput } from "@azure/eventgrid";
import { createEventActivities, operationEvent } from "../../../functions/activities/events/event-activities";
import type { Operation } from "@standby/client/contract";

const operation: Operation = {
  id: "failover-1",
  plan: "shop",
  kind: "failover",
  status: "waitingForApproval",
  startedBy: "alice",
  reason: "region down",
  createdAt: "2026-01-01T10:00:00.000Z",
  updatedAt: "2026-01-01T10:05:00.000Z",
  steps: [],
  pendingApproval: { stepId: "failover/web/after/0", prompt: "Open?", requestedAt: "2026-01-01T10:05:00.000Z", timeoutAt: "2026-01-01T10:35:00.000Z", onTimeout: "reject" },
};

describe("publishOperationEvent", () => {
  it("sends one CloudEvent with the plan as source", async () => {
    const sent: SendCloudEventInput<unknown>[][] = [];
    const activities = createEventActivities({ publisher: { send: async (events: SendCloudEventInput<unknown>[]) => void sent.push(events) } as never });
    await activities.publishOperationEvent({ type: "Standby.Operation.ApprovalRequired", operation });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.[0]).toMatchObject({
      type: "Standby.Operation.ApprovalRequired",
      source: "/standby/plans/shop",
      subject: "operations/failover-1",
      id: "failover-1/Standby.Operation.ApprovalRequired/failover/web/after/0",
      data: { operationId: "failover-1", plan: "shop", status: "waitingForApproval", pendingApproval: { prompt: "Open?" } },
    });
  });

  it("gives the same event the same id, and different events different ids", () => {
    const started = operationEvent({ type: "Standby.Operation.Started", operation });
    expect(operationEvent({ type: "Standby.Operation.Started", operation }).id).toBe(started.id);
    expect(operationEvent({ type: "Standby.Operation.Completed", operation }).id).not.toBe(started.id);
  });
});
