// The routing table of the app's HTTP functions under the route prefix.
import type { HttpFunction } from "../catalog";
import { compareRouteSpecificity, matchRoute, parseRouteTemplate, type RouteTemplate } from "./route-template";

export interface RouteMatch {
  entry: HttpFunction;
  params: Record<string, string>;
}

export class AppRoutes {
  private readonly routes: { entry: HttpFunction; template: RouteTemplate }[];

  constructor(
    functions: HttpFunction[],
    private readonly routePrefix: string,
  ) {
    this.routes = functions
      .map((entry) => ({ entry, template: parseRouteTemplate(entry.route) }))
      .sort((a, b) => compareRouteSpecificity(a.template, b.template));
  }

  /** The public path of a function's route, for listings. */
  pathOf(entry: HttpFunction): string {
    return `/${[this.routePrefix, entry.route].filter(Boolean).join("/")}`;
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    const relative = this.relativePath(pathname);
    if (relative === undefined) return undefined;
    for (const { entry, template } of this.routes) {
      if (!entry.methods.includes(method.toUpperCase())) continue;
      const params = matchRoute(template, relative);
      if (params) return { entry, params };
    }
    return undefined;
  }

  private relativePath(pathname: string): string | undefined {
    const segments = pathname.split("/").filter((segment) => segment !== "").map(decodeSegment);
    if (this.routePrefix === "") return segments.join("/");
    const prefix = this.routePrefix.split("/");
    const head = segments.slice(0, prefix.length);
    if (head.length !== prefix.length || head.some((segment, index) => segment.toLowerCase() !== prefix[index].toLowerCase())) return undefined;
    return segments.slice(prefix.length).join("/");
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
