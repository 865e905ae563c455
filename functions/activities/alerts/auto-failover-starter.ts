// Starts the failover a policy decided on through the very path an operator's `POST /plans/{plan}/failover` takes
// (the HTTP starter: plan read, operation record, the plan's lock, then the orchestration under the operation id),
// so an automatic failover is the same operation, held to the same one-operation-per-plan rule. With approval
// required, the starter reads the plan with an approval step put in front (core/alerts/approval-gate).
import type { FailoverRequest } from "@standby/client/contract";
import { approvalPrompt, failoverReason, type PolicyDecision } from "../../core/alerts/policy";
import { withApprovalGate } from "../../core/alerts/approval-gate";
import { isDomainError } from "../../core/errors";
import type { ApiRequest } from "../../http/api-types";
import type { ApiDependencies } from "../../http/dependencies";
import { startOperationHandler } from "../../http/handlers/start-operation";
import type { StartOutcome } from "./alert-store";

/** Who an automatic failover is recorded as started by. */
export const AUTO_FAILOVER_CALLER = "standby:auto-failover";

const startFailover = startOperationHandler("failover");

export async function startAutoFailover(deps: ApiDependencies, decision: PolicyDecision): Promise<StartOutcome> {
  const body: FailoverRequest = { mode: "unplanned", reason: failoverReason(decision) };
  const bytes = Buffer.from(JSON.stringify(body));
  const request: ApiRequest = {
    method: "POST",
    pathAndQuery: `/api/v1/plans/${decision.plan}/failover`,
    params: { plan: decision.plan },
    query: new URLSearchParams(),
    header: (name) => (name.toLowerCase() === "content-type" ? "application/json" : name.toLowerCase() === "content-length" ? String(bytes.length) : undefined),
    body: async () => bytes,
    caller: AUTO_FAILOVER_CALLER,
  };
  const gated: ApiDependencies =
    decision.approval === "required"
      ? {
          ...deps,
          plans: {
            list: deps.plans.list.bind(deps.plans),
            put: deps.plans.put.bind(deps.plans),
            delete: deps.plans.delete.bind(deps.plans),
            get: async (name) => {
              const stored = await deps.plans.get(name);
              return stored === undefined ? undefined : { ...stored, plan: withApprovalGate(stored.plan, approvalPrompt(decision)) };
            },
          },
        }
      : deps;
  try {
    const response = await startFailover(request, gated);
    const operationId = (response.body as { id?: unknown } | undefined)?.id;
    if (response.status !== 202 || typeof operationId !== "string") {
      return { started: false, code: "StartFailed", message: `The failover starter answered ${response.status}.` };
    }
    return { started: true, operationId };
  } catch (error) {
    if (isDomainError(error)) return { started: false, code: error.code, message: error.message };
    throw error;
  }
}
