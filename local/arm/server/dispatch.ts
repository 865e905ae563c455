// The ARM request pipeline: throttling (wall-clock token buckets), injected faults, api-version, subscription and
// resource group, routing, and ARM's error shape for anything that goes wrong. Every call is logged.
import { randomUUID } from "node:crypto";
import type { Estate } from "../../estates/estate";
import { checkApiVersion } from "./api-version";
import { ArmError, errorBody } from "./arm-error";
import type { Faults } from "./faults";
import { parseJsonBody } from "./http-io";
import type { RequestLog } from "./request-log";
import type { ArmResponse, Router } from "./router";
import { type Throttle, requestKind } from "./throttling";

export interface DispatchDependencies {
  estate: Estate;
  router: Router;
  throttle: Throttle;
  faults: Faults;
  log: RequestLog;
  onUnexpectedError(error: unknown): void;
}

export interface RawArmRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  bodyText: string;
  baseUrl: string;
}

export async function dispatchArm(deps: DispatchDependencies, raw: RawArmRequest): Promise<ArmResponse> {
  const kind = requestKind(raw.method);
  const headers: Record<string, string> = { "x-ms-request-id": randomUUID(), "x-ms-correlation-request-id": randomUUID() };
  let response: ArmResponse;
  try {
    const decision = deps.throttle.take(kind);
    if (decision && !decision.allowed) {
      throw new ArmError(429, "SubscriptionRequestsThrottled", `Number of ${kind === "reads" ? "read" : "write"} requests for subscription '${deps.estate.subscriptionId}' exceeded the limit. Please try again after '${decision.retryAfterSeconds}' seconds.`, {
        "Retry-After": String(decision.retryAfterSeconds),
      });
    }
    if (decision) headers[`x-ms-ratelimit-remaining-subscription-${kind}`] = String(decision.remaining);
    const fault = deps.faults.drawRequestFault();
    if (fault?.status === 429) throw new ArmError(429, "TooManyRequests", "The request was throttled (injected fault). Retry after 1 second.", { "Retry-After": "1" });
    if (fault?.status === 500) throw new ArmError(500, "InternalServerError", "The server encountered an internal error (injected fault).");
    checkApiVersion(raw.path, raw.query);
    const match = deps.router.match(raw.method, raw.path);
    if (match.kind === "none") throw new ArmError(404, "InvalidResourceType", `The resource type for '${raw.path}' could not be found.`);
    if (match.kind === "wrongMethod") throw new ArmError(405, "MethodNotAllowed", `The method '${raw.method}' is not supported on '${raw.path}'.`);
    checkScope(deps.estate, match.params);
    const body = raw.method === "GET" || raw.method === "DELETE" ? undefined : parseJsonBody(raw.bodyText);
    response = await match.handler({ method: raw.method, path: raw.path, query: raw.query, body, baseUrl: raw.baseUrl }, match.params);
  } catch (error) {
    if (error instanceof ArmError) {
      response = { status: error.status, body: errorBody(error.code, error.message), headers: error.headers };
    } else {
      deps.onUnexpectedError(error);
      response = { status: 500, body: errorBody("InternalServerError", `The emulator failed to handle the request: ${(error as Error).message}`) };
    }
  }
  deps.log.record({ time: new Date().toISOString(), method: raw.method, path: raw.path, status: response.status, apiVersion: raw.query.get("api-version") });
  const loseAnswer = deps.faults.drawLostAnswer(raw.method, response.status);
  return { ...response, headers: { ...headers, ...(response.headers ?? {}) }, ...(loseAnswer ? { loseAnswer } : {}) };
}

function checkScope(estate: Estate, params: Record<string, string>): void {
  if (params.subscription !== undefined && params.subscription.toLowerCase() !== estate.subscriptionId.toLowerCase()) {
    throw new ArmError(404, "SubscriptionNotFound", `The subscription '${params.subscription}' could not be found.`);
  }
  if (params.resourceGroup !== undefined && params.resourceGroup.toLowerCase() !== estate.resourceGroup.toLowerCase()) {
    throw new ArmError(404, "ResourceGroupNotFound", `Resource group '${params.resourceGroup}' could not be found.`);
  }
}
