// Matches a request path against path templates such as `subscriptions/{subscriptionId}/resourceGroups/{group}`.
// ARM treats literal segments case-insensitively (real ids come back as `/Subscriptions/`), so matching does too;
// parameter values keep their case and are URI-decoded.

export interface ArmRequest {
  method: string;
  /** Path without the query string, as received. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  /** `http://127.0.0.1:P` of this emulator, for absolute links (nextLink, LRO headers). */
  baseUrl: string;
}

export interface ArmResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection instead of answering (an injected fault: the call took effect, its answer is lost). */
  loseAnswer?: boolean;
}

export type RouteParams = Record<string, string>;
export type RouteHandler = (request: ArmRequest, params: RouteParams) => ArmResponse | Promise<ArmResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export type RouteMatch = { kind: "found"; handler: RouteHandler; params: RouteParams } | { kind: "wrongMethod" } | { kind: "none" };

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(template), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method.toUpperCase()) return { kind: "found", handler: route.handler, params };
    }
    return pathMatched ? { kind: "wrongMethod" } : { kind: "none" };
  }
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

function matchSegments(template: string[], actual: string[]): RouteParams | undefined {
  if (template.length !== actual.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < template.length; i++) {
    const part = template[i];
    if (part.startsWith("{") && part.endsWith("}")) {
      let value: string;
      try {
        value = decodeURIComponent(actual[i]);
      } catch {
        return undefined;
      }
      params[part.slice(1, -1)] = value;
    } else if (part.toLowerCase() !== actual[i].toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
