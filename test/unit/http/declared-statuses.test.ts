// Every status a route answers is declared for it in the OpenAPI document, so a generated client or a gateway that
// trusts the document is never surprised. Each route of the contract is probed the same ways, derived from its
// definition: a malformed name in each path parameter, a name that does not exist, an out-of-range page size, a
// body over the limit, a body of another media type, a body that is not JSON, a valid request while the plan is
// busy, and a valid request while Site Recovery fails.
import { RestError } from "@azure/core-rest-pipeline";
import { API_BASE_PATH, ROUTES, buildOpenApiDocument, pathParameterNames, type RouteDefinition } from "@standby/client/contract";
import type { ApiResponse } from "../../../functions/http/api-types";
import type { RouteHandler } from "../../../functions/http/dependencies";
import { startDrill } from "../../../functions/http/handlers/drill-start";
import { getHealthHandler, getPlanHealthHandler } from "../../../functions/http/handlers/health";
import { getDrill, getDrillReport, listDrills, type DrillReadDependencies } from "../../../functions/http/handlers/report-reads";
import { MAX_BODY_BYTES } from "../../../functions/http/request-input";
import { HANDLERS, runHandler } from "../../../functions/http/routes";
import { apiRequest, fakeDependencies, validPlan, type RequestSpec } from "./fakes";

type Responses = Record<string, unknown>;
const document = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Responses }>> };

const noSnapshot = async () => undefined;

/** Every route's handler: the API's own table, the drill routes and the health routes. */
const HANDLER_BY_OPERATION: Readonly<Record<string, RouteHandler>> = {
  ...HANDLERS,
  startDrill,
  listDrills: listDrills as RouteHandler,
  getDrill: getDrill as RouteHandler,
  getDrillReport: getDrillReport as RouteHandler,
  getHealth: getHealthHandler(noSnapshot),
  getPlanHealth: getPlanHealthHandler(noSnapshot),
};

const VALID_PARAMS: Readonly<Record<string, string>> = { plan: "shop", operationId: "op-1", drillId: "drill-1" };
const MALFORMED_PARAMS: Readonly<Record<string, string>> = { plan: "Not A Plan!", operationId: "../op", drillId: "drill 1" };
const MISSING_PARAMS: Readonly<Record<string, string>> = { plan: "ghost", operationId: "op-ghost", drillId: "drill-ghost" };

/** A body each route accepts, so that the busy and upstream probes get past the body checks. */
const VALID_BODIES: Readonly<Record<string, unknown>> = {
  createOrUpdatePlan: validPlan("shop"),
  importPlan: { vault: validPlan().vault, recoveryPlanName: "rp" },
  startFailover: { mode: "planned", reason: "probe" },
};

interface Probe {
  name: string;
  applies(route: RouteDefinition): boolean;
  request(route: RouteDefinition): RequestSpec;
  /** Changes to the dependencies before the request: a busy plan, a failing Site Recovery. */
  arrange?(deps: DrillReadDependencies): Promise<void>;
}

const params = (route: RouteDefinition, values: Readonly<Record<string, string>>) =>
  Object.fromEntries(pathParameterNames(route.path).map((name) => [name, values[name] as string]));

const valid = (route: RouteDefinition): RequestSpec => ({
  method: route.method.toUpperCase(),
  path: `${API_BASE_PATH}${route.path}`,
  params: params(route, VALID_PARAMS),
  ...(route.requestBody ? { json: VALID_BODIES[route.operationId] ?? {} } : {}),
});

const PROBES: Probe[] = [
  ...["plan", "operationId", "drillId"].map((name) => ({
    name: `a malformed ${name}`,
    applies: (route: RouteDefinition) => pathParameterNames(route.path).includes(name),
    request: (route: RouteDefinition) => ({ ...valid(route), params: { ...params(route, VALID_PARAMS), [name]: MALFORMED_PARAMS[name] as string } }),
  })),
  {
    name: "names that do not exist",
    applies: (route) => pathParameterNames(route.path).length > 0,
    request: (route) => ({ ...valid(route), params: params(route, MISSING_PARAMS) }),
  },
  {
    name: "maxpagesize=0",
    applies: (route) => (route.query ?? []).some((query) => query.name === "maxpagesize"),
    request: (route) => ({ ...valid(route), query: { maxpagesize: "0" } }),
  },
  {
    name: "a body over the limit",
    applies: (route) => route.requestBody !== undefined,
    request: (route) => ({ ...valid(route), json: undefined, body: Buffer.alloc(MAX_BODY_BYTES + 1, 32), headers: { "content-type": "application/json" } }),
  },
  {
    name: "a body of another media type",
    applies: (route) => route.requestBody !== undefined,
    request: (route) => ({ ...valid(route), json: undefined, body: "reason=probe", headers: { "content-type": "application/x-www-form-urlencoded" } }),
  },
  {
    name: "a body that is not JSON",
    applies: (route) => route.requestBody !== undefined,
    request: (route) => ({ ...valid(route), json: undefined, body: "{", headers: { "content-type": "application/json" } }),
  },
  {
    name: "a valid request while an operation of the plan runs",
    applies: () => true,
    request: valid,
    arrange: async (deps) => {
      await deps.lock.acquire("shop", "failover-busy", "failover", async () => "active");
      await deps.engine.start("failoverOrchestration", { operationId: "failover-busy", kind: "failover", plan: validPlan("shop"), planEtag: "", request: { reason: "busy" }, startedBy: "probe", requestedAtMs: 0 });
    },
  },
  {
    name: "a valid request while Site Recovery fails",
    applies: () => true,
    request: valid,
    arrange: async (deps) => {
      const failure = async (): Promise<never> => {
        throw new RestError("Service unavailable", { statusCode: 503, code: "ServiceUnavailable" });
      };
      deps.readLiveState = failure;
      deps.readRecoveryPlan = failure;
    },
  },
];

async function answer(route: RouteDefinition, probe: Probe): Promise<ApiResponse> {
  const base = fakeDependencies();
  await base.plans.put(validPlan("shop"));
  base.recoveryPlans.set("rp", { name: "rp", properties: { groups: [{ groupType: "Boot", replicationProtectedItems: [] }] } });
  const deps: DrillReadDependencies = { ...base, reports: { get: async () => undefined, getHtml: async () => undefined, list: async () => ({ reports: [] }) } };
  await probe.arrange?.(deps);
  return runHandler(HANDLER_BY_OPERATION[route.operationId] as RouteHandler, apiRequest(probe.request(route)), deps);
}

const cases = ROUTES.flatMap((route) => PROBES.filter((probe) => probe.applies(route)).map((probe) => [route.operationId, probe.name, route, probe] as const));

describe("the statuses the API answers", () => {
  it("come from a handler for every route of the contract", () => {
    expect(ROUTES.filter((route) => HANDLER_BY_OPERATION[route.operationId] === undefined)).toEqual([]);
  });

  it.each(cases)("%s, given %s, answers a status its OpenAPI operation declares", async (_operationId, _probe, route, probe) => {
    const response = await answer(route, probe);
    const declared = Object.keys(document.paths[`${API_BASE_PATH}${route.path}`]?.[route.method]?.responses ?? {});
    expect({ status: response.status, declared }).toEqual({ status: response.status, declared: expect.arrayContaining([String(response.status)]) });
  });

  it("include every refusal the probes are meant to provoke, so none of them probes nothing", async () => {
    const seen = new Set<number>();
    for (const [, , route, probe] of cases) seen.add((await answer(route, probe)).status);
    expect([...seen].sort()).toEqual(expect.arrayContaining([400, 404, 409, 413, 415, 502]));
  });
});
