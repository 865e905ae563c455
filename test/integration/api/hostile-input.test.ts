// Malformed and hostile input against the real app: every refusal is a 4xx problem+json, and nothing is started or
// stored. Routes without a key are refused by the host before the app runs.
import { apiRoutes } from "../../../functions/http/routes";
import { api, rawRequest, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { storedBlobs } from "../../support/stored-blobs";

let lab: Lab;
let plan: Record<string, unknown>;
let baseline: string[];

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  plan = await shopPlan(lab);
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  baseline = await storedBlobs(lab);
});

afterAll(async () => {
  await lab?.stop();
});

afterEach(async () => {
  // Whatever a test sent, storage holds exactly what it held before: no plan, no lock, no operation.
  expect(await storedBlobs(lab)).toEqual(baseline);
  expect((await api<{ value: unknown[] }>(lab, "GET", "/operations")).body.value).toEqual([]);
});

function expectProblem(answer: { status: number; contentType: string; body: unknown }, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toContain("application/problem+json");
  expect(answer.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}

describe("malformed bodies", () => {
  it("answers 400 to JSON that does not parse", async () => {
    const answer = await api(lab, "PUT", "/plans/fresh", { body: '{"name": "fresh", ', headers: { "content-type": "application/json" } });
    expectProblem(answer, 400);
    const failover = await api(lab, "POST", "/plans/shop/failover", { body: "{mode: planned}", headers: { "content-type": "application/json" } });
    expectProblem(failover, 400);
  });

  it("answers 400 with a pointer per wrong type", async () => {
    const answer = await api<{ errors: { pointer: string }[] }>(lab, "POST", "/plans/shop/failover", { json: { mode: "sideways", reason: 42, force: "yes" } });
    expectProblem(answer, 400);
    expect(answer.body.errors.map((error) => error.pointer)).toEqual(expect.arrayContaining(["/mode", "/reason", "/force"]));
    const notAnObject = await api(lab, "PUT", "/plans/fresh", { json: ["a", "plan?"] });
    expectProblem(notAnObject, 400);
    const unknownField = await api<{ errors: { pointer: string }[] }>(lab, "POST", "/plans/shop/commit", { json: { reason: "x", extra: true } });
    expectProblem(unknownField, 400);
  });

  it("answers 413 to a body over 1 MiB, plans and operations alike", async () => {
    const huge = { ...plan, name: "fresh", description: "x".repeat(2 * 1024 * 1024) };
    expectProblem(await api(lab, "PUT", "/plans/fresh", { json: huge }), 413);
    expectProblem(await api(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "y".repeat(2 * 1024 * 1024) } }), 413);
  });

  it("answers 415 to a body that is not JSON", async () => {
    expectProblem(await api(lab, "PUT", "/plans/fresh", { body: "name=fresh", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415);
  });
});

describe("unknown plans and operations", () => {
  it("answers 404 to a failover of a plan that does not exist", async () => {
    expectProblem(await api(lab, "POST", "/plans/ghost/failover", { json: { mode: "planned", reason: "test" } }), 404);
    expectProblem(await api(lab, "DELETE", "/plans/ghost"), 404);
  });

  it("answers 404 to an operation that does not exist, and to decisions on it", async () => {
    expectProblem(await api(lab, "GET", "/operations/failover-0000"), 404);
    expectProblem(await api(lab, "POST", "/operations/failover-0000/approve", { json: {} }), 404);
    expectProblem(await api(lab, "POST", "/operations/failover-0000/cancel", { json: {} }), 404);
  });
});

describe("names that try to leave their container", () => {
  const bodyFor = (method: string): string | undefined => (method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ ...plan, name: ".." }));

  it.each([
    ["/api/v1/plans/..%5C..%5Csecrets", "GET"],
    ["/api/v1/plans/..%5C..%5Csecrets", "PUT"],
    ["/api/v1/plans/shop.json", "GET"],
    ["/api/v1/plans/..%5Cshop/failover", "POST"],
    ["/api/v1/plans/Shop%00", "DELETE"],
    ["/api/v1/operations/..%5Cx", "GET"],
    ["/api/v1/operations/..%5Cx/cancel", "POST"],
    ["/api/v1/operations?plan=..%2F..%2Fx", "GET"],
  ])("answers 400 problem+json to %s (%s)", async (path, method) => {
    const answer = await rawRequest(lab, method, path, bodyFor(method));
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain("application/problem+json");
  });

  // URL parsing resolves an escaped dot-dot segment before routing, so these address no route at all: the host
  // refuses them before the app runs (and the afterEach proves nothing was stored).
  it.each([
    ["/api/v1/plans/%2e%2e", "GET"],
    ["/api/v1/plans/%2e%2e", "PUT"],
    ["/api/v1/plans/%2e%2e/failover", "POST"],
    ["/api/v1/operations/%2E%2E", "GET"],
  ])("refuses %s (%s) before routing", async (path, method) => {
    const answer = await rawRequest(lab, method, path, bodyFor(method));
    expect(answer.status).toBe(404);
  });

  it("answers 400 to a plan body whose name is not a plan name", async () => {
    const answer = await api<{ errors: { pointer: string }[] }>(lab, "PUT", "/plans/shop", { json: { ...plan, name: "../shop" } });
    expectProblem(answer, 400);
    expect(answer.body.errors.map((error) => error.pointer)).toContain("/name");
  });

  it("answers 400 to query parameters out of range", async () => {
    expectProblem(await api(lab, "GET", "/plans?maxpagesize=0"), 400);
    expectProblem(await api(lab, "GET", "/plans?maxpagesize=abc"), 400);
    expectProblem(await api(lab, "GET", "/operations?status=exploded"), 400);
    expectProblem(await api(lab, "GET", "/plans?continuationToken=not-ours"), 400);
  });
});

describe("keys", () => {
  const routes = apiRoutes().map((route) => [route.method, route.route] as const);

  it.each(routes)("refuses %s %s without a key, and with a wrong one", async (method, route) => {
    const path = `/${route.replace(/^v1/, "").replace(/^\//, "")}`.replace("{plan}", "shop").replace("{operationId}", "failover-0000");
    const body = method === "GET" || method === "DELETE" ? undefined : { json: { mode: "planned", reason: "no key" } };
    expect((await api(lab, method, path, { key: null, ...body })).status).toBe(401);
    expect((await api(lab, method, path, { key: "wrong-key", ...body })).status).toBe(401);
  });
});
