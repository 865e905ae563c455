// Starting a drill, for `POST /plans/{plan}/drills` and for the drill scheduler alike: the plan must exist and have
// drill settings, then it is launched exactly as a failover is (operation-launch.ts), so a drill never runs beside a
// failover, commit or failback of its plan or of a plan sharing an item with it, and never two at once for one
// plan. A failed start releases the lock.
import { API_BASE_PATH, DrillRequestSchema, type DrillRequest, type Operation } from "@standby/client/contract";
import { DomainError, planNotFound } from "../../core/errors";
import { startOperation } from "../../core/operation/progress";
import { sequenceOperation } from "../../core/plan/sequence";
import type { OperationStart } from "../../orchestrations/contract";
import { DRILL_ORCHESTRATION } from "../../orchestrations/drill-names";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import { launchOperation } from "../operation-launch";
import { planNameParam, readBody } from "../request-input";
import { POLL_AFTER_SECONDS } from "./start-operation";

const NO_REASON = "No reason given.";

export type DrillStartDependencies = Pick<ApiDependencies, "plans" | "lock" | "engine" | "operations" | "now" | "newOperationId" | "reportError">;

/** Starts a drill of `planName`; throws PlanNotFound, PlanNotCapable or OperationConflict (nothing started then). */
export async function beginDrill(deps: DrillStartDependencies, planName: string, body: DrillRequest, startedBy: string): Promise<Operation> {
  const stored = await deps.plans.get(planName);
  if (stored === undefined) throw planNotFound(planName);
  if (stored.plan.drill === undefined) {
    throw new DomainError("PlanNotCapable", `Plan "${planName}" has no drill settings: add drill.testNetworkId, drill.schedule and drill.probes.`);
  }
  const operationId = deps.newOperationId("drill");
  const requestedAtMs = deps.now();
  const reason = body.reason ?? NO_REASON;
  const operation = startOperation({ id: operationId, plan: planName, kind: "drill", startedBy, reason, stages: sequenceOperation(stored.plan, "drill"), atMs: requestedAtMs });
  const input: OperationStart = {
    operationId,
    kind: "drill",
    plan: stored.plan,
    planEtag: stored.etag,
    request: { reason, ...(body.recoveryPoint === undefined ? {} : { recoveryPoint: body.recoveryPoint }) },
    startedBy,
    requestedAtMs,
  };
  await launchOperation(deps, DRILL_ORCHESTRATION.drill, input, operation);
  return operation;
}

export const startDrill: RouteHandler = async (request, deps) => {
  const planName = planNameParam(request);
  const body = await readBody<DrillRequest>(request, DrillRequestSchema);
  const operation = await beginDrill(deps, planName, body, request.caller);
  return {
    status: 202,
    headers: { Location: `${API_BASE_PATH}/operations/${operation.id}`, "Retry-After": String(POLL_AFTER_SECONDS) },
    body: operation,
  };
};
