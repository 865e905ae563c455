// The Functions side of the two health routes: the contract's method and path, a function key (authLevel
// "function": an estate's health is sensitive), the request adapted to the API's own request type, and the
// handler run through the shared problem+json wrapper.
import { ROUTES } from "@standby/client/contract";
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
