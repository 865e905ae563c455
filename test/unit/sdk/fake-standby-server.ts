import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the fake service received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: unknown;
  rawBody: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a string. */
  body?: unknown;
}

export type FakeHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

interface Route {
  method: string;
  path: RegExp;
  handler: FakeHandler;
}

/**
 * A loopback stand-in for the Standby HTTP API: tests script answers per route and read back what the client sent.
 * Unscripted requests get a 404 problem, so a client that calls the wrong URL fails loudly.
 */
export class FakeStandbyServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];
  private server: Server | undefined;
  endpoint = "";

  /** Answers `method path` with `handler`; later registrations win, so a test can override a default. */
  on(method: string, path: string | RegExp, handler: FakeHandler | FakeResponse): this {
    const pattern = typeof path === "string" ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : path;
    this.routes.unshift({
      method,
      path: pattern,
      handler: typeof handler === "function" ? handler : () => handler,
    });
    return this;
  }

  /** Forgets scripted routes and recorded requests. */
  reset(): void {
    this.routes = [];
    this.requests.length = 0;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.endpoint = `http://127.0.0.1:${port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) {
      return;
    }
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://fake");
    let body: unknown = undefined;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      rawBody,
    };
    this.requests.push(recorded);
    const route = this.routes.find((candidate) => candidate.method === recorded.method && candidate.path.test(recorded.path));
    const answer: FakeResponse = route
      ? await route.handler(recorded)
      : { status: 404, body: { type: "about:blank", title: "Not Found", status: 404, detail: `No route ${recorded.method} ${recorded.path}.` } };
    const isText = typeof answer.body === "string";
    const isProblem = answer.status >= 400;
    const headers: Record<string, string> = {
      "content-type": isText ? "text/html; charset=utf-8" : isProblem ? "application/problem+json" : "application/json",
      ...answer.headers,
    };
    response.writeHead(answer.status, headers);
    response.end(answer.body === undefined ? undefined : isText ? (answer.body as string) : JSON.stringify(answer.body));
  }
}
