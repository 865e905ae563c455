// Path templates: literal segments match in any case (ARM ids come back as /Subscriptions/), parameters are decoded.
import { Router } from "../../../local/arm/server/router";

describe("Router", () => {
  const handler = () => ({ status: 200 });
  const router = new Router().add("GET", "subscriptions/{subscription}/resourceGroups/{group}/items/{item}", handler);

  it("matches literals case-insensitively and decodes parameters", () => {
    const match = router.match("get", "/Subscriptions/abc/resourcegroups/My%20Group/ITEMS/x%2Fy");
    expect(match).toEqual({ kind: "found", handler, params: { subscription: "abc", group: "My Group", item: "x/y" } });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(router.match("POST", "/subscriptions/abc/resourceGroups/g/items/i").kind).toBe("wrongMethod");
    expect(router.match("GET", "/subscriptions/abc/resourceGroups/g/items").kind).toBe("none");
    expect(router.match("GET", "/subscriptions/abc/resourceGroups/g/items/i/extra").kind).toBe("none");
  });

  it("does not match a parameter that is not valid percent-encoding", () => {
    expect(router.match("GET", "/subscriptions/%E0%A4%A/resourceGroups/g/items/i").kind).toBe("none");
  });
});
