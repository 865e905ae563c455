// The host's public HTTP front: the app's routes under the route prefix (authLevel enforced), the extension
// webhooks behind the system key, and the admin API behind the master key.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FunctionRunner } from "../function-runner";
import type { HostLogger } from "../logger";
import type { DurableApi } from "../webhooks/durable-api";
import type { EventGridWebhook } from "../webhooks/event-grid";
import type { AdminApi } from "./admin-api";
import type { AppRoutes } from "./app-routes";
import { headersForApp } from "./app-service-auth";
import { isAuthorized, presentedKey, type AccessLevel, type HostKeys } from "./auth";
import { HttpError, readBody, sendEmpty, sendJson, sendText } from "./http-io";
import { toRpcHttp, writeRpcHttp } from "./http-trigger";

export const DURABLE_WEBHOOK_PATH = "/runtime/webhooks/durabletask";
export const EVENT_GRID_WEBHOOK_PATH = "/runtime/webhooks/eventgrid";

export interface FrontParts {
  keys: HostKeys;
  routes: AppRoutes;
  runner: FunctionRunner;
  durableApi: DurableApi | undefined;
  eventGrid: EventGridWebhook;
  admin: AdminApi;
  /** Stand in for App Service authentication: pass the callers' x-ms-client-principal* headers to the app. */
  appServiceAuth: boolean;
  log: HostLogger;
}

export class Front {
  constructor(private readonly parts: FrontParts) {}

  /** Serves one request; never rejects (failures become HTTP errors). */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      await this.dispatch(request, response);
    } catch (error) {
      respondWithError(response, error, this.parts.log);
    }
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
    const path = url.pathname;
    const method = (request.method ?? "GET").toUpperCase();
    const { durableApi } = this.parts;
    if (underPath(path, DURABLE_WEBHOOK_PATH) && durableApi) {
      this.authorize(request, url, "system");
      return durableApi.handle(request, response, path.slice(DURABLE_WEBHOOK_PATH.length), url);
    }
    if (path.toLowerCase() === EVENT_GRID_WEBHOOK_PATH) {
      this.authorize(request, url, "system");
      return this.parts.eventGrid.handle(request, response, url);
    }
    if (underPath(path, "/admin")) {
      this.authorize(request, url, "admin");
      return this.parts.admin.handle(request, response, path.slice("/admin".length));
    }
    if (path === "/" && (method === "GET" || method === "HEAD")) return sendText(response, 200, "Your Functions host is running.\n");
    const match = this.parts.routes.match(method, path);
    if (!match) throw new HttpError(404, `no function serves ${method} ${path}`);
    this.authorize(request, url, match.entry.authLevel);
    const body = await readBody(request);
    let result;
    try {
      const http = toRpcHttp(request, url, body, match.params);
      http.headers = headersForApp(http.headers ?? {}, this.parts.appServiceAuth);
      result = await this.parts.runner.invoke(match.entry, { http });
    } catch (error) {
      // Like the real host: the failure goes to the log, the caller gets a bare 500 without the app's error text.
      this.parts.log("error", `Function '${match.entry.name}' failed: ${(error as Error)?.stack ?? String(error)}`);
      return sendEmpty(response, 500);
    }
    writeRpcHttp(response, result.returnValue);
  }

  private authorize(request: IncomingMessage, url: URL, level: AccessLevel): void {
    if (!isAuthorized(level, presentedKey(request.headers, url), this.parts.keys)) {
      const needed = level === "system" ? "system or master" : level;
      throw new HttpError(401, `this endpoint needs a ${needed} key in the x-functions-key header or the code query parameter`);
    }
  }
}

export function underPath(path: string, base: string): boolean {
  const lower = path.toLowerCase();
  return lower === base || lower.startsWith(`${base}/`);
}

export function respondWithError(response: ServerResponse, error: unknown, log: HostLogger): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HttpError) {
    if (error.status === 401 || error.status === 404) return sendEmptyWithReason(response, error);
    return sendJson(response, error.status, { message: error.message });
  }
  log("error", `request failed: ${(error as Error)?.stack ?? String(error)}`);
  sendJson(response, 500, { message: (error as Error)?.message ?? String(error) });
}

/** 401 and 404 carry no body from the real host; the reason goes in a header to help whoever debugs. */
function sendEmptyWithReason(response: ServerResponse, error: HttpError): void {
  sendEmpty(response, error.status, { "x-local-host-reason": error.message.replace(/[^\x20-\x7e]/g, "?") });
}
