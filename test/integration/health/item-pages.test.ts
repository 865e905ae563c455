// Reading a vault's items by pages with the real Site Recovery client against the ARM emulator: ten pages per
// activity at most, the continuation carried between calls, one list call per page, only the items plans name kept.
import { readItemsPages, PAGES_PER_ACTIVITY, type ItemsPages } from "../../../functions/activities/health/item-page";
import { createArmClients } from "../../../functions/azure/arm-clients";
import { startArmEmulator, type RunningArmEmulator } from "../../../local/arm/emulator";
import type { RequestLogEntry } from "../../../local/arm/server/request-log";
import { generateLargeEstate } from "../../../local/estates/large";

let arm: RunningArmEmulator;
const estate = generateLargeEstate({ items: 2_500, vaults: 1, containersPerVault: 2, pageSize: 100 });

beforeAll(async () => {
  arm = await startArmEmulator({ estate, clock: { mode: "virtual" }, throttling: { enabled: false } });
});

afterAll(async () => {
  await arm?.stop();
});

describe("vault items by pages", () => {
  it("reads every page once, hands the continuation on, and keeps only the items plans name", async () => {
    const vault = { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name as string };
    const clients = createArmClients({ armEndpoint: arm.url, subscriptionId: estate.subscriptionId });
    const siteRecovery = () => clients.siteRecovery;
    const all = (estate.vaults[0]?.fabrics ?? []).flatMap((fabric) => fabric.containers.flatMap((container) => container.items));
    const [first, middle, last] = [all[0], all[1_234], all[2_499]];
    const references = ["item-999999", first?.name as string, middle?.vmName as string, `/subscriptions/${estate.subscriptionId}/whatever/replicationProtectedItems/${last?.name}`];
    await fetch(`${arm.url}/_emulator/requests`, { method: "DELETE" });

    const calls: ItemsPages[] = [];
    let continuationToken: string | undefined;
    do {
      const read = await readItemsPages(siteRecovery, { vault, references, ...(continuationToken === undefined ? {} : { continuationToken }) });
      calls.push(read);
      continuationToken = read.continuationToken;
    } while (continuationToken !== undefined);

    expect(calls.map((call) => call.pages)).toEqual([PAGES_PER_ACTIVITY, PAGES_PER_ACTIVITY, 5]);
    expect(calls.reduce((sum, call) => sum + call.itemsRead, 0)).toBe(2_500);
    const found = calls.flatMap((call) => call.items);
    expect(found.map((item) => item.name).sort()).toEqual([first?.name, middle?.name, last?.name].sort());
    expect(found[0]).toMatchObject({ provider: "A2A", primaryRegion: "eastus", recoveryRegion: "westus", vmId: expect.stringMatching(/virtualMachines\/vm-/) });
    const log = (await (await fetch(`${arm.url}/_emulator/requests`)).json()) as RequestLogEntry[];
    expect(log).toHaveLength(25);
    expect(log.every((entry) => entry.method === "GET" && /\/replicationProtectedItems$/i.test(entry.path))).toBe(true);
  });
});
