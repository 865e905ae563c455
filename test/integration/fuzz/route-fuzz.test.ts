// fast-check fuzzing of every route that takes input, against the real app in the local host: plans PUT, operation
// requests, approval decisions and the Event Grid webhook. Whatever arrives, the answer is never a 5xx; what is
// refused is a problem+json 4xx that started nothing and stored nothing; the `shop` plan is never touched; and every
// status a route answers is one the app's own OpenAPI document declares for that route.
import fc from "fast-check";
import type { Operation } from "@standby/client/contract";
import { RESOURCE_HEALTH_EVENT } from "../../../functions/core/alerts/signals";
import { api, shopPlan, type ApiAnswer } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { storedBlobs } from "../../support/stored-blobs";

jest.setTimeout(600_000);

const RUNS = Number(process.env.STANDBY_FUZZ_RUNS ?? 60);
/** Fixed unless asked otherwise, so a CI failure can be replayed; the seed is printed by fast-check on failure. */
const SEED = Number(process.env.STANDBY_FUZZ_SEED ?? 20261127);

let lab: Lab;
let plan: Record<string, unknown>;
let shopBefore: { etag: string | null; body: unknown };
let blobsBefore: string[];
let declaredStatuses: Map<string, string[]>;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  plan = await shopPlan(lab);
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  shopBefore = await readShop();
  blobsBefore = await storedBlobs(lab);
  const document = (await api<{ paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> }>(lab, "GET", "/openapi.json")).body;
  declaredStatuses = new Map(
    Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => [operation.operationId, Object.keys(operation.responses)] as const)),
  );
});

afterAll(async () => {
  await lab?.stop();
});

async function readShop(): Promise<{ etag: string | null; body: unknown }> {
  const answer = await api(lab, "GET", "/plans/shop");
  return { etag: answer.headers.get("etag"), body: answer.body };
}

async function operationsStarted(): Promise<unknown[]> {
  return (await api<{ value: Operation[] }>(lab, "GET", "/operations")).body.value;
}

/** The status is one the OpenAPI document declares for the route (the host's own bare 404 is no route's answer). */
function expectDeclared(operationId: string, answer: ApiAnswer): void {
  if (answer.contentType === "" && answer.status === 404) return;
  expect({ operationId, status: answer.status }).toEqual({ operationId, status: Number(declaredStatuses.get(operationId)?.find((status) => status === String(answer.status))) });
}

/**
 * A 4xx problem from the app that the route declares, or the host's bare 404 when the path matches no function at
 * all (an encoded `/` in a route parameter, as the Functions host answers it: no body).
 */
function expectRefusal(answer: ApiAnswer, operationId: string): void {
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  if (answer.contentType === "") expect({ status: answer.status, body: answer.body }).toEqual({ status: 404, body: undefined });
  else expect(answer.contentType).toContain("application/problem+json");
  expectDeclared(operationId, answer);
}

const START_OPERATION: Readonly<Record<string, string>> = { failover: "startFailover", commit: "startCommit", failback: "startFailback", drills: "startDrill" };
const DECISION_OPERATION: Readonly<Record<string, string>> = { approve: "approveOperation", reject: "rejectOperation", cancel: "cancelOperation" };

async function expectNothingChanged(): Promise<void> {
  expect(await operationsStarted()).toEqual([]);
  expect(await readShop()).toEqual(shopBefore);
  expect(await storedBlobs(lab)).toEqual(blobsBefore);
}

const property = { numRuns: RUNS, seed: SEED, endOnFailure: true };

/** Any JSON value that is not an object (arrays, strings, numbers, booleans); null is left out: no body at all. */
const notAnObject = fc.jsonValue().filter((value) => value !== null && (typeof value !== "object" || Array.isArray(value)));
const notAString = fc.jsonValue().filter((value) => typeof value !== "string");
const OPERATION_FIELDS = new Set(["mode", "reason", "recoveryPoint", "force"]);
const unknownField = fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !OPERATION_FIELDS.has(key) && key !== "__proto__");

describe("PUT /plans/{plan}", () => {
  const topLevel = ["name", "vault", "objectives", "groups", "traffic", "drill", "autoFailover", "description"];
  /** The valid plan with one part replaced by arbitrary JSON, one part removed, or an item list of random ids. */
  const mutatedPlan = fc.oneof(
    notAnObject,
    fc.record({ key: fc.constantFrom(...topLevel), value: fc.jsonValue() }).map(({ key, value }) => ({ ...plan, name: "fuzz", [key]: value })),
    fc.constantFrom(...topLevel.filter((key) => key !== "name")).map((key) => Object.fromEntries(Object.entries({ ...plan, name: "fuzz" }).filter(([name]) => name !== key))),
    fc.array(fc.string(), { maxLength: 4 }).map((items) => ({ ...plan, name: "fuzz", groups: [{ name: "db", items }] })),
    fc.record({ key: unknownField, value: fc.jsonValue() }).map(({ key, value }) => ({ ...plan, name: "fuzz", [key]: value })),
  );

  it("never answers 5xx; a refused plan stores nothing, an accepted one reads back and deletes cleanly", async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutatedPlan, async (body) => {
        const answer = await api(lab, "PUT", "/plans/fuzz", { json: body });
        expect(answer.status).toBeLessThan(500);
        expectDeclared("createOrUpdatePlan", answer);
        if (answer.status >= 400) {
          refused += 1;
          expectRefusal(answer, "createOrUpdatePlan");
          await expectNothingChanged();
          return;
        }
        // Some mutations are still valid plans (an optional part removed): stored, then removed again.
        expect([200, 201]).toContain(answer.status);
        expect((await api(lab, "GET", "/plans/fuzz")).status).toBe(200);
        expect((await api(lab, "DELETE", "/plans/fuzz")).status).toBeLessThan(300);
        await expectNothingChanged();
      }),
      property,
    );
    expect(refused).toBeGreaterThan(RUNS / 2);
  });

  it("refuses any change to shop under a stale If-Match, whatever the body", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedPlan, async (body) => {
        const named = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, name: "shop" } : body;
        expectRefusal(await api(lab, "PUT", "/plans/shop", { json: named, headers: { "If-Match": '"0x0stale"' } }), "createOrUpdatePlan");
        await expectNothingChanged();
      }),
      property,
    );
  });
});

describe("POST /plans/{plan}/{failover|commit|failback|drills}", () => {
  /** Invalid by construction: not an object, a reason that is not a string, an unknown field, or an unknown mode. */
  const invalidRequest = fc.oneof(
    notAnObject,
    notAString.map((reason) => ({ reason })),
    fc.record({ key: unknownField, value: fc.jsonValue() }).map(({ key, value }) => ({ reason: "fuzz", [key]: value })),
  );
  const invalidFailover = fc.oneof(invalidRequest, fc.string().filter((mode) => mode !== "planned" && mode !== "unplanned").map((mode) => ({ mode, reason: "fuzz" })));

  it("refuses every invalid request with a problem, starting nothing", async () => {
    const cases = fc.oneof(
      invalidFailover.map((body) => ({ kind: "failover", body })),
      fc.constantFrom("commit", "failback", "drills").chain((kind) => invalidRequest.map((body) => ({ kind, body }))),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ kind, body }) => {
        expectRefusal(await api(lab, "POST", `/plans/shop/${kind}`, { json: body }), START_OPERATION[kind] as string);
        await expectNothingChanged();
      }),
      property,
    );
  });

  it("answers a plan name of any shape with a 4xx, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (name) => {
        fc.pre(name !== "shop");
        expectRefusal(await api(lab, "POST", `/plans/${encodeURIComponent(name)}/failover`, { json: { mode: "planned", reason: "fuzz" } }), "startFailover");
        await expectNothingChanged();
      }),
      property,
    );
  });
});

describe("POST /operations/{id}/{approve|reject|cancel}", () => {
  it("answers any id and body with a 4xx problem when no such operation waits, changing nothing", async () => {
    const cases = fc.record({
      decision: fc.constantFrom("approve", "reject", "cancel"),
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.uuid().map((uuid) => `failover-${uuid}`)),
      body: fc.jsonValue(),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ decision, id, body }) => {
        expectRefusal(await api(lab, "POST", `/operations/${encodeURIComponent(id)}/${decision}`, { json: body }), DECISION_OPERATION[decision] as string);
        await expectNothingChanged();
      }),
      property,
    );
  });
});

describe("GET of one plan, operation or drill", () => {
  it("answers a name of any shape with a declared 4xx, changing nothing", async () => {
    const cases = fc.record({
      route: fc.constantFrom(
        { operationId: "getPlan", path: "/plans/" },
        { operationId: "getPlanHealth", path: "/plans/", suffix: "/health" },
        { operationId: "getOperation", path: "/operations/" },
        { operationId: "getDrill", path: "/drills/" },
        { operationId: "getDrillReport", path: "/drills/", suffix: "/report.html" },
      ),
      name: fc.string({ minLength: 1, maxLength: 80 }),
    });
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, name }) => {
        // "." and ".." are path steps, not names: the URL resolves them away before the request is sent.
        fc.pre(name !== "shop" && name !== "." && name !== "..");
        expectRefusal(await api(lab, "GET", `${route.path}${encodeURIComponent(name)}${route.suffix ?? ""}`), route.operationId);
        await expectNothingChanged();
      }),
      property,
    );
  });
});

describe("the Event Grid webhook of the alert intake", () => {
  const eventLike = fc.record(
    {
      id: fc.oneof(fc.uuid(), fc.jsonValue()),
      subject: fc.oneof(fc.string(), fc.jsonValue()),
      eventType: fc.oneof(fc.constant(RESOURCE_HEALTH_EVENT), fc.string(), fc.jsonValue()),
      eventTime: fc.oneof(fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.jsonValue()),
      dataVersion: fc.jsonValue(),
      data: fc.jsonValue(),
    },
    { requiredKeys: [] },
  );

  it("never answers 5xx and never starts an operation or touches a plan, whatever is delivered", async () => {
    const webhook = `${lab.hostUrl}/runtime/webhooks/eventgrid?functionName=alertIntake&code=${encodeURIComponent(lab.masterKey)}`;
    const delivery = fc.oneof(fc.jsonValue(), fc.array(eventLike, { maxLength: 4 }), eventLike);
    await fc.assert(
      fc.asyncProperty(delivery, async (body) => {
        const response = await fetch(webhook, { method: "POST", headers: { "Content-Type": "application/json", "aeg-event-type": "Notification" }, body: JSON.stringify(body) });
        await response.arrayBuffer();
        expect(response.status).toBeLessThan(500);
        // Accepted events may be recorded as signals; the plan's policy (no automatic failover) starts nothing.
        expect(await operationsStarted()).toEqual([]);
        expect(await readShop()).toEqual(shopBefore);
      }),
      property,
    );
  });
});
