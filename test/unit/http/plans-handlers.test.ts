// Plan handlers with in-memory fakes: validation errors with pointers, ETag flows, problem+json shapes.
import { PROBLEM_MEDIA_TYPE, type ProblemDetails } from "@standby/client/contract";
import { deletePlan, getPlan, listPlans, putPlan } from "../../../functions/http/handlers/plans";
import { PROBLEM_TYPE_BASE } from "../../../functions/http/problem";
import { runHandler } from "../../../functions/http/routes";
import { apiRequest, fakeDependencies, validPlan, type TestDependencies } from "./fakes";

let deps: TestDependencies;

beforeEach(() => {
  deps = fakeDependencies();
});

const put = (name: string, json: unknown, headers: Record<string, string> = {}) =>
  runHandler(putPlan, apiRequest({ method: "PUT", path: `/api/v1/plans/${name}`, params: { plan: name }, json, headers }), deps);

function problemOf(response: { status: number; headers?: Record<string, string>; body?: unknown }): ProblemDetails {
  expect(response.headers?.["Content-Type"]).toBe(PROBLEM_MEDIA_TYPE);
  const body = response.body as ProblemDetails;
  expect(body.status).toBe(response.status);
  expect(body.type.startsWith(PROBLEM_TYPE_BASE)).toBe(true);
  return body;
}

describe("PUT /plans/{plan}", () => {
  it("creates with 201, ETag and Location, then replaces with 200 and a new ETag", async () => {
    const created = await put("shop", validPlan());
    expect(created.status).toBe(201);
    expect(created.headers).toMatchObject({ ETag: '"v1"', Location: "/api/v1/plans/shop" });
    const replaced = await put("shop", { ...validPlan(), description: "two" }, { "If-Match": '"v1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.headers?.ETag).toBe('"v2"');
    expect(deps.plans.plans.get("shop")?.plan.description).toBe("two");
  });

  it("answers 412 to a stale If-Match and to If-None-Match: * on an existing plan, keeping the stored plan", async () => {
    await put("shop", validPlan());
    await put("shop", { ...validPlan(), description: "two" });
    const stale = await put("shop", { ...validPlan(), description: "three" }, { "If-Match": '"v1"' });
    expect(stale.status).toBe(412);
    expect(problemOf(stale).type).toBe(`${PROBLEM_TYPE_BASE}PlanVersionConflict`);
    expect((await put("shop", validPlan(), { "If-None-Match": "*" })).status).toBe(412);
    expect(deps.plans.plans.get("shop")?.plan.description).toBe("two");
  });

  it("lists every error at once with its JSON pointer, and stores nothing", async () => {
    const plan = {
      ...validPlan(),
      name: "other",
      objectives: { rpoSeconds: 5, rtoSeconds: 60 },
      groups: [
        { name: "db", items: ["db-1"] },
        { name: "db", items: ["db-1"], before: [{ type: "teleport" }] },
        { name: "web", items: [] },
      ],
    };
    const answer = await put("shop", plan);
    expect(answer.status).toBe(400);
    const problem = problemOf(answer);
    expect(problem.type).toBe(`${PROBLEM_TYPE_BASE}PlanInvalid`);
    const pointers = (problem.errors ?? []).map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(["/name", "/objectives/rpoSeconds", "/groups/1/name", "/groups/1/items/0", "/groups/1/before/0/type", "/groups/2/items"]),
    );
    expect(deps.plans.plans.size).toBe(0);
  });

  it("refuses a URL name that is not a plan name before reading the body", async () => {
    const answer = await put("..", validPlan());
    expect(answer.status).toBe(400);
    expect(problemOf(answer).type).toBe(`${PROBLEM_TYPE_BASE}RequestInvalid`);
    expect(deps.plans.plans.size).toBe(0);
  });
});

describe("GET and DELETE /plans/{plan}", () => {
  it("returns the plan with its ETag, and 404 problem+json for an unknown one", async () => {
    await put("shop", validPlan());
    const read = await runHandler(getPlan, apiRequest({ params: { plan: "shop" } }), deps);
    expect(read).toEqual({ status: 200, headers: { ETag: '"v1"' }, body: validPlan() });
    const missing = await runHandler(getPlan, apiRequest({ path: "/api/v1/plans/nope", params: { plan: "nope" } }), deps);
    expect(missing.status).toBe(404);
    expect(problemOf(missing)).toMatchObject({ type: `${PROBLEM_TYPE_BASE}PlanNotFound`, instance: "/api/v1/plans/nope" });
  });

  it("refuses to delete a plan while an operation of it runs, naming the operation", async () => {
    await put("shop", validPlan());
    deps.lock.holders.set("shop", { operationId: "failover-7", kind: "failover", acquiredAtMs: 0 });
    deps.engine.instances.set("failover-7", { runtimeStatus: "Running" });
    const busy = await runHandler(deletePlan, apiRequest({ method: "DELETE", params: { plan: "shop" } }), deps);
    expect(busy.status).toBe(409);
    expect(problemOf(busy).operationId).toBe("failover-7");
    expect(deps.plans.plans.has("shop")).toBe(true);

    deps.engine.instances.set("failover-7", { runtimeStatus: "Completed" });
    const deleted = await runHandler(deletePlan, apiRequest({ method: "DELETE", params: { plan: "shop" }, headers: { "if-match": '"v1"' } }), deps);
    expect(deleted.status).toBe(204);
    expect(deps.plans.plans.has("shop")).toBe(false);
  });
});

describe("GET /plans", () => {
  it("pages with a nextLink that keeps the page size", async () => {
    for (const name of ["a", "b", "c"]) await put(name, validPlan(name));
    const first = await runHandler(listPlans, apiRequest({ path: "/api/v1/plans", query: { maxpagesize: "2" } }), deps);
    const body = first.body as { value: { name: string }[]; nextLink?: string };
    expect(body.value.map((plan) => plan.name)).toEqual(["a", "b"]);
    expect(body.nextLink).toBe("/api/v1/plans?maxpagesize=2&continuationToken=2");
  });

  it("leaves a function key given as code out of the nextLink", async () => {
    for (const name of ["a", "b", "c"]) await put(name, validPlan(name));
    const first = await runHandler(listPlans, apiRequest({ path: "/api/v1/plans", query: { maxpagesize: "2", code: "the-key" } }), deps);
    expect((first.body as { nextLink?: string }).nextLink).toBe("/api/v1/plans?maxpagesize=2&continuationToken=2");
  });

  it.each(["0", "1001", "-1", "1.5", "ten"])("answers 400 to maxpagesize=%s", async (size) => {
    const answer = await runHandler(listPlans, apiRequest({ query: { maxpagesize: size } }), deps);
    expect(answer.status).toBe(400);
    problemOf(answer);
  });
});
