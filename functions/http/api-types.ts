// The HTTP API's own view of a request and a response, independent of @azure/functions so that handlers can be
// tested with plain objects; registrations/http.ts adapts the Functions types to these.

export interface ApiRequest {
  method: string;
  /** The request's path and query, e.g. `/api/v1/plans?maxpagesize=10`, for problem `instance` and links. */
  pathAndQuery: string;
  /** Route parameters as the host decoded them; handlers validate every one before use. */
  params: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  /** A request header by case-insensitive name. */
  header(name: string): string | undefined;
  /** The raw body; only called after the declared length was checked against the limit. */
  body(): Promise<Buffer>;
  /** Who is calling, as authenticated by the platform (never taken from the body). */
  caller: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON; absent for empty responses. */
  body?: unknown;
}

export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;
