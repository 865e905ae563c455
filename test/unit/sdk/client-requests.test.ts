import { AzureKeyCredential, StandbyClient } from "@standby/client";
import { API_BASE_PATH, ROUTES } from "@standby/client/contract";
import { FakeStandbyServer } from "./fake-standby-server";
import { operation, shopPlan, step } from "./fixtures";

const server = new FakeStandbyServer();
let client: StandbyClient;
const KEY = "function-key-123";

beforeAll(async () => {
  const endpoint = await server.start();
  client = new StandbyClient(endpoint, new AzureKeyCredential(KEY));
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

const plan = shopPlan;
const running = operation("op-1", "running", [step("db-1", "running")]);

interface Expectation {
  operationId: string;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
  answer: { status: number; headers?: Record<string, string>; body?: unknown };
  call: () => Promise<unknown>;
  returns?: unknown;
}

const importFinding = {
  code: "ActionNarrowed",
  severity: "warning",
  message: '"Drill note" ran only for testfailover in ASR; Standby runs group actions in failover and failback only, so it was left out.',
  recoveryPlanPointer: "/properties/groups/2/startGroupActions/0",
};

const started = (kind: string) => ({
  status: 202,
  headers: { location: `${API_BASE_PATH}/operations/op-1` },
  body: { ...running, kind },
});

const cases: Expectation[] = [
  {
    operationId: "listPlans",
    method: "GET",
    path: "/plans",
    answer: { status: 200, body: { value: [plan] } },
    call: async () => {
      const names: string[] = [];
      for await (const item of client.listPlans()) names.push(item.name);
      return names;
    },
    returns: ["shop"],
  },
  {
    operationId: "getPlan",
    method: "GET",
    path: "/plans/shop",
    answer: { status: 200, headers: { etag: '"v1"' }, body: plan },
    call: () => client.getPlan("shop"),
    returns: { ...plan, etag: '"v1"' },
  },
  {
    operationId: "createOrUpdatePlan",
    method: "PUT",
    path: "/plans/shop",
    body: plan,
    headers: { "if-match": '"v1"', "content-type": "application/json" },
    answer: { status: 200, headers: { etag: '"v2"' }, body: plan },
    call: () => client.createOrUpdatePlan({ ...plan, etag: '"v1"' }, { onlyIfUnchanged: true }),
    returns: { ...plan, etag: '"v2"' },
  },
  {
    operationId: "deletePlan",
    method: "DELETE",
    path: "/plans/shop",
    headers: { "if-match": '"v3"' },
    answer: { status: 204 },
    call: () => client.deletePlan("shop", { etag: '"v3"', onlyIfUnchanged: true }),
    returns: undefined,
  },
  {
    operationId: "validatePlan",
    method: "POST",
    path: "/plans/shop/validate",
    answer: { status: 200, body: { plan: "shop", score: 80, checkedAt: "2026-01-05T10:00:00.000Z", findings: [] } },
    call: () => client.validatePlan("shop"),
    returns: { plan: "shop", score: 80, checkedAt: "2026-01-05T10:00:00.000Z", findings: [] },
  },
  {
    operationId: "importPlan",
    method: "POST",
    path: "/plans/shop/import",
    body: { vault: { subscriptionId: "sub", resourceGroup: "rg", name: "vault" }, recoveryPlanName: "shop-rp" },
    answer: { status: 201, headers: { etag: '"v1"' }, body: { plan, findings: [importFinding] } },
    call: () =>
      client.importPlan("shop", {
        vault: { subscriptionId: "sub", resourceGroup: "rg", name: "vault" },
        recoveryPlanName: "shop-rp",
      }),
    returns: { plan: { ...plan, etag: '"v1"' }, findings: [importFinding] },
  },
  {
    operationId: "startFailover",
    method: "POST",
    path: "/plans/shop/failover",
    body: { mode: "unplanned", recoveryPoint: "latestProcessed", reason: "outage", force: true },
    answer: started("failover"),
    call: async () =>
      (await client.beginFailover("shop", { mode: "unplanned", recoveryPoint: "latestProcessed", reason: "outage", force: true }))
        .getOperationState().operation?.kind,
    returns: "failover",
  },
  {
    operationId: "startCommit",
    method: "POST",
    path: "/plans/shop/commit",
    body: { reason: "region is gone" },
    answer: started("commit"),
    call: async () => (await client.beginCommit("shop", { reason: "region is gone" })).getOperationState().operation?.kind,
    returns: "commit",
  },
  {
    operationId: "startFailback",
    method: "POST",
    path: "/plans/shop/failback",
    body: { reason: "primary is back" },
    answer: started("failback"),
    call: async () => (await client.beginFailback("shop", { reason: "primary is back" })).getOperationState().operation?.kind,
    returns: "failback",
  },
  {
    operationId: "startDrill",
    method: "POST",
    path: "/plans/shop/drills",
    body: {},
    answer: started("drill"),
    call: async () => (await client.beginDrill("shop")).getOperationState().operation?.kind,
    returns: "drill",
  },
  {
    operationId: "getPlanHealth",
    method: "GET",
    path: "/plans/shop/health",
    answer: { status: 200, body: { plan: "shop", status: "healthy", items: [] } },
    call: () => client.getPlanHealth("shop"),
    returns: { plan: "shop", status: "healthy", items: [] },
  },
  {
    operationId: "listOperations",
    method: "GET",
    path: "/operations",
    query: { plan: "shop", status: "running" },
    answer: { status: 200, body: { value: [running] } },
    call: async () => {
      const ids: string[] = [];
      for await (const item of client.listOperations({ plan: "shop", status: "running" })) ids.push(item.id);
      return ids;
    },
    returns: ["op-1"],
  },
  {
    operationId: "getOperation",
    method: "GET",
    path: "/operations/op-1",
    answer: { status: 200, body: running },
    call: () => client.getOperation("op-1"),
    returns: running,
  },
  {
    operationId: "approveOperation",
    method: "POST",
    path: "/operations/op-1/approve",
    body: { comment: "gates open" },
    answer: { status: 200, body: running },
    call: () => client.approveOperation("op-1", { comment: "gates open" }),
    returns: running,
  },
  {
    operationId: "rejectOperation",
    method: "POST",
    path: "/operations/op-1/reject",
    body: {},
    answer: { status: 200, body: running },
    call: () => client.rejectOperation("op-1"),
    returns: running,
  },
  {
    operationId: "cancelOperation",
    method: "POST",
    path: "/operations/op-1/cancel",
    body: { reason: "wrong plan" },
    answer: { status: 202, body: running },
    call: () => client.cancelOperation("op-1", { reason: "wrong plan" }),
    returns: running,
  },
  {
    operationId: "getHealth",
    method: "GET",
    path: "/health",
    answer: { status: 200, body: { asOf: null, plans: [] } },
    call: () => client.getHealth(),
    returns: { asOf: null, plans: [] },
  },
  {
    operationId: "listDrills",
    method: "GET",
    path: "/drills",
    query: { plan: "shop" },
    answer: { status: 200, body: { value: [{ id: "d-1" }] } },
    call: async () => {
      const ids: string[] = [];
      for await (const item of client.listDrills({ plan: "shop" })) ids.push(item.id);
      return ids;
    },
    returns: ["d-1"],
  },
  {
    operationId: "getDrill",
    method: "GET",
    path: "/drills/d-1",
    answer: { status: 200, body: { id: "d-1", items: [], probes: [] } },
    call: () => client.getDrill("d-1"),
    returns: { id: "d-1", items: [], probes: [] },
  },
  {
    operationId: "getDrillReport",
    method: "GET",
    path: "/drills/d-1/report.html",
    headers: { accept: "text/html" },
    answer: { status: 200, body: "<html><body>drill d-1</body></html>" },
    call: () => client.getDrillReportHtml("d-1"),
    returns: "<html><body>drill d-1</body></html>",
  },
];

describe("every client method sends the request the contract describes", () => {
  it.each(cases.map((expectation) => [expectation.operationId, expectation] as const))(
    "%s",
    async (_name, expectation) => {
      const route = ROUTES.find((candidate) => candidate.operationId === expectation.operationId);
      expect(route).toBeDefined();
      expect(route?.method.toUpperCase()).toBe(expectation.method);
      const fullPath = `${API_BASE_PATH}${expectation.path}`;
      server.on(expectation.method, fullPath, expectation.answer);

      await expect(expectation.call()).resolves.toEqual(expectation.returns);

      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request?.method).toBe(expectation.method);
      expect(request?.path).toBe(fullPath);
      expect(Object.fromEntries(request?.query ?? [])).toEqual(expectation.query ?? {});
      expect(request?.headers["x-functions-key"]).toBe(KEY);
      expect(request?.headers["user-agent"]).toMatch(/azsdk-js-standby-client\/\d+\.\d+\.\d+/);
      if (expectation.body !== undefined) {
        expect(request?.body).toEqual(expectation.body);
      } else {
        expect(request?.rawBody).toBe("");
      }
      for (const [name, value] of Object.entries(expectation.headers ?? {})) {
        expect(request?.headers[name]).toBe(value);
      }
    },
  );

  it("covers every route of the contract except the OpenAPI document itself", () => {
    const covered = new Set(cases.map((expectation) => expectation.operationId));
    const clientRoutes = ROUTES.filter((route) => route.operationId !== "getOpenApiDocument").map((route) => route.operationId);
    expect([...covered].sort()).toEqual([...clientRoutes].sort());
  });

  it("sends no If-Match unless asked for onlyIfUnchanged", async () => {
    server.on("PUT", `${API_BASE_PATH}/plans/shop`, { status: 201, headers: { etag: '"v1"' }, body: plan });
    await client.createOrUpdatePlan({ ...plan, etag: '"stale"' });
    expect(server.requests[0]?.headers["if-match"]).toBeUndefined();
    expect(server.requests[0]?.body).toEqual(plan);
  });

  it("escapes names in paths so a name can never reach another route", async () => {
    server.on("GET", /.*/, { status: 200, headers: { etag: '"v1"' }, body: plan });
    await client.getPlan("../operations");
    expect(server.requests[0]?.path).toBe(`${API_BASE_PATH}/plans/..%2Foperations`);
  });

  it("refuses bad arguments before sending anything", async () => {
    await expect(client.getPlan("")).rejects.toThrow(TypeError);
    await expect(client.deletePlan("shop", { onlyIfUnchanged: true })).rejects.toThrow(/etag/);
    await expect(client.beginFailover("shop", { mode: "planned", reason: "x" }, { resumeFrom: "nonsense" })).rejects.toThrow(
      TypeError,
    );
    await expect(client.beginDrill("shop", {}, { updateIntervalInMs: -1 })).rejects.toThrow(RangeError);
    expect(() => new StandbyClient("not a url", new AzureKeyCredential(KEY))).toThrow(TypeError);
    expect(() => new StandbyClient("ftp://host", new AzureKeyCredential(KEY))).toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});
