import { readFileSync } from "node:fs";
import { join } from "node:path";
import { API_BASE_PATH, ROUTES, buildOpenApiDocument, pathParameterNames } from "@standby/client/contract";

type Json = Record<string, unknown>;
const document = buildOpenApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: Json };

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach((entry) => refsIn(entry, found));
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") {
        found.push(value);
      } else {
        refsIn(value, found);
      }
    }
  }
  return found;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with one operation per route", () => {
    expect(document.openapi).toBe("3.1.0");
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => `${method} ${path} ${String(operation.operationId)}`),
    );
    expect(operations.sort()).toEqual(
      ROUTES.map((route) => `${route.method} ${API_BASE_PATH}${route.path} ${route.operationId}`).sort(),
    );
    expect(new Set(ROUTES.map((route) => route.operationId)).size).toBe(ROUTES.length);
  });

  it("resolves every $ref to a component schema", () => {
    const schemas = (document.components.schemas ?? {}) as Json;
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas[ref.replace("#/components/schemas/", "")]).toBeDefined();
    }
  });

  it("declares every path parameter and demands the key on every route, with a token only beside it", () => {
    expect(document.security).toEqual([{ functionKey: [] }, { functionKey: [], bearer: [] }]);
    expect((document.components.securitySchemes as Json).functionKey).toEqual({
      type: "apiKey",
      in: "header",
      name: "x-functions-key",
    });
    for (const route of ROUTES) {
      const operation = document.paths[`${API_BASE_PATH}${route.path}`]?.[route.method] as Json;
      const declared = ((operation.parameters ?? []) as Json[]).filter((p) => p.in === "path").map((p) => p.name);
      expect(declared).toEqual(pathParameterNames(route.path));
      const responses = operation.responses as Record<string, Json>;
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(["401", "429", "500"]));
    }
  });

  it("answers every start of an operation with 202 + Location and a 409 problem", () => {
    for (const route of ROUTES.filter((candidate) => candidate.startsOperation)) {
      const responses = document.paths[`${API_BASE_PATH}${route.path}`]?.post?.responses as Record<string, Json>;
      expect(Object.keys(responses["202"]?.headers as Json)).toContain("Location");
      expect(responses["409"]?.content).toEqual({
        "application/problem+json": { schema: { $ref: "#/components/schemas/ProblemDetails" } },
      });
    }
  });

  it("matches the committed review/openapi.json (run `npm run extract-api -w sdk` after a contract change)", () => {
    const committed: unknown = JSON.parse(readFileSync(join(__dirname, "../../../sdk/review/openapi.json"), "utf8"));
    expect(committed).toEqual(document);
  });
});
