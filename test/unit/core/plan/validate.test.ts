import { validatePlan, type PlanValidation } from "../../../../functions/core/plan/validate";
import { aPlan, anItem, itemId, planWith, PLAN_ITEMS, type LooseJson } from "../fixtures";

/** The errors of a validation that must have failed, as "pointer: message" lines. */
function errorsOf(result: PlanValidation): { pointer: string; message: string }[] {
  if (result.ok) throw new Error("expected the plan to be refused");
  return result.errors;
}

const pointers = (result: PlanValidation): string[] => errorsOf(result).map((error) => error.pointer);

describe("plan validation", () => {
  it("accepts a complete plan and returns it", () => {
    const result = validatePlan(aPlan());
    expect(result).toEqual({ ok: true, plan: aPlan() });
  });

  it("accepts the smallest plan: name, vault, objectives and one group", () => {
    const { name, vault, objectives } = aPlan();
    expect(validatePlan({ name, vault, objectives, groups: [{ name: "all", items: ["x"] }] }).ok).toBe(true);
  });

  it.each([null, [], "plan", 42])("refuses %j as a whole with the empty pointer", (input) => {
    expect(errorsOf(validatePlan(input))).toEqual([{ pointer: "", message: "A plan must be a JSON object." }]);
  });

  it("reports every error at once, each with its JSON pointer", () => {
    const result = validatePlan(
      planWith((plan) => {
        plan.name = "../etc";
        plan.objectives.rpoSeconds = 0;
        plan.groups[0].items = [];
        plan.groups[1].name = "db";
        plan.groups[2].items.push("app-1");
        plan.groups[2].after.push({ type: "teleport" });
        plan.drill.schedule = "0 0 25 * * *";
        plan.groups[2].before[0].url = "https://evil.example.net/x";
        plan.extra = true;
      }),
    );
    expect(pointers(result).sort()).toEqual(
      [
        "/extra",
        "/name",
        "/objectives/rpoSeconds",
        "/groups/0/items",
        "/groups/1/name",
        "/groups/2/items/2",
        "/groups/2/after/1/type",
        "/drill/schedule",
        "/groups/2/before/0/url",
      ].sort(),
    );
  });

  describe("names", () => {
    it.each(["../shop", "Shop", "shop/x", "-shop", "", "a".repeat(64), "shop%2f", "shop..x", "shop x"])(
      "refuses the unsafe plan name %j",
      (name) => {
        const errors = errorsOf(validatePlan(planWith((plan) => (plan.name = name))));
        expect(errors).toContainEqual({ pointer: "/name", message: expect.stringContaining("lowercase letters, digits or dashes") });
      },
    );

    it.each(["shop", "0", "shop-eu-2", "a".repeat(63)])("accepts the plan name %j", (name) => {
      expect(validatePlan(planWith((plan) => (plan.name = name))).ok).toBe(true);
    });

    it("refuses a body that names another plan than the URL", () => {
      expect(errorsOf(validatePlan(aPlan(), { expectedName: "other" }))).toEqual([
        { pointer: "/name", message: 'The plan in the body is "shop" but the URL names "other".' },
      ]);
      expect(validatePlan(aPlan(), { expectedName: "shop" }).ok).toBe(true);
    });

    it("refuses duplicate group names regardless of case, pointing at the second", () => {
      const errors = errorsOf(validatePlan(planWith((plan) => (plan.groups[2].name = "DB"))));
      expect(errors).toEqual([{ pointer: "/groups/2/name", message: 'Group name "DB" is already used by /groups/0.' }]);
    });

    it("escapes JSON pointer segments (RFC 6901) in the pointers it reports", () => {
      const errors = errorsOf(validatePlan(planWith((plan) => (plan["a/b~c"] = 1))));
      expect(errors).toEqual([{ pointer: "/a~1b~0c", message: expect.any(String) }]);
    });
  });

  describe("groups and items", () => {
    it("refuses an empty group", () => {
      expect(errorsOf(validatePlan(planWith((plan) => (plan.groups[1].items = []))))).toEqual([
        { pointer: "/groups/1/items", message: 'Group "app" has no items; remove it or add items.' },
      ]);
    });

    it("refuses a plan without groups", () => {
      expect(pointers(validatePlan(planWith((plan) => (plan.groups = []))))).toEqual(["/groups"]);
    });

    it("refuses an item in two groups, naming the first group", () => {
      expect(errorsOf(validatePlan(planWith((plan) => plan.groups[2].items.push("db-1"))))).toEqual([
        { pointer: "/groups/2/items/2", message: 'Item "db-1" is already in group "db"; an item belongs to one group.' },
      ]);
    });

    it("refuses an item listed twice in one group", () => {
      expect(errorsOf(validatePlan(planWith((plan) => plan.groups[1].items.push("app-1"))))).toEqual([
        { pointer: "/groups/1/items/2", message: 'Item "app-1" is listed twice in group "app".' },
      ]);
    });

    it("sees the same item behind its name and its resource id", () => {
      const result = validatePlan(planWith((plan) => plan.groups[2].items.push(itemId("DB-1"))));
      expect(pointers(result)).toEqual(["/groups/2/items/2"]);
    });

    it("refuses items the vault does not have when the known items are given", () => {
      const knownItems = PLAN_ITEMS.filter((name) => name !== "app-2").map((name) => anItem(name));
      expect(errorsOf(validatePlan(aPlan(), { knownItems }))).toEqual([
        { pointer: "/groups/1/items/1", message: 'No protected item "app-2" in the vault.' },
      ]);
    });

    it("resolves known items by id, name or machine name, and sees duplicates across spellings", () => {
      const knownItems = PLAN_ITEMS.map((name) => anItem(name));
      const plan = planWith((p) => {
        p.groups[0].items = [itemId("db-1")];
        p.groups[1].items = ["vm-app-1", "APP-2"];
        p.groups[2].items = ["web-1", "web-2", "vm-db-1"];
      });
      expect(errorsOf(validatePlan(plan, { knownItems }))).toEqual([
        { pointer: "/groups/2/items/2", message: 'Item "vm-db-1" is already in group "db"; an item belongs to one group.' },
      ]);
    });

    it("refuses more than 100 items in a group and more than 20 groups", () => {
      const many = Array.from({ length: 101 }, (_, i) => `item-${i}`);
      expect(pointers(validatePlan(planWith((plan) => (plan.groups[0].items = many))))).toEqual(["/groups/0/items"]);
      const groups = Array.from({ length: 21 }, (_, i) => ({ name: `g${i}`, items: [`i${i}`] }));
      expect(pointers(validatePlan(planWith((plan) => (plan.groups = groups))))).toEqual(["/groups"]);
    });
  });

  describe("actions", () => {
    it("names the unknown action type and the known ones", () => {
      expect(errorsOf(validatePlan(planWith((plan) => plan.groups[0].before = [{ type: "sleep", seconds: 3 }])))).toEqual([
        {
          pointer: "/groups/0/before/0/type",
          message: 'Unknown type "sleep"; expected one of: webhook, runbook, approval, probe, delay',
        },
      ]);
    });

    it("refuses an action without a type", () => {
      expect(pointers(validatePlan(planWith((plan) => (plan.groups[0].before = [{ seconds: 3 }]))))).toEqual([
        "/groups/0/before/0/type",
      ]);
    });

    it("reports a missing field of a known action type at the field", () => {
      const errors = errorsOf(validatePlan(planWith((plan) => plan.groups[0].before = [{ type: "webhook" }])));
      expect(errors).toEqual([{ pointer: "/groups/0/before/0/url", message: expect.stringMatching(/required/i) }]);
    });

    it("requires an explicit choice for what an unanswered approval means", () => {
      const result = validatePlan(planWith((plan) => delete plan.groups[2].after[0].onTimeout));
      expect(pointers(result)).toEqual(["/groups/2/after/0/onTimeout"]);
      const wrong = validatePlan(planWith((plan) => (plan.groups[2].after[0].onTimeout = "ignore")));
      expect(pointers(wrong)).toEqual(["/groups/2/after/0/onTimeout"]);
    });

    it("refuses fields an action type does not have", () => {
      expect(pointers(validatePlan(planWith((plan) => (plan.groups[1].before[0].minutes = 1))))).toEqual([
        "/groups/1/before/0/minutes",
      ]);
    });

    it.each([
      ["delay of 0 seconds", (plan: LooseJson) => (plan.groups[1].before[0].seconds = 0), "/groups/1/before/0/seconds"],
      ["delay over an hour", (plan: LooseJson) => (plan.groups[1].before[0].seconds = 3601), "/groups/1/before/0/seconds"],
      ["approval timeout of 0", (plan: LooseJson) => (plan.groups[2].after[0].timeoutMinutes = 0), "/groups/2/after/0/timeoutMinutes"],
      ["probe status 99", (plan: LooseJson) => (plan.groups[0].after[0].expectStatus = 99), "/groups/0/after/0/expectStatus"],
      ["webhook method DELETE", (plan: LooseJson) => (plan.groups[2].before[0].method = "DELETE"), "/groups/2/before/0/method"],
      ["runbook that is not a runbook id", (plan: LooseJson) => (plan.groups[1].after[0].runbookId = "warm-cache"), "/groups/1/after/0/runbookId"],
    ])("refuses a %s", (_what, edit, pointer) => {
      expect(pointers(validatePlan(planWith(edit)))).toEqual([pointer]);
    });
  });

  describe("webhook and probe hosts", () => {
    const withWebhookUrl = (url: string, allowedHosts?: string[]) =>
      planWith((plan) => {
        plan.groups[2].before[0].url = url;
        if (allowedHosts) plan.allowedHosts = allowedHosts;
      });

    it("refuses a host missing from allowedHosts", () => {
      expect(errorsOf(validatePlan(withWebhookUrl("https://other.example.com/x")))).toEqual([
        {
          pointer: "/groups/2/before/0/url",
          message: "The webhook URL cannot be called: host other.example.com is not in allowedHosts.",
        },
      ]);
    });

    it("refuses a host the plan allows but the app's allow-list does not, and accepts it when the app allows it too", () => {
      const plan = withWebhookUrl("https://other.example.com/x", ["*.shop.example.com", "other.example.com"]);
      const appAllowed = ["*.shop.example.com"];
      expect(errorsOf(validatePlan(plan, { appAllowedHosts: appAllowed }))).toEqual([
        {
          pointer: "/groups/2/before/0/url",
          message: "The webhook URL cannot be called: host other.example.com is not in the app's allowed hosts.",
        },
      ]);
      expect(validatePlan(plan, { appAllowedHosts: [...appAllowed, "other.example.com"] }).ok).toBe(true);
      expect(validatePlan(plan).ok).toBe(true);
    });

    it("refuses every URL when the plan allows no hosts", () => {
      const result = validatePlan(planWith((plan) => delete plan.allowedHosts));
      expect(pointers(result).sort()).toEqual(["/drill/probes/0/url", "/groups/0/after/0/url", "/groups/2/before/0/url"]);
    });

    it("matches wildcard entries on subdomains only, and hosts case-insensitively", () => {
      expect(validatePlan(withWebhookUrl("https://A.B.Shop.Example.com:8443/x")).ok).toBe(true);
      expect(pointers(validatePlan(withWebhookUrl("https://shop.example.com/x")))).toEqual(["/groups/2/before/0/url"]);
      expect(pointers(validatePlan(withWebhookUrl("https://evilshop.example.com/x")))).toEqual(["/groups/2/before/0/url"]);
    });

    it.each([
      "https://169.254.169.254/metadata/identity/oauth2/token",
      "https://[fe80::1]/",
      "https://168.63.129.16/machine",
      "https://2852039166/latest",
      "https://0xA9FEA9FE/",
      "https://[::ffff:169.254.169.254]/",
      "https://metadata.google.internal/",
      "https://0.0.0.0/",
    ])("never calls the metadata, platform or link-local address %s, even when allow-listed", (url) => {
      const host = new URL(url).hostname;
      const errors = errorsOf(validatePlan(withWebhookUrl(url, [host, "hooks.example.com", "*.shop.example.com"])));
      expect(errors).toContainEqual({ pointer: "/groups/2/before/0/url", message: expect.stringContaining("never called") });
    });

    it("refuses to allow-list a link-local or metadata host", () => {
      const errors = errorsOf(validatePlan(planWith((plan) => plan.allowedHosts.push("169.254.169.254"))));
      expect(errors).toEqual([{ pointer: "/allowedHosts/2", message: expect.stringContaining("can never be allowed") }]);
    });

    it("refuses malformed allowedHosts entries", () => {
      const errors = errorsOf(validatePlan(planWith((plan) => plan.allowedHosts.push("https://x.example.com/"))));
      expect(errors).toEqual([{ pointer: "/allowedHosts/2", message: expect.stringContaining("not a host name") }]);
    });

    it("refuses loopback unless the lab allows it, and then only http to loopback", () => {
      const plan = withWebhookUrl("http://127.0.0.1:7777/hook", ["127.0.0.1", "hooks.example.com", "*.shop.example.com"]);
      expect(errorsOf(validatePlan(plan))).toEqual([
        { pointer: "/groups/2/before/0/url", message: "The webhook URL cannot be called: only https URLs may be called, got http." },
      ]);
      expect(validatePlan(plan, { allowLoopback: true }).ok).toBe(true);
      const https = withWebhookUrl("https://localhost/hook", ["localhost", "hooks.example.com", "*.shop.example.com"]);
      expect(errorsOf(validatePlan(https))[0]?.message).toContain("loopback");
      const plainHttp = withWebhookUrl("http://hooks.example.com/hook");
      expect(pointers(validatePlan(plainHttp, { allowLoopback: true }))).toEqual(["/groups/2/before/0/url"]);
    });

    it("still requires loopback hosts to be allow-listed in the lab", () => {
      const plan = withWebhookUrl("http://127.0.0.1:7777/hook");
      expect(pointers(validatePlan(plan, { allowLoopback: true }))).toEqual(["/groups/2/before/0/url"]);
    });

    it("refuses credentials in URLs and URLs that are not absolute", () => {
      expect(errorsOf(validatePlan(withWebhookUrl("https://u:p@hooks.example.com/")))[0]?.message).toContain("credentials");
      expect(errorsOf(validatePlan(withWebhookUrl("/relative")))[0]?.message).toContain("not an absolute URL");
      expect(errorsOf(validatePlan(withWebhookUrl("ftp://hooks.example.com/")))[0]?.message).toContain("only https");
    });

    it("checks drill probes like group probes", () => {
      const result = validatePlan(planWith((plan) => (plan.drill.probes[0].url = "https://elsewhere.test/")));
      expect(pointers(result)).toEqual(["/drill/probes/0/url"]);
    });
  });

  describe("objectives, schedules and the rest", () => {
    it.each([
      ["rpoSeconds", 29],
      ["rpoSeconds", 86401],
      ["rtoSeconds", 59],
      ["rtoSeconds", 259201],
      ["rpoSeconds", 1.5],
      ["rtoSeconds", "1800"],
    ])("refuses objectives.%s = %j", (field, value) => {
      expect(pointers(validatePlan(planWith((plan) => (plan.objectives[field] = value))))).toEqual([`/objectives/${field}`]);
    });

    it("refuses a bad drill schedule with the parser's reason", () => {
      expect(errorsOf(validatePlan(planWith((plan) => (plan.drill.schedule = "0 0 3 * * 7"))))).toEqual([
        { pointer: "/drill/schedule", message: expect.stringContaining("day-of-week field") },
      ]);
    });

    it("checks that each resource id names the right kind of resource, comparing case-insensitively like ARM", () => {
      const result = validatePlan(
        planWith((plan) => {
          plan.traffic.profile = plan.drill.testNetworkId;
          plan.groups[1].after[0].runbookId = plan.groups[1].after[0].runbookId.replace(/\/runbooks\/.*$/, "");
        }),
      );
      expect(errorsOf(result)).toEqual([
        {
          pointer: "/groups/1/after/0/runbookId",
          message: "Expected the resource id of a runbook: /subscriptions/…/providers/Microsoft.Automation/automationAccounts/{name}/runbooks/{name}.",
        },
        {
          pointer: "/traffic/profile",
          message: "Expected the resource id of a Traffic Manager profile: /subscriptions/…/providers/Microsoft.Network/trafficManagerProfiles/{name}.",
        },
      ]);
      const shouting = planWith((plan) => (plan.traffic.profile = plan.traffic.profile.replace("/subscriptions/", "/Subscriptions/").toUpperCase()));
      expect(validatePlan(shouting).ok).toBe(true);
    });

    it("refuses a drill network that is not a virtual network id", () => {
      expect(pointers(validatePlan(planWith((plan) => (plan.drill.testNetworkId = "vnet"))))).toEqual(["/drill/testNetworkId"]);
    });

    it("refuses a traffic switch between one endpoint and itself, and a profile that is not a profile id", () => {
      const result = validatePlan(
        planWith((plan) => {
          plan.traffic.standbyEndpoint = "SHOP-EASTUS";
          plan.traffic.profile = "shop-tm";
        }),
      );
      expect(pointers(result).sort()).toEqual(["/traffic/profile", "/traffic/standbyEndpoint"]);
    });

    it("refuses auto-failover policies out of range or without an approval choice", () => {
      const result = validatePlan(
        planWith((plan) => {
          plan.autoFailover.minSignals = 0;
          delete plan.autoFailover.approval;
        }),
      );
      expect(pointers(result).sort()).toEqual(["/autoFailover/approval", "/autoFailover/minSignals"]);
    });

    it("refuses a recovery point choice it does not know", () => {
      const result = validatePlan(planWith((plan) => (plan.failover.recoveryPoint = "Latest")));
      expect(pointers(result)).toEqual(["/failover/recoveryPoint"]);
    });

    it("does not change the input", () => {
      const input = planWith((plan) => (plan.groups[0].items = []));
      const before = JSON.stringify(input);
      validatePlan(input);
      expect(JSON.stringify(input)).toBe(before);
    });
  });
});
