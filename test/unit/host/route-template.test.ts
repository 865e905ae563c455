import { compareRouteSpecificity, matchRoute, parseRouteTemplate } from "../../../local/host/http/route-template";

const match = (template: string, path: string) => matchRoute(parseRouteTemplate(template), path);

describe("route templates as the Functions host reads them", () => {
  it("matches literal segments case-insensitively and captures parameters", () => {
    expect(match("plans/{plan}", "Plans/shop")).toEqual({ plan: "shop" });
    expect(match("plans/{plan}", "plans")).toBeUndefined();
    expect(match("plans/{plan}", "plans/shop/extra")).toBeUndefined();
  });

  it("treats a trailing optional parameter as absent or present", () => {
    expect(match("plans/{plan}/runs/{run?}", "plans/shop/runs")).toEqual({ plan: "shop" });
    expect(match("plans/{plan}/runs/{run?}", "plans/shop/runs/7")).toEqual({ plan: "shop", run: "7" });
  });

  it("applies defaults when a segment is missing", () => {
    expect(match("reports/{format=html}", "reports")).toEqual({ format: "html" });
    expect(match("reports/{format=html}", "reports/pdf")).toEqual({ format: "pdf" });
  });

  it("enforces inline constraints, chained ones included", () => {
    expect(match("items/{id:int}", "items/42")).toEqual({ id: "42" });
    expect(match("items/{id:int}", "items/abc")).toBeUndefined();
    expect(match("items/{id:int:min(10)}", "items/9")).toBeUndefined();
    expect(match("items/{id:int:min(10)}", "items/10")).toEqual({ id: "10" });
    expect(match("items/{id:range(1,3)}", "items/4")).toBeUndefined();
    expect(match("codes/{code:length(3)}", "codes/abcd")).toBeUndefined();
    expect(match("codes/{code:alpha}", "codes/abc")).toEqual({ code: "abc" });
    expect(match("ops/{op:regex(^(start|stop)$)}", "ops/start")).toEqual({ op: "start" });
    expect(match("ops/{op:regex(^(start|stop)$)}", "ops/pause")).toBeUndefined();
    expect(match("ids/{id:guid}", "ids/0f8fad5b-d9cb-469f-a165-70867728950e")).toEqual({ id: "0f8fad5b-d9cb-469f-a165-70867728950e" });
    expect(match("flags/{on:bool}", "flags/maybe")).toBeUndefined();
  });

  it("lets a catch-all parameter take the rest of the path", () => {
    expect(match("files/{*path}", "files/a/b/c.txt")).toEqual({ path: "a/b/c.txt" });
    expect(match("files/{*path}", "files")).toEqual({});
  });

  it("matches the empty route only at the root", () => {
    expect(match("", "")).toEqual({});
    expect(match("", "x")).toBeUndefined();
  });

  it("refuses templates the host would refuse, naming the problem", () => {
    expect(() => parseRouteTemplate("a/{x?}/b")).toThrow(/only the last segment may be optional/);
    expect(() => parseRouteTemplate("a/{*x}/b")).toThrow(/catch-all/);
    expect(() => parseRouteTemplate("a/{x}/{X}")).toThrow(/appears twice/);
    expect(() => parseRouteTemplate("a/{x:nonsense}")).toThrow(/unknown route constraint "nonsense"/);
    expect(() => parseRouteTemplate("a/{x:min(a)}")).toThrow(/needs 1 number/);
    expect(() => parseRouteTemplate("a/pre{x}")).toThrow(/mixes text and parameters/);
  });

  it("orders literal before constrained before plain before catch-all", () => {
    const templates = ["items/{*rest}", "items/{name}", "items/{id:int}", "items/latest"].map(parseRouteTemplate);
    const ordered = [...templates].sort(compareRouteSpecificity).map((route) => route.template);
    expect(ordered).toEqual(["items/latest", "items/{id:int}", "items/{name}", "items/{*rest}"]);
  });
});
