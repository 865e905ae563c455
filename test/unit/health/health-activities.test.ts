import { createHealthActivities, vaultKey, type VaultItems } from "../../../functions/activities/health/health-activities";
import type { HealthSnapshot } from "../../../functions/activities/health/health-snapshot";
import { HEALTH_EVENT_TYPE } from "../../../functions/core/alerts/health-alerts";
import { FakePlans } from "../http/fakes";
import { plan, sweptItem } from "./fixtures";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

function setup() {
  const plans = new FakePlans();
  let stored: HealthSnapshot | undefined;
  const sent: unknown[][] = [];
  const activities = createHealthActivities({
    siteRecovery: () => {
      throw new Error("no ARM in this test");
    },
    plans,
    store: {
      update: async (build) => {
        const next = build(stored);
        if (stored !== undefined && Date.parse(stored.asOf) > Date.parse(next.asOf)) return undefined;
        stored = next;
        return next;
      },
    },
    publisher: { send: async (events: unknown[]) => void sent.push(events) } as never,
  });
  return { plans, activities, sent, snapshot: () => stored };
}

const read = (items = [sweptItem("db-1"), sweptItem("web-1")]): VaultItems => ({ key: vaultKey(plan().vault), items, pages: 1, itemsRead: items.length });

describe("health sweep activities", () => {
  it("list each vault once with every item its plans name", async () => {
    const { plans, activities } = setup();
    await plans.put(plan());
    await plans.put(plan({ name: "blog", groups: [{ name: "all", items: ["blog-1"] }] }));
    await plans.put(plan({ name: "other", vault: { subscriptionId: "sub-2", resourceGroup: "rg", name: "v2" } }));
    const vaults = await activities.listVaults();
    expect(vaults.map((vault) => [vault.key, vault.references])).toEqual([
      ["sub-1/rg/vault", ["blog-1", "db-1", plan().groups[1]?.items[0]]],
      ["sub-2/rg/v2", ["db-1", plan().groups[1]?.items[0]]],
    ]);
  });

  it("store every plan's evaluation with the sweep's time and hand back only the alerts that changed", async () => {
    const { plans, activities, snapshot } = setup();
    await plans.put(plan());
    expect(await activities.evaluate({ sweepId: "s1", atMs: AT, vaults: [read()] })).toEqual([]);
    expect(snapshot()).toMatchObject({ sweepId: "s1", asOf: new Date(AT).toISOString(), vaults: [{ vault: "sub-1/rg/vault", pages: 1, itemsRead: 2 }] });
    const alerts = await activities.evaluate({ sweepId: "s2", atMs: AT + 60_000, vaults: [read([sweptItem("db-1", { replicationHealth: "Critical" }), sweptItem("web-1")])] });
    expect(alerts.map((alert) => alert.type)).toEqual([HEALTH_EVENT_TYPE.healthChanged]);
    expect(snapshot()?.plans[0]?.announced).toEqual({ status: "critical", rpoBreached: false });
    expect(await activities.evaluate({ sweepId: "s3", atMs: AT + 120_000, vaults: [read([sweptItem("db-1", { replicationHealth: "Critical" }), sweptItem("web-1")])] })).toEqual([]);
  });

  it("let a plan the sweep did not read keep what the last sweep found, or wait for the next sweep", async () => {
    const { plans, activities, snapshot } = setup();
    await plans.put(plan());
    await activities.evaluate({ sweepId: "s1", atMs: AT, vaults: [read()] });
    await plans.put(plan({ name: "late", vault: { subscriptionId: "sub-9", resourceGroup: "rg", name: "new" } }));
    expect(await activities.evaluate({ sweepId: "s2", atMs: AT + 60_000, vaults: [] })).toEqual([]);
    expect(snapshot()?.plans.map((entry) => [entry.plan, entry.status])).toEqual([["shop", "healthy"]]);
  });

  it("announce an unreadable vault as unknown health, and never let an older sweep overwrite a newer one", async () => {
    const { plans, activities, snapshot } = setup();
    await plans.put(plan());
    const alerts = await activities.evaluate({ sweepId: "s1", atMs: AT, vaults: [{ ...read([]), error: "429 TooManyRequests" }] });
    expect(alerts.map((alert) => alert.data.status)).toEqual(["unknown"]);
    expect(await activities.evaluate({ sweepId: "s0", atMs: AT - 60_000, vaults: [read()] })).toEqual([]);
    expect(snapshot()?.sweepId).toBe("s1");
  });

  it("publish alerts as CloudEvents with the plan as source and a stable id", async () => {
    const { activities, sent } = setup();
    await activities.publishAlerts([]);
    expect(sent).toEqual([]);
    const alert = { id: `shop/${HEALTH_EVENT_TYPE.rpoBreached}/${AT}`, type: HEALTH_EVENT_TYPE.rpoBreached, plan: "shop", time: new Date(AT).toISOString(), data: { plan: "shop", status: "critical" as const, worstRpoSeconds: 900, rpoObjectiveSeconds: 300, problems: [] } };
    await activities.publishAlerts([alert]);
    expect(sent).toEqual([[{ id: alert.id, type: alert.type, source: "/standby/plans/shop", subject: "health", time: new Date(AT), datacontenttype: "application/json", data: alert.data }]]);
  });
});
