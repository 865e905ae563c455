import { findItem, itemFinder, itemKey } from "../../../../functions/core/plan/item-ref";
import { anItem, itemId } from "../fixtures";

describe("item references", () => {
  it("gives a name and its resource id the same key, ignoring case and a trailing slash", () => {
    expect(itemKey("DB-1")).toBe("db-1");
    expect(itemKey(itemId("db-1"))).toBe("db-1");
    expect(itemKey(`${itemId("DB-1").replace("/subscriptions/", "/Subscriptions/")}/`)).toBe("db-1");
  });

  it("finds an item by resource id, name or machine name", () => {
    const items = [anItem("db-1"), anItem("app-1")];
    expect(findItem(itemId("APP-1"), items)?.name).toBe("app-1");
    expect(findItem("Db-1", items)?.name).toBe("db-1");
    expect(findItem("vm-app-1", items)?.name).toBe("app-1");
    expect(findItem("nope", items)).toBeUndefined();
  });

  it("prefers an exact id, then a name, over another item's machine name", () => {
    const confusing = [anItem("x", { friendlyName: "db-1" }), anItem("db-1", { friendlyName: "vm" })];
    expect(findItem("db-1", confusing)?.name).toBe("db-1");
    expect(itemFinder(confusing)("DB-1")?.name).toBe("db-1");
  });
});
