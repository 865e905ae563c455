// Between @azure/functions and the API's own request and response types: every HTTP registration uses these two, so
// the caller's identity, the body and the JSON answer are handled the same way on every route.
import type { HttpRequest, HttpResponseInit } from "@azure/functions";
import type { ApiRequest, ApiResponse } from "./api-types";
import { callerIdentity, type CallerAuthentication } from "./caller";

/** `authentication` says whether the platform vouches for the principal headers (the app's configuration does). */
export function toApiRequest(request: HttpRequest, authentication: CallerAuthentication): ApiRequest {
  const url = new URL(request.url);
  const header = (name: string): string | undefined => request.headers.get(name) ?? undefined;
  return {
    method: request.method,
    pathAndQuery: `${url.pathname}${url.search}`,
    params: request.params,
    query: request.query,
    header,
    body: async () => Buffer.from(await request.arrayBuffer()),
    caller: callerIdentity(header, authentication),
  };
}

/** JSON bodies are serialized; an HTML page (a drill report) is a string and goes out as it is. */
export function toHttpResponse(response: ApiResponse): HttpResponseInit {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.body === undefined) return { status: response.status, headers };
  if (typeof response.body === "string" && headers["Content-Type"]?.startsWith("text/html")) return { status: response.status, headers, body: response.body };
  headers["Content-Type"] ??= "application/json; charset=utf-8";
  return { status: response.status, headers, body: JSON.stringify(response.body) };
}
