// The Functions side of the two health routes: the contract's method and path, a function key (authLevel
// "function": an estate's health is sensitive), the request adapted to the API's own request type, and the
// handler run through the shared problem+json wrapper.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import { ROUTES } from "@standby/client/contract";
import type { ApiRequest, ApiResponse } from "../api-types";
import { callerIdentity } from "../caller";
import type { RouteHandler } from "../dependencies";

export interface HealthRoute {
  name: string;
  method: "GET";
  route: string;
  handler: RouteHandler;
}

export function healthRoutes(handlers: { getHealth: RouteHandler; getPlanHealth: RouteHandler }): HealthRoute[] {
  return ROUTES.filter((definition) => definition.operationId === "getHealth" || definition.operationId === "getPlanHealth").map((definition) => ({
    name: definition.operationId,
    method: "GET",
    route: `v1${definition.path}`,
    handler: handlers[definition.operationId as "getHealth" | "getPlanHealth"],
  }));
}

export function toApiRequest(request: HttpRequest): ApiRequest {
  const url = new URL(request.url);
  const header = (name: string): string | undefined => request.headers.get(name) ?? undefined;
  return {
    method: request.method,
    pathAndQuery: `${url.pathname}${url.search}`,
    params: request.params,
    query: request.query,
    header,
    body: async () => Buffer.from(await request.arrayBuffer()),
    caller: callerIdentity(header),
  };
}

export function toHttpResponse(response: ApiResponse): HttpResponseInit {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body === undefined) return { status: response.status, headers };
  headers["Content-Type"] ??= "application/json; charset=utf-8";
  return { status: response.status, headers, body: JSON.stringify(response.body) };
}
