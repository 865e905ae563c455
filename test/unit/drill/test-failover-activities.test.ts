// A drill's Site Recovery calls against a fake client: the test failover goes through the shared item action with
// the plan's test network and the chosen recovery point, reads and posts what the drill's own start activity did
// (item, recovery points, the POST, the item again), adopts a running test failover rather than starting it twice,
// and the cleanup check names exactly the items Site Recovery still shows with a test failover.
import type { StartItemActionInput } from "../../../functions/activities/contracts";
import { createTestFailoverActivities } from "../../../functions/activities/drill/test-failover-activities";
import { createSiteRecoveryActivities } from "../../../functions/activities/site-recovery/site-recovery-activities";
import { FakeSiteRecovery, VAULT, itemId, jobId } from "../activities/fake-site-recovery";

const NETWORK = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test";
const IDLE = ["UnplannedFailover", "TestFailover", "DisableProtection"];
const NEWEST_MS = Date.parse("2026-03-01T02:55:00Z");

function setUp() {
  const fake = new FakeSiteRecovery([
    {
      name: "db-1",
      provider: "A2A",
      activeLocation: "Primary",
      allowedOperations: [...IDLE],
      rpoSeconds: 120,
      points: [
        { name: "older", time: new Date("2026-03-01T02:50:00Z"), type: "CrashConsistent" },
        { name: "newest", time: new Date(NEWEST_MS), type: "CrashConsistent" },
      ],
    },
    { name: "web-1", provider: "A2A", activeLocation: "Primary", allowedOperations: ["TestFailoverCleanup"] },
    { name: "app-1", provider: "A2A", activeLocation: "Primary", allowedOperations: [...IDLE], rpoSeconds: 30 },
  ]);
  return { fake, siteRecovery: createSiteRecoveryActivities({ siteRecovery: fake.api }), drill: createTestFailoverActivities({ siteRecovery: fake.api }) };
}

/** What the drill workflow hands the shared start activity for one item. */
const testFailover = (item: string, recoveryPoint: "latest" | "latestProcessed" = "latestProcessed"): StartItemActionInput => ({
  vault: VAULT,
  item,
  itemId: itemId(item),
  operation: "testFailover",
  direction: "PrimaryToRecovery",
  networkId: NETWORK,
  recoveryPoint,
  rpoBudgetSeconds: 300,
});

describe("a drill's test failover through startItemAction", () => {
  it("starts the test failover into the test network from the newest recovery point and reports the point's time", async () => {
    const { fake, siteRecovery } = setUp();
    const result = await siteRecovery.startItemAction(testFailover("db-1"));
    expect(result).toMatchObject({ outcome: "started", jobId: jobId("job-1"), adopted: false, recoveryPointTimeMs: NEWEST_MS });
    expect(result).not.toHaveProperty("rpoSeconds");
    const [post] = fake.postsTo("beginTestFailover");
    expect(post?.input).toEqual({
      properties: {
        failoverDirection: "PrimaryToRecovery",
        networkType: "VmNetworkAsInput",
        networkId: NETWORK,
        providerSpecificDetails: { instanceType: "A2A", recoveryPointId: `${itemId("db-1")}/recoveryPoints/newest` },
      },
    });
    expect(fake.calls).toEqual(["get db-1", "listRecoveryPoints db-1", "beginTestFailover db-1", "get db-1"]);
  });

  it("adopts the test failover a previous attempt started, reading the same point, instead of starting a second one", async () => {
    const { fake, siteRecovery } = setUp();
    await siteRecovery.startItemAction(testFailover("db-1"));
    fake.calls.length = 0;
    const again = await siteRecovery.startItemAction(testFailover("db-1"));
    expect(again).toEqual({ outcome: "started", adopted: true, jobId: jobId("job-1"), recoveryPointTimeMs: NEWEST_MS });
    expect(fake.postsTo("beginTestFailover")).toHaveLength(1);
    expect(fake.calls).toEqual(["get db-1", "listRecoveryPoints db-1"]);
  });

  it("refuses an item that has no recovery point to test from, and posts nothing", async () => {
    const { fake, siteRecovery } = setUp();
    expect(await siteRecovery.startItemAction(testFailover("app-1"))).toEqual({ outcome: "refused", reason: "the item has no recovery point" });
    expect(fake.posts).toEqual([]);
  });

  it("names no point and reports no data loss for `latest`: a test failover loses nothing", async () => {
    const { fake, siteRecovery } = setUp();
    const result = await siteRecovery.startItemAction(testFailover("app-1", "latest"));
    expect(result).toMatchObject({ outcome: "started", adopted: false });
    expect(result).not.toHaveProperty("recoveryPointTimeMs");
    expect(result).not.toHaveProperty("rpoSeconds");
    const properties = (fake.postsTo("beginTestFailover")[0]?.input as { properties: Record<string, unknown> }).properties;
    expect(properties).toMatchObject({ networkId: NETWORK, providerSpecificDetails: { instanceType: "A2A" } });
    expect(properties.providerSpecificDetails).toEqual({ instanceType: "A2A" });
    expect(fake.calls).toEqual(["get app-1", "beginTestFailover app-1", "get app-1"]);
  });

  it("names the test network in InMageRcm's provider details too", async () => {
    const { fake, siteRecovery } = setUp();
    fake.items.set("vm-1", { name: "vm-1", provider: "InMageRcm", activeLocation: "Primary", allowedOperations: ["TestFailover"] });
    await siteRecovery.startItemAction(testFailover("vm-1", "latest"));
    expect(fake.postsTo("beginTestFailover")[0]?.input).toMatchObject({ properties: { networkId: NETWORK, providerSpecificDetails: { instanceType: "InMageRcm", networkId: NETWORK } } });
  });

  it("skips an item whose test failover is done and waits for cleanup, after the same reads", async () => {
    const { fake, siteRecovery } = setUp();
    const db = fake.items.get("db-1");
    if (db !== undefined) Object.assign(db, { allowedOperations: ["TestFailoverCleanup"], testFailoverState: "WaitingForCompletion" });
    expect(await siteRecovery.startItemAction(testFailover("db-1"))).toEqual({ outcome: "skipped", reason: "test failover already done, waiting for cleanup" });
    expect(fake.posts).toEqual([]);
    expect(fake.calls).toEqual(["get db-1", "listRecoveryPoints db-1"]);
  });
});

describe("verifyCleanup", () => {
  it("names the items that still have a test failover or a test-failover job, and those whose test failover job still runs, by the plan's references", async () => {
    const { siteRecovery, drill } = setUp();
    await siteRecovery.startItemAction(testFailover("db-1"));
    const result = await drill.verifyCleanup({
      vault: VAULT,
      items: ["db-1", "web-1", "app-1"].map((name) => ({ item: `ref-${name}`, itemId: itemId(name) })),
    });
    // db-1's test failover job runs; web-1's test failover is done and waits for its cleanup.
    expect(result).toEqual({ leftovers: ["ref-db-1", "ref-web-1"], running: ["ref-db-1"] });
  });
});
