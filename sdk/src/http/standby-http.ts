import type { OperationOptions } from "@azure/core-client";
import {
  createHttpHeaders,
  createPipelineRequest,
  RestError,
  type HttpClient,
  type Pipeline,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { createProblemError } from "./problem-error.js";

type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

export interface StandbyRequest {
  method: HttpMethod;
  /** A path below the endpoint (`/api/v1/...`) or an absolute URL given by the service (nextLink, Location). */
  url: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  /** Non-JSON media type wanted in the answer. */
  accept?: string;
  options?: OperationOptions;
}

/** The raw answer and its JSON body, parsed when there is one. */
export interface StandbyResponse<T> {
  body: T;
  raw: PipelineResponse;
}

/** Sends requests through the client's pipeline and turns error answers into `RestError`s with problem details. */
export class StandbyHttp {
  constructor(
    readonly endpoint: URL,
    private readonly pipeline: Pipeline,
    private readonly httpClient: HttpClient,
    private readonly allowInsecureConnection: boolean,
  ) {}

  /** Resolves a service-given link against the endpoint. */
  resolve(url: string): URL {
    return new URL(url, this.endpoint);
  }

  async send<T>(request: StandbyRequest): Promise<StandbyResponse<T>> {
    const url = this.resolve(request.url);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(name, String(value));
      }
    }
    const headers = createHttpHeaders({ accept: request.accept ?? "application/json" });
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined) {
        headers.set(name, value);
      }
    }
    if (request.body !== undefined) {
      headers.set("content-type", "application/json");
    }
    const options = request.options ?? {};
    const pipelineRequest = createPipelineRequest({
      url: url.toString(),
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      abortSignal: options.abortSignal,
      timeout: options.requestOptions?.timeout,
      tracingOptions: options.tracingOptions,
      allowInsecureConnection: this.allowInsecureConnection,
    });
    const raw = await this.pipeline.sendRequest(this.httpClient, pipelineRequest);
    if (raw.status >= 400) {
      const error = createProblemError(pipelineRequest, raw);
      options.onResponse?.({ ...raw, request: pipelineRequest }, undefined, error);
      throw error;
    }
    const body = parseBody<T>(raw, request.accept);
    options.onResponse?.({ ...raw, request: pipelineRequest, parsedBody: body }, body);
    return { body, raw };
  }
}

function parseBody<T>(raw: PipelineResponse, accept: string | undefined): T {
  const text = raw.bodyAsText ?? "";
  if (accept && accept !== "application/json") {
    return text as T;
  }
  if (text.length === 0) {
    return undefined as T;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new RestError(`The service answered ${raw.status} with a body that is not JSON.`, {
      code: RestError.PARSE_ERROR,
      statusCode: raw.status,
      request: raw.request,
      response: raw,
    });
  }
}
