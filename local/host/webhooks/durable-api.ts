// The Durable Functions HTTP API in the shape the extension serves it (status codes, bodies, Location headers), over
// the engine. The host mounts it twice: at /runtime/webhooks/durabletask behind the system key (the URLs that
// `createCheckStatusResponse` hands out) and on the keyless loopback RPC endpoint that `DurableClient` calls.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DurableEngine, InstanceQuery, InstanceStatus, RuntimeStatus } from "../durable/contract";
import { managementUrls } from "../durable-client-data";
import { HttpError, parseJsonBody, readBody, sendEmpty, sendJson } from "../http/http-io";

export interface DurableApiOptions {
  engine: DurableEngine;
  /** Orchestrator names the app registered, for a clear 400 on an unknown one. */
  orchestratorNames: () => string[];
  /** Public base of the webhooks, e.g. http://127.0.0.1:7071/runtime/webhooks/durabletask. */
  webhooksBase: () => string;
  /** `taskHub=..&connection=..&code=..`, appended to every management link. */
  requiredQuery: () => string;
}

const RUNTIME_STATUSES: RuntimeStatus[] = ["Pending", "Running", "Completed", "ContinuedAsNew", "Failed", "Canceled", "Terminated", "Suspended"];
const TERMINAL: RuntimeStatus[] = ["Completed", "Failed", "Canceled", "Terminated"];

export class DurableApi {
  constructor(private readonly options: DurableApiOptions) {}

  /** Handles `path` relative to the API base (e.g. "instances/abc"); answers 404 for anything it does not know. */
  async handle(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      await this.dispatch(request, response, path, url);
    } catch (error) {
      throw asHttpError(error);
    }
  }

  private async dispatch(request: IncomingMessage, response: ServerResponse, path: string, url: URL): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const parts = path.split("/").filter((part) => part !== "").map(decodeURIComponent);
    const body = await readBody(request);
    const [collection, id, action, argument] = parts;
    if (collection === "orchestrators" && method === "POST" && id && parts.length <= 3) {
      return this.startNew(response, id, parts[2], parseJsonBody(body), waitOptions(url));
    }
    if (collection === "instances") {
      if (!id && method === "GET") return this.list(response, url);
      if (!id && method === "DELETE") return this.purgeMany(response, url);
      if (id && !action && method === "GET") return this.status(request, response, id, url);
      if (id && !action && method === "DELETE") return this.purge(response, id);
      if (id && method === "POST" && action === "raiseEvent" && argument) return this.raiseEvent(response, id, argument, parseJsonBody(body));
      if (id && method === "POST" && (action === "terminate" || action === "suspend" || action === "resume") && !argument) {
        return this.control(response, id, action, url.searchParams.get("reason") ?? "");
      }
      if (id && method === "POST" && (action === "rewind" || action === "restart")) {
        return sendJson(response, 501, { message: `${action} is not supported by the local host's storage provider` });
      }
    }
    if (collection === "entities" && id && action && parts.length === 3) {
      if (method === "GET") return this.readEntity(response, id, action);
      if (method === "POST") return this.signalEntity(response, id, action, url.searchParams.get("op") ?? "", parseJsonBody(body));
    }
    throw new HttpError(404, `no durable task API at ${method} ${path}`);
  }

  private links(instanceId: string): Record<string, string> {
    return managementUrls(this.options.webhooksBase(), encodeURIComponent(instanceId), this.options.requiredQuery());
  }

  private async startNew(response: ServerResponse, name: string, instanceId: string | undefined, input: unknown, wait: WaitOptions | undefined): Promise<void> {
    const known = this.options.orchestratorNames().find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!known) throw new HttpError(400, `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    const id = await this.options.engine.startNew(known, { instanceId, input });
    const finished = wait ? await this.waitForCompletion(id, wait) : undefined;
    if (finished?.runtimeStatus === "Completed") return sendJson(response, 200, finished.output ?? null);
    if (finished) return sendJson(response, finished.runtimeStatus === "Failed" ? 500 : 200, finished);
    const links = this.links(id);
    sendJson(response, 202, links, { Location: links.statusQueryGetUri, "Retry-After": "10" });
  }

  /** The `createAndWaitOnNewInstancePostUri` form: polls (in real time) until the instance ends or the timeout passes. */
  private async waitForCompletion(instanceId: string, wait: WaitOptions): Promise<InstanceStatus | undefined> {
    const deadline = Date.now() + wait.timeoutMs;
    for (;;) {
      const status = await this.options.engine.getStatus(instanceId, { showInput: true });
      if (status && TERMINAL.includes(status.runtimeStatus)) return status;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait.pollingIntervalMs, remaining)).unref());
    }
  }

  private async status(request: IncomingMessage, response: ServerResponse, instanceId: string, url: URL): Promise<void> {
    const status = await this.options.engine.getStatus(instanceId, {
      showHistory: flag(url, "showHistory", false),
      showHistoryOutput: flag(url, "showHistoryOutput", false),
      showInput: flag(url, "showInput", true),
    });
    if (!status) return sendEmpty(response, 404);
    const running = status.runtimeStatus === "Running" || status.runtimeStatus === "Pending" || status.runtimeStatus === "ContinuedAsNew";
    const location: Record<string, string> = running ? { Location: new URL(request.url ?? "", url).href, "Retry-After": "10" } : {};
    sendJson(response, running ? 202 : 200, status, location);
  }

  private async list(response: ServerResponse, url: URL): Promise<void> {
    const all = await this.options.engine.listInstances(instanceQuery(url));
    const showInput = flag(url, "showInput", false);
    const shown = all.map((status) => (showInput ? status : { ...status, input: null }));
    const top = Number(url.searchParams.get("top") ?? "0");
    if (!(top > 0)) return sendJson(response, 200, shown);
    // Pages follow the extension: a continuation token header while more remain.
    const token = Number(url.searchParams.get("continuationToken") ?? (response.req.headers["x-ms-continuation-token"] as string | undefined) ?? "0");
    const start = Number.isInteger(token) && token > 0 ? token : 0;
    const page = shown.slice(start, start + top);
    const next: Record<string, string> = start + top < shown.length ? { "x-ms-continuation-token": String(start + top) } : {};
    sendJson(response, 200, page, next);
  }

  private async purge(response: ServerResponse, instanceId: string): Promise<void> {
    const status = await this.requireInstance(instanceId);
    if (status && !TERMINAL.includes(status.runtimeStatus)) throw new HttpError(409, `instance ${instanceId} is ${status.runtimeStatus}; only finished instances can be purged`);
    const purged = await this.options.engine.purge(instanceId);
    if (!purged) return sendEmpty(response, 404);
    sendJson(response, 200, { instancesDeleted: 1 });
  }

  private async purgeMany(response: ServerResponse, url: URL): Promise<void> {
    const query = instanceQuery(url);
    if (!query.createdTimeFrom) throw new HttpError(400, "purging by filter needs createdTimeFrom");
    const candidates = await this.options.engine.listInstances(query);
    let deleted = 0;
    for (const status of candidates) {
      if (TERMINAL.includes(status.runtimeStatus) && (await this.options.engine.purge(status.instanceId))) deleted++;
    }
    if (deleted === 0) return sendEmpty(response, 404);
    sendJson(response, 200, { instancesDeleted: deleted });
  }

  private async raiseEvent(response: ServerResponse, instanceId: string, eventName: string, data: unknown): Promise<void> {
    const status = await this.requireInstance(instanceId);
    if (!status) return sendEmpty(response, 404);
    if (TERMINAL.includes(status.runtimeStatus)) return sendJson(response, 410, { message: `instance ${instanceId} is ${status.runtimeStatus}` });
    await this.options.engine.raiseEvent(instanceId, eventName, data);
    sendEmpty(response, 202);
  }

  private async control(response: ServerResponse, instanceId: string, action: "terminate" | "suspend" | "resume", reason: string): Promise<void> {
    const status = await this.requireInstance(instanceId);
    if (!status) return sendEmpty(response, 404);
    if (TERMINAL.includes(status.runtimeStatus)) return sendJson(response, 410, { message: `instance ${instanceId} is ${status.runtimeStatus}` });
    await this.options.engine[action](instanceId, reason);
    sendEmpty(response, 202);
  }

  private async readEntity(response: ServerResponse, name: string, key: string): Promise<void> {
    const entity = await this.options.engine.readEntityState({ name, key });
    if (!entity.exists) return sendEmpty(response, 404);
    sendJson(response, 200, entity.state ?? null);
  }

  private async signalEntity(response: ServerResponse, name: string, key: string, operation: string, input: unknown): Promise<void> {
    await this.options.engine.signalEntity({ name, key }, operation, input);
    sendEmpty(response, 202);
  }

  private requireInstance(instanceId: string): Promise<InstanceStatus | undefined> {
    return this.options.engine.getStatus(instanceId, { showInput: false });
  }
}

/** The engine's errors, as the extension answers them; its argument checks (TypeError, RangeError) are bad requests. */
function asHttpError(error: unknown): unknown {
  if (error instanceof HttpError || !(error instanceof Error)) return error;
  switch (error.name) {
    case "InstanceExistsError":
      return new HttpError(409, error.message);
    case "InstanceNotFoundError":
      return new HttpError(404, error.message);
    case "InstanceNotRunningError":
      return new HttpError(410, error.message);
    case "TypeError":
    case "RangeError":
      return new HttpError(400, error.message);
    default:
      return error;
  }
}

interface WaitOptions {
  timeoutMs: number;
  pollingIntervalMs: number;
}

/** `?timeout=S&pollingInterval=S` (seconds) asks startNew to wait for the result, as the extension allows. */
function waitOptions(url: URL): WaitOptions | undefined {
  const timeout = url.searchParams.get("timeout");
  if (timeout === null) return undefined;
  const seconds = (name: string, text: string) => {
    const value = Number(text);
    if (!(value > 0) || !Number.isFinite(value)) throw new HttpError(400, `${name} must be a positive number of seconds, got "${text}"`);
    return value * 1000;
  };
  const timeoutMs = seconds("timeout", timeout);
  const pollingIntervalMs = seconds("pollingInterval", url.searchParams.get("pollingInterval") ?? "1");
  if (pollingIntervalMs > timeoutMs) throw new HttpError(400, "pollingInterval must not exceed timeout");
  return { timeoutMs, pollingIntervalMs };
}

function flag(url: URL, name: string, fallback: boolean): boolean {
  const value = url.searchParams.get(name);
  if (value === null) return fallback;
  return value.toLowerCase() === "true";
}

function instanceQuery(url: URL): InstanceQuery {
  const query: InstanceQuery = {};
  const statuses = url.searchParams.get("runtimeStatus");
  if (statuses) {
    query.runtimeStatus = statuses.split(",").map((text) => {
      const status = RUNTIME_STATUSES.find((candidate) => candidate.toLowerCase() === text.trim().toLowerCase());
      if (!status) throw new HttpError(400, `unknown runtimeStatus "${text}"; use ${RUNTIME_STATUSES.join(", ")}`);
      return status;
    });
  }
  for (const name of ["createdTimeFrom", "createdTimeTo"] as const) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    if (Number.isNaN(Date.parse(value))) throw new HttpError(400, `${name} "${value}" is not a date`);
    query[name] = new Date(value).toISOString();
  }
  const prefix = url.searchParams.get("instanceIdPrefix");
  if (prefix) query.instanceIdPrefix = prefix;
  return query;
}
