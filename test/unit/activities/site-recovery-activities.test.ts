// The Site Recovery activities against a fake client: read first, then act once; adopt, skip, refuse; provider
// inputs; recovery point choice; job reading; cancel.
import { createSiteRecoveryActivities } from "../../../functions/activities/site-recovery/site-recovery-activities";
import type { StartItemActionInput } from "../../../functions/activities/contracts";
import { FakeSiteRecovery, VAULT, idleItem, itemId, jobId } from "./fake-site-recovery";

function failoverInput(name: string, overrides: Partial<StartItemActionInput> = {}): StartItemActionInput {
  return {
    vault: VAULT,
    item: name,
    itemId: itemId(name),
    operation: "plannedFailover",
    direction: "PrimaryToRecovery",
    recoveryPoint: "latestProcessed",
    rpoBudgetSeconds: 300,
    ...overrides,
  };
}

function setUp(...items: ReturnType<typeof idleItem>[]) {
  const fake = new FakeSiteRecovery(items);
  return { fake, activities: createSiteRecoveryActivities({ siteRecovery: fake.api }) };
}

describe("startItemAction", () => {
  it("fails an A2A item over as an unplanned failover with the source shut down, to the newest recovery point", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    const result = await activities.startItemAction(failoverInput("db-1"));
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({
      method: "beginUnplannedFailover",
      item: "db-1",
      input: {
        properties: {
          failoverDirection: "PrimaryToRecovery",
          sourceSiteOperations: "Required",
          providerSpecificDetails: { instanceType: "A2A", recoveryPointId: `${itemId("db-1")}/recoveryPoints/crash-new` },
        },
      },
    });
    expect(result).toMatchObject({ outcome: "started", jobId: jobId("job-1"), adopted: false, recoveryPointTimeMs: Date.parse("2026-01-01T10:05:00Z") });
  });

  it("posts once when run twice: the second run adopts the job the first one started", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    const first = await activities.startItemAction(failoverInput("db-1"));
    const second = await activities.startItemAction(failoverInput("db-1"));
    expect(fake.posts).toHaveLength(1);
    // The adopted job reports the point the first run named, read again from the same list.
    expect(second).toEqual({ outcome: "started", jobId: (first as { jobId: string }).jobId, adopted: true, recoveryPointTimeMs: Date.parse("2026-01-01T10:05:00Z") });
  });

  it("adopts a failover job already running on the item instead of posting", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { scenario: { name: "UnplannedFailover", job: "earlier" }, allowedOperations: [] }));
    expect(await activities.startItemAction(failoverInput("db-1"))).toEqual({ outcome: "started", jobId: jobId("earlier"), adopted: true, recoveryPointTimeMs: Date.parse("2026-01-01T10:05:00Z") });
    expect(fake.posts).toHaveLength(0);
    expect(await activities.startItemAction(failoverInput("db-1", { recoveryPoint: "latest" }))).toEqual({ outcome: "started", jobId: jobId("earlier"), adopted: true });
  });

  it("skips an item already running in the recovery region", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { activeLocation: "Recovery", allowedOperations: ["Commit"] }));
    const result = await activities.startItemAction(failoverInput("db-1"));
    expect(result).toEqual({ outcome: "skipped", reason: expect.stringMatching(/already/) });
    expect(fake.posts).toHaveLength(0);
  });

  it("refuses an item whose RPO is over budget, and fails it over when forced", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { rpoSeconds: 900 }));
    const refused = await activities.startItemAction(failoverInput("db-1"));
    expect(refused).toEqual({ outcome: "refused", reason: expect.stringContaining("RPO 900 s is over the budget of 300 s") });
    expect(fake.posts).toHaveLength(0);
    expect(await activities.startItemAction(failoverInput("db-1", { force: true }))).toMatchObject({ outcome: "started" });
    expect(fake.posts).toHaveLength(1);
  });

  it("skips an item already failed over even when no recovery point fits: a missing point stops only an item that would act", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { activeLocation: "Recovery", allowedOperations: ["Commit"], points: [] }));
    expect(await activities.startItemAction(failoverInput("db-1"))).toEqual({ outcome: "skipped", reason: expect.stringMatching(/already/) });
    expect(fake.posts).toHaveLength(0);
  });

  it("refuses an item busy with another job", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { scenario: { name: "TestFailover", job: "drill" } }));
    expect(await activities.startItemAction(failoverInput("db-1"))).toEqual({ outcome: "refused", reason: expect.stringContaining("busy with TestFailover") });
    expect(fake.posts).toHaveLength(0);
  });

  it("uses Hyper-V's planned failover input and InMageRcm's shutdown-first unplanned failover", async () => {
    const { fake, activities } = setUp(
      idleItem("hv-1", { provider: "HyperVReplicaAzure", allowedOperations: ["PlannedFailover", "UnplannedFailover"] }),
      idleItem("vm-1", { provider: "InMageRcm", allowedOperations: ["UnplannedFailover"] }),
    );
    await activities.startItemAction(failoverInput("hv-1"));
    await activities.startItemAction(failoverInput("vm-1"));
    expect(fake.posts[0]).toMatchObject({ method: "beginPlannedFailover", input: { properties: { providerSpecificDetails: { instanceType: "HyperVReplicaAzure" } } } });
    expect(fake.posts[1]).toMatchObject({
      method: "beginUnplannedFailover",
      input: { properties: { sourceSiteOperations: "Required", providerSpecificDetails: { instanceType: "InMageRcm", performShutdown: "true" } } },
    });
  });

  it("fails back a Hyper-V item with HyperVReplicaAzureFailback and skips its reprotect", async () => {
    const { fake, activities } = setUp(
      idleItem("hv-1", { provider: "HyperVReplicaAzure", activeLocation: "Recovery", allowedOperations: ["PlannedFailover", "Failback"] }),
    );
    const reprotect = await activities.startItemAction(failoverInput("hv-1", { operation: "reprotect", direction: "RecoveryToPrimary" }));
    expect(reprotect).toMatchObject({ outcome: "skipped" });
    await activities.startItemAction(failoverInput("hv-1", { direction: "RecoveryToPrimary" }));
    expect(fake.posts).toEqual([
      expect.objectContaining({
        method: "beginPlannedFailover",
        input: { properties: { failoverDirection: "RecoveryToPrimary", providerSpecificDetails: expect.objectContaining({ instanceType: "HyperVReplicaAzureFailback" }) } },
      }),
    ]);
  });

  describe("VMware/physical (InMageRcm) reprotects name ids read from live state", () => {
    const policy = `${VAULT.name}/replicationPolicies/rcm-24h`;
    function vmware(overrides: Parameters<typeof idleItem>[1] = {}) {
      const setup = setUp(
        idleItem("vm-1", {
          provider: "InMageRcm",
          activeLocation: "Recovery",
          allowedOperations: ["ReverseReplicate"],
          policyId: policy,
          details: { storageAccountId: "/storage/log", runAsAccountId: "run-as-1", discoveredVmDetails: { datastores: ["ds-1", "ds-2"] } },
          ...overrides,
        }),
      );
      setup.fake.vaultSetup = {
        reprotectAgents: [{ id: "agent-1", name: "appliance" }],
        processServers: [{ id: "ps-1", name: "appliance" }],
        policies: [{ id: "/hyperv-policy", instanceType: "HyperVReplicaAzure" }, { id: policy, instanceType: "InMageRcm" }],
      };
      return setup;
    }

    it("reprotects to on-premises with the fabric's reprotect agent, the VM's datastore and the log storage account", async () => {
      const { fake, activities } = vmware();
      const started = await activities.startItemAction(failoverInput("vm-1", { operation: "reprotect", direction: "RecoveryToPrimary" }));
      expect(started).toMatchObject({ outcome: "started" });
      expect(fake.posts).toEqual([
        expect.objectContaining({
          method: "beginReprotect",
          input: {
            properties: {
              failoverDirection: "RecoveryToPrimary",
              providerSpecificDetails: { instanceType: "InMageRcm", reprotectAgentId: "agent-1", datastoreName: "ds-1", logStorageAccountId: "/storage/log", policyId: policy },
            },
          },
        }),
      ]);
    });

    it("reprotects back to Azure with the fabric's process server and the InMageRcm replication policy", async () => {
      // After the reprotect to on-premises ASR reports InMageRcmFailback details and the failback policy on the item.
      const { fake, activities } = vmware({ activeLocation: "Recovery", policyId: "/failback-policy", details: { instanceType: "InMageRcmFailback" } });
      await activities.startItemAction(failoverInput("vm-1", { operation: "reprotect", direction: "PrimaryToRecovery" }));
      expect(fake.posts[0]?.input).toEqual({
        properties: { failoverDirection: "PrimaryToRecovery", providerSpecificDetails: { instanceType: "InMageRcmFailback", processServerId: "ps-1", policyId: policy } },
      });
    });

    it("refuses, posting nothing, when the fabric has several appliances to choose from", async () => {
      const { fake, activities } = vmware();
      fake.vaultSetup.reprotectAgents.push({ id: "agent-2", name: "second" });
      const refused = await activities.startItemAction(failoverInput("vm-1", { operation: "reprotect", direction: "RecoveryToPrimary" }));
      expect(refused).toEqual({ outcome: "refused", reason: "the reprotect to on-premises needs reprotectAgentId, which Site Recovery did not report" });
      expect(fake.posts).toEqual([]);
      const preflight = await activities.preflightItems({ vault: VAULT, items: ["vm-1"], operation: "reprotect", direction: "RecoveryToPrimary", rpoBudgetSeconds: 300 });
      expect(preflight.refusals).toEqual(["vm-1: the reprotect to on-premises needs reprotectAgentId, which Site Recovery did not report"]);
    });
  });

  it("picks the newest application-consistent point, and refuses when there is none", async () => {
    const { fake, activities } = setUp(idleItem("db-1"), idleItem("db-2", { points: [{ name: "crash", time: new Date(), type: "CrashConsistent" }] }));
    const result = await activities.startItemAction(failoverInput("db-1", { recoveryPoint: "latestApplicationConsistent" }));
    expect(result).toMatchObject({ recoveryPointTimeMs: Date.parse("2026-01-01T09:00:00Z") });
    expect(fake.posts[0]?.input).toMatchObject({ properties: { providerSpecificDetails: { recoveryPointId: `${itemId("db-1")}/recoveryPoints/app-old` } } });
    expect(await activities.startItemAction(failoverInput("db-2", { recoveryPoint: "latestApplicationConsistent" }))).toEqual({
      outcome: "refused",
      reason: "the item has no application-consistent recovery point",
    });
    expect(fake.posts).toHaveLength(1);
  });

  it("names no recovery point for latest and reports the RPO for the data-loss figure", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { rpoSeconds: 42 }));
    const result = await activities.startItemAction(failoverInput("db-1", { recoveryPoint: "latest", operation: "unplannedFailover" }));
    expect(result).toMatchObject({ outcome: "started", rpoSeconds: 42 });
    expect(fake.posts[0]?.input).toMatchObject({ properties: { sourceSiteOperations: "NotRequired" } });
    expect(JSON.stringify(fake.posts[0]?.input)).not.toContain("recoveryPointId");
  });

  it("commits with no input body", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { activeLocation: "Recovery", allowedOperations: ["Commit"] }));
    await activities.startItemAction(failoverInput("db-1", { operation: "commit" }));
    expect(fake.posts).toEqual([{ method: "beginFailoverCommit", item: "db-1" }]);
  });

  it("rejects an item id that is not a protected item's, posting nothing", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    await expect(activities.startItemAction(failoverInput("db-1", { itemId: "/subscriptions/x/resourceGroups/y/providers/Other/things/z" }))).rejects.toThrow(
      "is not the resource id of a replication protected item",
    );
    expect(fake.posts).toHaveLength(0);
  });
});

describe("preflightItems", () => {
  it("resolves plan references to item ids and lists every refusal", async () => {
    const { activities } = setUp(idleItem("db-1"), idleItem("web-1", { rpoSeconds: 1000 }), idleItem("app-1", { activeLocation: "Recovery", allowedOperations: [] }));
    const result = await activities.preflightItems({
      vault: VAULT,
      items: ["db-1", "vm-web-1", "app-1", "ghost"],
      operation: "plannedFailover",
      direction: "PrimaryToRecovery",
      rpoBudgetSeconds: 300,
    });
    expect(result.allowed).toBe(false);
    expect(result.items.map((verdict) => [verdict.item, verdict.decision, verdict.itemId])).toEqual([
      ["db-1", "proceed", itemId("db-1")],
      ["vm-web-1", "refuse", itemId("web-1")],
      ["app-1", "skip", itemId("app-1")],
      ["ghost", "refuse", undefined],
    ]);
    expect(result.refusals).toEqual([expect.stringMatching(/^vm-web-1: RPO 1000 s/), "ghost: no such protected item in the vault"]);
  });
});

describe("readJob", () => {
  it("reports a running job as not ended, a succeeded one as ended well", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    fake.jobs.set("j1", { state: "InProgress" });
    fake.jobs.set("j2", { state: "Succeeded" });
    expect(await activities.readJob({ vault: VAULT, jobId: jobId("j1") })).toEqual({ jobId: jobId("j1"), state: "InProgress", ended: false, succeeded: false });
    expect(await activities.readJob({ vault: VAULT, jobId: jobId("j2") })).toEqual({ jobId: jobId("j2"), state: "Succeeded", ended: true, succeeded: true });
  });

  it("carries ASR's error of a failed job", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    fake.jobs.set("j3", { state: "Failed", errors: [{ serviceErrorDetails: { code: "70094", message: "The VM could not be started." } }] });
    expect(await activities.readJob({ vault: VAULT, jobId: jobId("j3") })).toEqual({
      jobId: jobId("j3"),
      state: "Failed",
      ended: true,
      succeeded: false,
      error: { code: "70094", message: "The VM could not be started." },
    });
  });

  it("treats a cancelled job as ended without success", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    fake.jobs.set("j4", { state: "Cancelled" });
    expect(await activities.readJob({ vault: VAULT, jobId: jobId("j4") })).toMatchObject({ ended: true, succeeded: false, error: { code: "JobCancelled" } });
  });
});

describe("startItemAction for a drill's test failover found already done", () => {
  const askedAtMs = Date.parse("2026-01-01T11:00:00Z");
  const input = (item: string): StartItemActionInput => ({
    ...failoverInput(item),
    operation: "testFailover",
    networkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test",
    ownTestFailoverSinceMs: askedAtMs,
  });
  const waiting = (lastTestFailover: Date) =>
    idleItem("db-1", { testFailoverState: "WaitingForCompletion", allowedOperations: ["TestFailoverCleanup"], lastTestFailover });

  it("reports a copy that succeeded since the drill asked as done by this run (a start re-run after a crash)", async () => {
    const { fake, activities } = setUp(waiting(new Date(askedAtMs + 8 * 60_000)));
    expect(await activities.startItemAction(input("db-1"))).toMatchObject({ outcome: "skipped", doneByThisRun: true });
    expect(fake.posts).toHaveLength(0);
  });

  it("does not claim an older copy: it is a leftover, skipped as before", async () => {
    const { activities } = setUp(waiting(new Date(askedAtMs - 60_000)));
    const result = await activities.startItemAction(input("db-1"));
    expect(result).toMatchObject({ outcome: "skipped" });
    expect(result).not.toHaveProperty("doneByThisRun");
  });
});

describe("cancelItemAction", () => {
  it("uses ASR's failover cancel when the item allows it", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { activeLocation: "Recovery", allowedOperations: ["Commit", "CancelFailover"] }));
    expect(await activities.cancelItemAction({ vault: VAULT, itemId: itemId("db-1") })).toEqual({ action: "failoverCancel" });
    expect(fake.posts.map((post) => post.method)).toEqual(["beginFailoverCancel"]);
  });

  it("cancels the running failover job otherwise", async () => {
    const { fake, activities } = setUp(idleItem("db-1", { scenario: { name: "UnplannedFailover", job: "j9" }, allowedOperations: [] }));
    expect(await activities.cancelItemAction({ vault: VAULT, itemId: itemId("db-1") })).toEqual({ action: "jobCancel" });
    expect(fake.posts).toEqual([{ method: "jobs.beginCancel", item: "j9" }]);
  });

  it.each(["CommitFailover", "TestFailoverCleanup", "ReverseReplication"])("leaves a running %s job alone: only failovers are canceled", async (scenario) => {
    const { fake, activities } = setUp(idleItem("db-1", { scenario: { name: scenario, job: "j9" }, allowedOperations: [] }));
    expect(await activities.cancelItemAction({ vault: VAULT, itemId: itemId("db-1") })).toMatchObject({ action: "none" });
    expect(fake.posts).toHaveLength(0);
  });

  it("does nothing when ASR allows no cancel", async () => {
    const { fake, activities } = setUp(idleItem("db-1"));
    expect(await activities.cancelItemAction({ vault: VAULT, itemId: itemId("db-1") })).toMatchObject({ action: "none" });
    expect(fake.posts).toHaveLength(0);
  });
});

describe("readReplicationHealth", () => {
  it("is healthy only for items with Normal replication and no job running", async () => {
    const { activities } = setUp(
      idleItem("db-1"),
      idleItem("db-2", { replicationHealth: "Warning" }),
      idleItem("db-3", { scenario: { name: "Reprotect", job: "r" } }),
    );
    const health = await activities.readReplicationHealth({ vault: VAULT, itemIds: [itemId("db-1"), itemId("db-2"), itemId("db-3"), itemId("gone")] });
    expect(health.map((item) => [item.healthy, item.reason])).toEqual([
      [true, undefined],
      [false, "replication health is Warning"],
      [false, "Reprotect still running"],
      [false, "no such protected item in the vault"],
    ]);
  });
});
