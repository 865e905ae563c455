// Plans CRUD against the real app in the local host, with Azurite behind it: ETag concurrency on every write.
import { buildOpenApiDocument } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;
let plan: Record<string, unknown>;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  plan = await shopPlan(lab);
});

afterAll(async () => {
  await lab?.stop();
});

describe("plans as code", () => {
  it("creates a plan, reads it back with its ETag, and lists it", async () => {
    const created = await api(lab, "PUT", "/plans/shop", { json: plan, headers: { "if-none-match": "*" } });
    expect(created.status).toBe(201);
    const etag = created.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(created.headers.get("location")).toBe("/api/v1/plans/shop");

    const read = await api(lab, "GET", "/plans/shop");
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(etag);
    expect(read.body).toEqual(plan);

    const listed = await api<{ value: { name: string }[] }>(lab, "GET", "/plans");
    expect(listed.status).toBe(200);
    expect(listed.body.value.map((entry) => entry.name)).toContain("shop");
  });

  it("refuses a second create with If-None-Match: * and a stale If-Match, and accepts the current ETag", async () => {
    const name = "etag-flow";
    const first = await api(lab, "PUT", `/plans/${name}`, { json: { ...plan, name } });
    expect(first.status).toBe(201);
    const etag = first.headers.get("etag") as string;

    const again = await api(lab, "PUT", `/plans/${name}`, { json: { ...plan, name }, headers: { "if-none-match": "*" } });
    expect(again.status).toBe(412);
    expect(again.contentType).toContain("application/problem+json");

    const updated = await api(lab, "PUT", `/plans/${name}`, { json: { ...plan, name, description: "v2" }, headers: { "if-match": etag } });
    expect(updated.status).toBe(200);
    const newEtag = updated.headers.get("etag") as string;
    expect(newEtag).not.toBe(etag);

    const stale = await api(lab, "PUT", `/plans/${name}`, { json: { ...plan, name, description: "v3" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const read = await api<{ description?: string }>(lab, "GET", `/plans/${name}`);
    expect(read.body.description).toBe("v2");

    const staleDelete = await api(lab, "DELETE", `/plans/${name}`, { headers: { "if-match": etag } });
    expect(staleDelete.status).toBe(412);
    const deleted = await api(lab, "DELETE", `/plans/${name}`, { headers: { "if-match": newEtag } });
    expect(deleted.status).toBe(204);
    expect((await api(lab, "GET", `/plans/${name}`)).status).toBe(404);
  });

  it("pages the plan list with nextLink", async () => {
    for (const name of ["page-a", "page-b", "page-c"]) {
      expect((await api(lab, "PUT", `/plans/${name}`, { json: { ...plan, name } })).status).toBe(201);
    }
    const seen: string[] = [];
    let path: string | undefined = "/plans?maxpagesize=2";
    let pages = 0;
    while (path !== undefined) {
      const page: { status: number; body: { value: { name: string }[]; nextLink?: string } } = await api(lab, "GET", path);
      expect(page.status).toBe(200);
      expect(page.body.value.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.value.map((entry) => entry.name));
      path = page.body.nextLink?.replace(/^\/api\/v1/, "");
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual(expect.arrayContaining(["page-a", "page-b", "page-c"]));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers 400 listing every error with its JSON pointer, and stores nothing", async () => {
    const bad = {
      ...plan,
      name: "broken",
      objectives: { rpoSeconds: 1, rtoSeconds: "soon" },
      groups: [{ name: "db", items: [] }, { name: "db", items: ["x"], after: [{ type: "teleport" }] }],
    };
    const answer = await api<{ status: number; errors: { pointer: string; message: string }[] }>(lab, "PUT", "/plans/broken", { json: bad });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain("application/problem+json");
    const pointers = answer.body.errors.map((error) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/objectives/rpoSeconds", "/objectives/rtoSeconds", "/groups/0/items", "/groups/1/name", "/groups/1/after/0/type"]));
    expect((await api(lab, "GET", "/plans/broken")).status).toBe(404);
  });

  it("answers 404 problem+json for an unknown plan", async () => {
    const answer = await api<{ status: number; type: string }>(lab, "GET", "/plans/no-such-plan");
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain("application/problem+json");
    expect(answer.body.type).toMatch(/PlanNotFound$/);
  });

  it("serves the OpenAPI document generated from the contract the handlers validate with", async () => {
    const answer = await api<Record<string, unknown>>(lab, "GET", "/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain("application/json");
    expect(answer.body).toEqual(buildOpenApiDocument());
  });
});
