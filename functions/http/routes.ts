// The API's routes: each handler is attached to an operation of the wire contract (sdk/src/contract/routes.ts), so
// method and path come from the same table the OpenAPI document and the SDK are built from and cannot drift.
import { ROUTES, type RouteDefinition } from "@standby/client/contract";
import type { ApiRequest, ApiResponse } from "./api-types";
import type { ApiDependencies, RouteHandler } from "./dependencies";
import { approvalHandler, cancelOperation } from "./handlers/decisions";
import { importPlan } from "./handlers/import-plan";
import { getOpenApiDocument } from "./handlers/openapi";
import { getOperation, listOperations } from "./handlers/operations";
import { deletePlan, getPlan, listPlans, putPlan } from "./handlers/plans";
import { startOperationHandler } from "./handlers/start-operation";
import { validatePlanReadiness } from "./handlers/validate-plan";
import { problemFromError } from "./problem";

/** Handlers by the contract's operationId; routes of the contract without one here are served by other parts. */
export const HANDLERS: Readonly<Record<string, RouteHandler>> = {
  listPlans,
  getPlan,
  createOrUpdatePlan: putPlan,
  deletePlan,
  validatePlan: validatePlanReadiness,
  importPlan,
  startFailover: startOperationHandler("failover"),
  startCommit: startOperationHandler("commit"),
  startFailback: startOperationHandler("failback"),
  listOperations,
  getOperation,
  approveOperation: approvalHandler("approved"),
  rejectOperation: approvalHandler("rejected"),
  cancelOperation,
  getOpenApiDocument,
};

export interface ApiRoute {
  /** The function's name: the contract's operationId. */
  name: string;
  method: "GET" | "PUT" | "POST" | "DELETE";
  /** Route template below the host's `api` prefix, e.g. `v1/plans/{plan}`. */
  route: string;
  handler: RouteHandler;
}

export function apiRoutes(): ApiRoute[] {
  return ROUTES.filter((definition) => HANDLERS[definition.operationId] !== undefined).map((definition: RouteDefinition) => ({
    name: definition.operationId,
    method: definition.method.toUpperCase() as ApiRoute["method"],
    route: `v1${definition.path}`,
    handler: HANDLERS[definition.operationId] as RouteHandler,
  }));
}

/** Runs a handler; whatever it throws becomes a problem+json response. */
export async function runHandler(handler: RouteHandler, request: ApiRequest, deps: ApiDependencies): Promise<ApiResponse> {
  try {
    return await handler(request, deps);
  } catch (error) {
    return problemFromError(error, request.pathAndQuery.split("?")[0] as string, deps.reportError);
  }
}
