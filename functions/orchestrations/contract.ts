// The seam between the HTTP starters (functions/http) and the durable workflows (functions/orchestrations):
// orchestration and event names, and what a starter hands a new operation. The operation id IS the durable
// instance id, so `GET /operations/{id}` reads the instance and the stored timeline by the same key.
import type { FailoverRequest, Operation, OperationKind, Plan } from "@standby/client/contract";

export const ORCHESTRATION = {
  failover: "failoverOrchestration",
  commit: "commitOrchestration",
  failback: "failbackOrchestration",
  /** One protected item through one ASR action, watched on durable timers; a sub-orchestration per item. */
  itemAction: "itemActionOrchestration",
} as const;

/** External events an operation waits for. */
export const OPERATION_EVENT = {
  approval: "approval",
  cancel: "cancel",
} as const;

export interface ApprovalEventData {
  decision: "approved" | "rejected";
  /** The authenticated caller who decided. */
  by: string;
  comment?: string;
  /** The approval step decided on; a decision for another step is ignored. */
  stepId?: string;
}

export interface CancelEventData {
  by: string;
  reason?: string;
}

/** What a starter passes as the orchestration input: everything the workflow needs, fixed at start. */
export interface OperationStart {
  operationId: string;
  kind: OperationKind;
  /** The plan as it was when the operation started (later edits do not change a running operation). */
  plan: Plan;
  planEtag: string;
  /** Failover options; commit and failback carry only reason/force. */
  request: Partial<FailoverRequest> & { reason: string };
  startedBy: string;
  /** Epoch ms of the request, for the timeline (the orchestrator's own clock takes over from there). */
  requestedAtMs: number;
}

/** The orchestration's custom status and output are the operation document itself (the wire shape). */
export type OperationDocument = Operation;
