// The drill's Site Recovery activities against a fake client: the test failover names the test network and the
// chosen recovery point, a running test failover is adopted rather than started twice, and the cleanup check
// names exactly the items Site Recovery still shows with a test failover.
import { createTestFailoverActivities } from "../../../functions/activities/drill/test-failover-activities";
import { FakeSiteRecovery, VAULT, itemId, jobId } from "../activities/fake-site-recovery";

const NETWORK = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test";
const IDLE = ["UnplannedFailover", "TestFailover", "DisableProtection"];

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
        { name: "newest", time: new Date("2026-03-01T02:55:00Z"), type: "CrashConsistent" },
      ],
    },
    { name: "web-1", provider: "A2A", activeLocation: "Primary", allowedOperations: ["TestFailoverCleanup"] },
    { name: "app-1", provider: "A2A", activeLocation: "Primary", allowedOperations: [...IDLE] },
  ]);
  return { fake, activities: createTestFailoverActivities({ siteRecovery: fake.api }) };
}

const start = (item: string, recoveryPoint: "latest" | "latestProcessed" = "latestProcessed") => ({ vault: VAULT, item, itemId: itemId(item), networkId: NETWORK, recoveryPoint });

describe("startTestFailover", () => {
  it("starts the test failover into the test network from the newest recovery point and reports the point's time", async () => {
    const { fake, activities } = setUp();
    const result = await activities.startTestFailover(start("db-1"));
    expect(result).toEqual({ outcome: "started", jobId: jobId("job-1"), adopted: false, recoveryPointTimeMs: Date.parse("2026-03-01T02:55:00Z") });
    const [post] = fake.postsTo("beginTestFailover");
    expect(post?.input).toMatchObject({
      properties: {
        failoverDirection: "PrimaryToRecovery",
        networkType: "VmNetworkAsInput",
        networkId: NETWORK,
        providerSpecificDetails: { instanceType: "A2A", recoveryPointId: `${itemId("db-1")}/recoveryPoints/newest` },
      },
    });
  });

  it("adopts the test failover a previous attempt started instead of starting a second one", async () => {
    const { fake, activities } = setUp();
    await activities.startTestFailover(start("db-1"));
    const again = await activities.startTestFailover(start("db-1"));
    expect(again).toMatchObject({ outcome: "started", adopted: true, jobId: jobId("job-1") });
    expect(fake.postsTo("beginTestFailover")).toHaveLength(1);
  });

  it("refuses an item that has no recovery point to test from, and posts nothing", async () => {
    const { fake, activities } = setUp();
    expect(await activities.startTestFailover(start("app-1"))).toEqual({ outcome: "refused", reason: "the item has no recovery point" });
    expect(fake.posts).toEqual([]);
  });

  it("names no point for `latest`", async () => {
    const { fake, activities } = setUp();
    const result = await activities.startTestFailover(start("app-1", "latest"));
    expect(result).toMatchObject({ outcome: "started", adopted: false });
    expect(result).not.toHaveProperty("recoveryPointTimeMs");
    const details = (fake.postsTo("beginTestFailover")[0]?.input as { properties: { providerSpecificDetails: Record<string, unknown> } }).properties.providerSpecificDetails;
    expect(details).toEqual({ instanceType: "A2A" });
  });
});

describe("verifyCleanup", () => {
  it("names the items that still have a test failover or a test-failover job, by the plan's references", async () => {
    const { activities } = setUp();
    await activities.startTestFailover(start("db-1"));
    const result = await activities.verifyCleanup({
      vault: VAULT,
      items: ["db-1", "web-1", "app-1"].map((name) => ({ item: `ref-${name}`, itemId: itemId(name) })),
    });
    expect(result).toEqual({ leftovers: ["ref-db-1", "ref-web-1"] });
  });
});
