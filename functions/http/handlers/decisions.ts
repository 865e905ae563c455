// Decisions on a running operation, delivered as durable external events: approve or reject the pending approval
// step, or cancel. Who decided is the authenticated caller, never a name from the body.
import {
  API_BASE_PATH,
  ApprovalDecisionRequestSchema,
  CancelRequestSchema,
  type ApprovalDecisionRequest,
  type CancelRequest,
  type Operation,
} from "@standby/client/contract";
import { DomainError } from "../../core/errors";
import { OPERATION_EVENT, type ApprovalEventData, type CancelEventData } from "../../orchestrations/contract";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import { isEngineActive } from "../operation-engine";
import { isTerminal } from "../operation-view";
import { operationIdParam, readBody } from "../request-input";
import { loadOperationAndInstance } from "./operations";

export function approvalHandler(decision: ApprovalEventData["decision"]): RouteHandler {
  return async (request, deps) => {
    const id = operationIdParam(request);
    const body = await readBody<ApprovalDecisionRequest>(request, ApprovalDecisionRequestSchema);
    const operation = await runningOperation(id, deps);
    if (operation.pendingApproval === undefined) {
      throw new DomainError("OperationNotWaitingForApproval", `Operation ${id} is not waiting for an approval.`);
    }
    const data: ApprovalEventData = {
      decision,
      by: request.caller,
      ...(body.comment === undefined ? {} : { comment: body.comment }),
      ...(operation.pendingApproval.stepId === undefined ? {} : { stepId: operation.pendingApproval.stepId }),
    };
    await deps.engine.raise(id, OPERATION_EVENT.approval, data);
    return { status: 200, body: operation };
  };
}

export const cancelOperation: RouteHandler = async (request, deps) => {
  const id = operationIdParam(request);
  const body = await readBody<CancelRequest>(request, CancelRequestSchema);
  const operation = await runningOperation(id, deps);
  const data: CancelEventData = { by: request.caller, ...(body.reason === undefined ? {} : { reason: body.reason }) };
  await deps.engine.raise(id, OPERATION_EVENT.cancel, data);
  return { status: 202, headers: { Location: `${API_BASE_PATH}/operations/${id}` }, body: operation };
};

/** The operation, if a decision can still reach it: not ended, and still known to the workflow engine. */
async function runningOperation(id: string, deps: ApiDependencies): Promise<Operation> {
  const { operation, instance } = await loadOperationAndInstance(id, deps);
  if (isTerminal(operation)) throw new DomainError("OperationFinished", `Operation ${id} has already ended (${operation.status}).`);
  if (instance === undefined || !isEngineActive(instance)) {
    throw new DomainError("OperationFinished", `Operation ${id} no longer runs in the workflow engine; only its stored timeline remains.`);
  }
  return operation;
}
