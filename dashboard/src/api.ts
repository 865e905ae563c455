// Same-origin calls to the Standby API with the function key. Plain fetch: the SDK's Node dependencies are not
// needed in a browser, and the contract's types keep the shapes in step with the service.
import type { DrillSummary, ProblemDetails } from "@standby/client/contract";

/** A call the API refused for want of a valid key; the page goes back to its sign-in message. */
export class NotSignedInError extends Error {
  constructor() {
    super("The function key was not accepted.");
    this.name = "NotSignedInError";
  }
}

/** Any other refusal, with the problem's detail as the message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem: Partial<ProblemDetails> | undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * A drill as `GET /drills` lists it: the contract's summary plus the RTO of each group (tier), keyed by group name
 * in plan order. Narrowed here so the page reads the field whether or not the contract type names it yet.
 */
export type DrillHistoryEntry = DrillSummary & { groupRtoSeconds?: Record<string, number> };

export interface ApiAnswer<T> {
  body: T;
  /** The server's Retry-After in milliseconds, when it sent one. */
  retryAfterMs: number | undefined;
}

export class StandbyApi {
  constructor(
    private readonly baseUrl: URL,
    private readonly key: string,
  ) {}

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.call<T>("GET", path);
  }

  post<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.call<T>("POST", path, body);
  }

  /** A text resource (a drill report page). */
  async text(path: string): Promise<string> {
    const response = await this.send("GET", path, "text/html");
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, `The API answered ${response.status}.`, undefined);
    return text;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const response = await this.send(method, path, "application/json", body);
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    if (!response.ok) {
      const problem = parsed as Partial<ProblemDetails> | undefined;
      throw new ApiError(response.status, problem?.detail ?? problem?.title ?? `The API answered ${response.status}.`, problem);
    }
    return { body: parsed as T, retryAfterMs: retryAfterMs(response.headers.get("retry-after")) };
  }

  private async send(method: string, path: string, accept: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { "x-functions-key": this.key, accept };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(new URL(path.replace(/^\//, ""), this.baseUrl), {
      method,
      headers,
      // Same-origin cookies go along: in Azure they carry the App Service authentication session (the person).
      credentials: "same-origin",
      cache: "no-store",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 401 || response.status === 403) throw new NotSignedInError();
    return response;
  }
}

/** Retry-After as delta-seconds or an HTTP date; anything else is ignored. */
export function retryAfterMs(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
