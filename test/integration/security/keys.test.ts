// Who may call what, against the real app in the local host. Every route of the wire contract is enumerated from
// the contract's ROUTES table, so a route added there is covered here without editing this file. The routes served
// by functions/http are refused without a header key in test/integration/api/hostile-input.test.ts; this file adds
// the routes served by other parts (health, drills, drill start), the `code` query parameter for every route, the
// extension webhooks and admin API (system or master key only), and the registration listing: the dashboard's
// static files are the only anonymous function.
import { ROUTES, type RouteDefinition } from "@standby/client/contract";
import { HANDLERS } from "../../../functions/http/routes";
import { api, startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

/** A concrete path for a route template: the lab's plan, and ids that exist nowhere. */
function pathOf(route: RouteDefinition): string {
  return route.path.replace("{plan}", "shop").replace("{operationId}", "failover-0000").replace("{drillId}", "drill-0000");
}

/** A body the route could read; a key check happens before the body matters. */
function bodyOf(route: RouteDefinition): { json?: unknown } {
  return route.method === "get" || route.method === "delete" ? {} : { json: { reason: "key check" } };
}

/** fetch with the key only in the query string, as the Functions host also accepts it. */
async function withCodeQuery(route: RouteDefinition, code: string): Promise<number> {
  const url = new URL(`${lab.apiUrl}${pathOf(route)}`);
  url.searchParams.set("code", code);
  const body = bodyOf(route).json;
  const response = await fetch(url, {
    method: route.method.toUpperCase(),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  await response.arrayBuffer();
  return response.status;
}

const everyRoute = ROUTES.map((route) => [route.method.toUpperCase(), route.path, route] as const);
const routesServedElsewhere = everyRoute.filter(([, , route]) => HANDLERS[route.operationId] === undefined);

describe("routes of the contract", () => {
  it("include routes served outside functions/http (otherwise this file would cover nothing hostile-input does not)", () => {
    expect(routesServedElsewhere.length).toBeGreaterThan(0);
  });

  it.each(routesServedElsewhere)("%s %s refuses a missing or wrong key in the header", async (method, _path, route) => {
    expect((await api(lab, method, pathOf(route), { key: null, ...bodyOf(route) })).status).toBe(401);
    expect((await api(lab, method, pathOf(route), { key: `${lab.key}x`, ...bodyOf(route) })).status).toBe(401);
  });

  it.each(everyRoute)("%s %s refuses a wrong key in the code query parameter and takes the right one", async (_method, _path, route) => {
    expect(await withCodeQuery(route, "wrong-key")).toBe(401);
    expect(await withCodeQuery(route, lab.key.slice(0, -1))).toBe(401);
    // The same request with the right key gets past the host: whatever the handler answers, it is not a 401.
    expect(await withCodeQuery(route, lab.key)).not.toBe(401);
  });

  it("registers every route of the contract at function level", async () => {
    const listing = await fetch(`${lab.hostUrl}/admin/functions`, { headers: { "x-functions-key": lab.masterKey } });
    expect(listing.status).toBe(200);
    const functions = (await listing.json()) as { name: string; trigger: string }[];
    for (const route of ROUTES) {
      const registered = functions.find((candidate) => candidate.name === route.operationId);
      expect({ route: route.operationId, trigger: registered?.trigger }).toEqual({ route: route.operationId, trigger: expect.stringMatching(/\(function\)$/) });
    }
  });

  it("has no anonymous function but the dashboard's static files", async () => {
    const listing = await fetch(`${lab.hostUrl}/admin/functions`, { headers: { "x-functions-key": lab.masterKey } });
    const functions = (await listing.json()) as { name: string; trigger: string }[];
    const httpFunctions = functions.filter((candidate) => candidate.trigger.startsWith("["));
    expect(httpFunctions.length).toBeGreaterThanOrEqual(ROUTES.length);
    const anonymous = httpFunctions.filter((candidate) => candidate.trigger.endsWith("(anonymous)")).map((candidate) => candidate.name);
    expect(anonymous.filter((name) => name !== "dashboard")).toEqual([]);
  });
});

describe("extension webhooks and the admin API", () => {
  const systemEndpoints = [
    ["POST", "/runtime/webhooks/eventgrid?functionName=alertIntake"],
    ["GET", "/runtime/webhooks/durabletask/instances"],
    ["POST", "/runtime/webhooks/durabletask/orchestrators/failover"],
  ] as const;
  const adminEndpoints = [
    ["GET", "/admin/host/status"],
    ["GET", "/admin/functions"],
    ["POST", "/admin/clock/advance"],
  ] as const;

  const status = async (method: string, path: string, key: string | undefined): Promise<number> => {
    const response = await fetch(`${lab.hostUrl}${path}`, {
      method,
      headers: { ...(key === undefined ? {} : { "x-functions-key": key }), "content-type": "application/json" },
      ...(method === "GET" ? {} : { body: "[]" }),
    });
    await response.arrayBuffer();
    return response.status;
  };

  it.each([...systemEndpoints, ...adminEndpoints])("%s %s refuses no key, a wrong key and the function key", async (method, path) => {
    expect(await status(method, path, undefined)).toBe(401);
    expect(await status(method, path, "wrong-key")).toBe(401);
    // A function key opens the API only: with it, nobody can start an orchestration behind the app's checks,
    // feed the alert intake forged events, or move the host's clock.
    expect(await status(method, path, lab.key)).toBe(401);
  });

  it("lets the master key read the durable instances and the host status", async () => {
    expect(await status("GET", "/runtime/webhooks/durabletask/instances", lab.masterKey)).toBe(200);
    expect(await status("GET", "/admin/host/status", lab.masterKey)).toBe(200);
  });
});
