// The API's surface: every route comes from the wire contract, every route needs a key (checked at registration),
// the OpenAPI document is the contract's, problems hide internals, and the caller is who the platform says.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import { RestError } from "@azure/core-rest-pipeline";
import { buildOpenApiDocument, ROUTES } from "@standby/client/contract";
import { FUNCTION_KEY_CALLER, callerIdentity } from "../../../functions/http/caller";
import { toItemState } from "../../../functions/http/live-state-reader";
import { problemFromError } from "../../../functions/http/problem";
import { apiRoutes, HANDLERS, runHandler } from "../../../functions/http/routes";
import { DomainError } from "../../../functions/core/errors";
import { apiRequest, fakeDependencies } from "./fakes";

describe("routes", () => {
  it("serves contract routes only, under v1, one function per method and path", () => {
    const routes = apiRoutes();
    for (const name of Object.keys(HANDLERS)) expect(ROUTES.some((route) => route.operationId === name)).toBe(true);
    expect(routes.map((route) => route.name).sort()).toEqual(Object.keys(HANDLERS).sort());
    for (const route of routes) expect(route.route.startsWith("v1/")).toBe(true);
    expect(new Set(routes.map((route) => `${route.method} ${route.route}`)).size).toBe(routes.length);
    expect(routes.find((route) => route.name === "startFailover")).toMatchObject({ method: "POST", route: "v1/plans/{plan}/failover" });
  });

  it("serves the OpenAPI document built from the contract's schemas", async () => {
    const answer = await runHandler(HANDLERS.getOpenApiDocument as never, apiRequest(), fakeDependencies());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(buildOpenApiDocument());
  });
});

describe("problems", () => {
  it("turns a domain error into problem+json with its code as the type and its details as members", () => {
    const answer = problemFromError(new DomainError("OperationConflict", "busy", { operationId: "op-1" }), "/api/v1/plans/shop/failover", () => undefined);
    expect(answer).toEqual({
      status: 409,
      headers: { "Content-Type": "application/problem+json" },
      body: { type: "tag:standby,2026:problems/OperationConflict", title: "Conflict.", status: 409, detail: "busy", instance: "/api/v1/plans/shop/failover", operationId: "op-1" },
    });
  });

  it("answers 500 without the internal message and reports the error", () => {
    const reported: unknown[] = [];
    const failure = new Error("connection string AccountKey=secret refused");
    const answer = problemFromError(failure, "/x", (error) => reported.push(error));
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain("secret");
    expect(reported).toEqual([failure]);
  });
});

describe("ARM failures", () => {
  it("answer 502 naming ARM's status when the live state cannot be read, and leave other failures to the 500 path", async () => {
    const deps = fakeDependencies();
    await deps.plans.put({ name: "shop", vault: { subscriptionId: "s", resourceGroup: "rg", name: "v" }, objectives: { rpoSeconds: 300, rtoSeconds: 1800 }, groups: [{ name: "db", items: ["db-1"] }] });
    const request = apiRequest({ method: "POST", params: { plan: "shop" } });
    deps.readLiveState = async () => {
      throw new RestError("Too many requests", { statusCode: 429, code: "TooManyRequests" });
    };
    const throttled = await runHandler(HANDLERS.validatePlan as never, request, deps);
    expect(throttled.status).toBe(502);
    expect(throttled.body).toMatchObject({ type: expect.stringMatching(/ArmRequestFailed$/), detail: expect.stringContaining("429 TooManyRequests") });
    deps.readLiveState = async () => {
      throw new TypeError("bug");
    };
    expect((await runHandler(HANDLERS.validatePlan as never, request, deps)).status).toBe(500);
  });
});

describe("caller identity", () => {
  it("is the principal App Service authentication passes, else the function key", () => {
    const authenticated = { appServiceAuthentication: true };
    expect(callerIdentity((name) => (name === "x-ms-client-principal-name" ? "alice@contoso.com" : undefined), authenticated)).toBe("alice@contoso.com");
    expect(callerIdentity(() => undefined, authenticated)).toBe(FUNCTION_KEY_CALLER);
    expect(callerIdentity(() => "   ", authenticated)).toBe(FUNCTION_KEY_CALLER);
  });
});

describe("live state from Site Recovery models", () => {
  const item = (properties: Record<string, unknown>): ReplicationProtectedItem =>
    ({ id: "/subscriptions/s/x/replicationProtectedItems/i1", name: "i1", properties }) as ReplicationProtectedItem;

  it("maps A2A and InMageRcm RPO fields, health errors, and ASR's idle scenario", () => {
    const a2a = toItemState(
      item({
        friendlyName: "web-1",
        protectionState: "Protected",
        activeLocation: "Primary",
        allowedOperations: ["PlannedFailover"],
        replicationHealth: "Warning",
        healthErrors: [{ errorCode: "151", summaryMessage: "Slow" }],
        currentScenario: { scenarioName: "None", jobId: "None" },
        providerSpecificDetails: { instanceType: "A2A", rpoInSeconds: 42 },
      }),
    );
    expect(a2a).toEqual({
      id: "/subscriptions/s/x/replicationProtectedItems/i1",
      name: "i1",
      friendlyName: "web-1",
      provider: "A2A",
      protectionState: "Protected",
      activeLocation: "Primary",
      allowedOperations: ["PlannedFailover"],
      replicationHealth: "Warning",
      rpoSeconds: 42,
      healthErrors: [{ code: "151", message: "Slow" }],
    });
    const rcm = toItemState(item({ providerSpecificDetails: { instanceType: "InMageRcm", lastRpoInSeconds: 7 }, currentScenario: { scenarioName: "PlannedFailover", jobId: "j1" } }));
    expect(rcm).toMatchObject({ provider: "InMageRcm", rpoSeconds: 7, currentScenario: { scenarioName: "PlannedFailover", jobId: "j1" }, allowedOperations: [] });
    expect(toItemState(item({ providerSpecificDetails: { instanceType: "A2A" } })).rpoSeconds).toBeNull();
  });
});
