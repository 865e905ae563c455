import { HEALTH_ACTIVITY, type EvaluateInput, type SweepVault } from "../../../functions/activities/health/health-activities";
import type { ItemsPages, ItemsPagesInput } from "../../../functions/activities/health/item-page";
import { HEALTH_ORCHESTRATION, PAGES_PER_RANGE } from "../../../functions/orchestrations/health-names";
import { healthPageRangeOrchestrator } from "../../../functions/orchestrations/health-page-range";
import { healthSweepOrchestrator, type HealthSweepResult } from "../../../functions/orchestrations/health-sweep";
import { healthVaultOrchestrator } from "../../../functions/orchestrations/health-vault";
import { World } from "../orchestrations/durable-stub";
import { sweptItem } from "./fixtures";

const vault = (name: string): SweepVault => ({ key: `sub-1/rg/${name}`, vault: { subscriptionId: "sub-1", resourceGroup: "rg", name }, references: ["db-1"] });

/** A vault of `pages` pages read ten at a time; the item plans name is on the last page. */
function pagedVault(pages: number) {
  return (input: unknown): ItemsPages => {
    const { continuationToken } = input as ItemsPagesInput;
    const start = continuationToken === undefined ? 0 : Number(continuationToken);
    const end = Math.min(pages, start + 10);
    return {
      items: end === pages ? [sweptItem("db-1")] : [],
      pages: end - start,
      itemsRead: (end - start) * 100,
      ...(end < pages ? { continuationToken: String(end) } : {}),
    };
  };
}

function world(alerts: unknown[] = []) {
  return new World(
    {
      [HEALTH_ACTIVITY.listVaults]: () => [vault("big"), vault("broken")],
      [HEALTH_ACTIVITY.readItemsPages]: (input) => {
        if ((input as ItemsPagesInput).vault.name === "broken") throw new Error("403 AuthorizationFailed");
        return pagedVault(120)(input);
      },
      [HEALTH_ACTIVITY.evaluate]: () => alerts,
      [HEALTH_ACTIVITY.publishAlerts]: () => undefined,
    },
    {
      [HEALTH_ORCHESTRATION.vault]: healthVaultOrchestrator as never,
      [HEALTH_ORCHESTRATION.pageRange]: healthPageRangeOrchestrator as never,
    },
  );
}

describe("health sweep orchestration", () => {
  it("reads each vault in bounded page ranges and evaluates everything at the sweep's time", () => {
    const stub = world();
    const result = stub.run(healthSweepOrchestrator as never, null, "health-sweep-1") as HealthSweepResult;
    const ranges = stub.callsTo(HEALTH_ORCHESTRATION.pageRange).filter((call) => (call.input as { vault: { name: string } }).vault.name === "big");
    expect(ranges).toHaveLength(Math.ceil(120 / PAGES_PER_RANGE));
    expect(ranges.map((call) => (call.input as { continuationToken?: string }).continuationToken)).toEqual([undefined, "50", "100"]);
    const [evaluate] = stub.callsTo(HEALTH_ACTIVITY.evaluate);
    const input = evaluate?.input as EvaluateInput;
    expect(input.sweepId).toBe("health-sweep-1");
    expect(input.atMs).toBe(Date.parse("2026-03-01T10:00:00Z"));
    expect(input.vaults).toEqual([
      { key: "sub-1/rg/big", items: [sweptItem("db-1")], pages: 120, itemsRead: 12_000 },
      { key: "sub-1/rg/broken", items: [], pages: 0, itemsRead: 0, error: "403 AuthorizationFailed" },
    ]);
    expect(result).toMatchObject({ sweepId: "health-sweep-1", vaults: 2, pages: 120, itemsRead: 12_000, alerts: [] });
    expect(stub.callsTo(HEALTH_ACTIVITY.publishAlerts)).toHaveLength(0);
  });

  it("publishes the alerts the evaluation decided on", () => {
    const alerts = [{ id: "shop/Standby.Replication.RpoBreached/1", type: "Standby.Replication.RpoBreached", plan: "shop", time: "t", data: {} }];
    const stub = world(alerts);
    const result = stub.run(healthSweepOrchestrator as never, null) as HealthSweepResult;
    expect(stub.callsTo(HEALTH_ACTIVITY.publishAlerts).map((call) => call.input)).toEqual([alerts]);
    expect(result.alerts).toEqual(["shop/Standby.Replication.RpoBreached/1"]);
  });
});
