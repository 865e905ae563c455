import { guardItem, guardItems, type GuardRequest } from "../../../../functions/core/failover/guard";
import { anItem } from "../fixtures";

const failover: GuardRequest = { operation: "plannedFailover", direction: "PrimaryToRecovery", rpoBudgetSeconds: 300 };

const AFTER_FAILOVER = ["CompleteMigration", "Commit", "DisableProtection", "ChangePit"];

describe("the failover guard", () => {
  it("lets a healthy idle item fail over, with the call to make", () => {
    const verdict = guardItem("web-1", anItem("web-1"), failover);
    expect(verdict).toMatchObject({ item: "web-1", itemId: anItem("web-1").id, decision: "proceed" });
    expect(verdict.call?.method).toBe("beginUnplannedFailover");
  });

  it("refuses an item whose RPO is over the plan's budget, unless forced", () => {
    const late = anItem("db-1", { rpoSeconds: 900 });
    expect(guardItem("db-1", late, failover)).toMatchObject({
      decision: "refuse",
      reason: "RPO 900 s is over the budget of 300 s; force to accept the data loss",
    });
    expect(guardItem("db-1", late, { ...failover, force: true }).decision).toBe("proceed");
  });

  it("treats an unknown RPO as over budget unless forced", () => {
    const unknown = anItem("db-1", { rpoSeconds: null });
    expect(guardItem("db-1", unknown, failover)).toMatchObject({ decision: "refuse", reason: expect.stringContaining("RPO unknown") });
    expect(guardItem("db-1", unknown, { ...failover, force: true }).decision).toBe("proceed");
  });

  it("accepts an RPO exactly at the budget", () => {
    expect(guardItem("db-1", anItem("db-1", { rpoSeconds: 300 }), failover).decision).toBe("proceed");
  });

  it("does not check RPO for steps that lose no data (test failover, commit, reprotect)", () => {
    const late = anItem("db-1", { rpoSeconds: 9_999 });
    expect(guardItem("db-1", late, { ...failover, operation: "testFailover" }).decision).toBe("proceed");
  });

  it("refuses when Site Recovery does not allow the operation, naming what it allows", () => {
    const blocked = anItem("app-1", { allowedOperations: ["DisableProtection"] });
    expect(guardItem("app-1", blocked, { ...failover, operation: "unplannedFailover" })).toMatchObject({
      decision: "refuse",
      reason: "Site Recovery does not allow UnplannedFailover now (allowed: DisableProtection)",
    });
    const nothing = anItem("app-1", { allowedOperations: [] });
    expect(guardItem("app-1", nothing, failover).reason).toContain("(allowed: none)");
  });

  it("checks the operation a provider really uses: A2A planned failover needs UnplannedFailover", () => {
    const onlyPlanned = anItem("a", { allowedOperations: ["PlannedFailover"] });
    expect(guardItem("a", onlyPlanned, failover).decision).toBe("refuse");
    const hyperV = anItem("h", { provider: "HyperVReplicaAzure", allowedOperations: ["PlannedFailover"] });
    expect(guardItem("h", hyperV, failover)).toMatchObject({ decision: "proceed", call: { method: "beginPlannedFailover" } });
  });

  it("skips, rather than refuses, an item already in the target state", () => {
    const failedOver = anItem("web-1", { activeLocation: "Recovery", allowedOperations: AFTER_FAILOVER, rpoSeconds: null });
    expect(guardItem("web-1", failedOver, failover)).toMatchObject({ decision: "skip", reason: "already failed over" });
    const committed = anItem("web-1", { activeLocation: "Recovery", allowedOperations: ["DisableProtection", "ReverseReplicate"] });
    expect(guardItem("web-1", committed, { ...failover, operation: "commit" })).toMatchObject({ decision: "skip" });
    expect(guardItem("web-1", failedOver, { ...failover, operation: "commit" }).decision).toBe("proceed");
  });

  // ASR reports activeLocation relative to the current replication direction: after reprotect the side the machine
  // runs on is the primary again, and a failback fails over "RecoveryToPrimary" from there.
  describe("failback, where locations are relative to the reversed replication", () => {
    const back: GuardRequest = { ...failover, direction: "RecoveryToPrimary" };
    const reprotect: GuardRequest = { ...back, operation: "reprotect" };
    const commit: GuardRequest = { ...back, operation: "commit" };
    const committed = anItem("web-1", { activeLocation: "Recovery", allowedOperations: ["ReverseReplicate", "DisableProtection"] });
    const reprotected = anItem("web-1", { activeLocation: "Primary", allowedOperations: ["UnplannedFailover", "TestFailover", "DisableProtection"] });
    const failedBack = anItem("web-1", { activeLocation: "Recovery", allowedOperations: ["Commit", "DisableProtection", "ChangePit"] });

    it("reprotects a committed item, and skips one already reprotected or still copying its disks", () => {
      expect(guardItem("web-1", committed, reprotect)).toMatchObject({ decision: "proceed", call: { method: "beginReprotect" } });
      expect(guardItem("web-1", reprotected, reprotect)).toMatchObject({ decision: "skip" });
      const copying = anItem("web-1", { activeLocation: "Primary", allowedOperations: ["DisableProtection"] });
      expect(guardItem("web-1", copying, reprotect).decision).toBe("skip");
    });

    it("fails a reprotected item back and skips one already failed back", () => {
      expect(guardItem("web-1", reprotected, back)).toMatchObject({
        decision: "proceed",
        call: { input: { properties: { failoverDirection: "RecoveryToPrimary" } } },
      });
      expect(guardItem("web-1", failedBack, back)).toMatchObject({ decision: "skip", reason: "already failed over" });
    });

    it("commits the failback once", () => {
      expect(guardItem("web-1", failedBack, commit).decision).toBe("proceed");
      expect(guardItem("web-1", committed, commit).decision).toBe("skip");
    });

    it("skips the reprotect of a Hyper-V item that Site Recovery lets fail back right away", () => {
      const hyperV = anItem("h", { provider: "HyperVReplicaAzure", activeLocation: "Recovery", allowedOperations: ["DisableProtection", "Failback"] });
      expect(guardItem("h", hyperV, reprotect)).toMatchObject({ decision: "skip", reason: "the item fails back without a reprotect" });
      expect(guardItem("h", hyperV, back)).toMatchObject({
        decision: "proceed",
        call: { method: "beginPlannedFailover", input: { properties: { providerSpecificDetails: { instanceType: "HyperVReplicaAzureFailback" } } } },
      });
    });

    it("holds no failback that synchronizes data itself to the RPO budget, but still an A2A one", () => {
      const hyperV = anItem("h", { provider: "HyperVReplicaAzure", activeLocation: "Recovery", allowedOperations: ["PlannedFailover"], rpoSeconds: null });
      expect(guardItem("h", hyperV, back)).toMatchObject({ decision: "proceed", call: { synchronizesData: true } });
      const vmware = anItem("v", { provider: "InMageRcm", activeLocation: "Primary", allowedOperations: ["PlannedFailover"], rpoSeconds: 9_999 });
      expect(guardItem("v", vmware, back)).toMatchObject({ decision: "proceed", call: { synchronizesData: true } });
      const a2aUnknown = { ...reprotected, rpoSeconds: null };
      expect(guardItem("web-1", a2aUnknown, back)).toMatchObject({ decision: "refuse", reason: expect.stringContaining("RPO unknown") });
      const a2aLate = { ...reprotected, rpoSeconds: 9_999 };
      expect(guardItem("web-1", a2aLate, back)).toMatchObject({ decision: "refuse", reason: expect.stringContaining("over the budget") });
    });

    it("still holds a Hyper-V planned failover to Azure to the RPO budget", () => {
      const hyperV = anItem("h", { provider: "HyperVReplicaAzure", allowedOperations: ["PlannedFailover"], rpoSeconds: null });
      expect(guardItem("h", hyperV, failover)).toMatchObject({ decision: "refuse", reason: expect.stringContaining("RPO unknown") });
    });

    it("refuses an InMageRcm reprotect whose ids live state lacks, and passes the ids it has into the call", () => {
      const vmware = anItem("v", { provider: "InMageRcm", activeLocation: "Recovery", allowedOperations: ["ReverseReplicate"] });
      expect(guardItem("v", vmware, reprotect)).toMatchObject({ decision: "refuse", reason: expect.stringContaining("needs reprotectAgentId") });
      const known = { ...vmware, inMageRcm: { reprotectAgentId: "agent-1", datastoreName: "ds-1", logStorageAccountId: "log-1" } };
      expect(guardItem("v", known, reprotect)).toMatchObject({
        decision: "proceed",
        call: { input: { properties: { providerSpecificDetails: { instanceType: "InMageRcm", reprotectAgentId: "agent-1", datastoreName: "ds-1" } } } },
      });
      const reprotected = { ...vmware, activeLocation: "Primary", allowedOperations: ["DisableProtection"] };
      expect(guardItem("v", reprotected, reprotect).decision).toBe("skip");
    });

    it("reprotects a Hyper-V item when Site Recovery asks for it first", () => {
      const hyperV = anItem("h", { provider: "HyperVReplicaAzure", activeLocation: "Recovery", allowedOperations: ["ReverseReplicate", "DisableProtection"] });
      expect(guardItem("h", hyperV, reprotect).decision).toBe("proceed");
    });
  });

  it("adopts the job of a previous attempt that is still running for the same step", () => {
    const jobId = "/subscriptions/s/…/replicationJobs/job-1";
    const running = anItem("db-1", {
      currentScenario: { scenarioName: "UnplannedFailover", jobId },
      allowedOperations: [],
      rpoSeconds: 10_000,
    });
    expect(guardItem("db-1", running, failover)).toMatchObject({ decision: "adopt", jobId });
  });

  it("refuses an item busy with another job, naming it", () => {
    const busy = anItem("db-1", { currentScenario: { scenarioName: "TestFailover", jobId: "/x/replicationJobs/job-7" } });
    expect(guardItem("db-1", busy, failover)).toMatchObject({ decision: "refuse", reason: "busy with TestFailover (job job-7)" });
  });

  it("treats ASR's idle scenario 'None' as no job", () => {
    const idle = anItem("db-1", { currentScenario: { scenarioName: "None", jobId: "/x/replicationJobs/None" } });
    expect(guardItem("db-1", idle, failover).decision).toBe("proceed");
  });

  it("refuses items missing from the vault and providers it does not support", () => {
    expect(guardItem("ghost", undefined, failover)).toEqual({ item: "ghost", decision: "refuse", reason: "no such protected item in the vault" });
    expect(guardItem("x", anItem("x", { provider: "InMageAzureV2" }), failover)).toMatchObject({
      decision: "refuse",
      reason: "replication provider InMageAzureV2 is not supported",
    });
  });

  it("allows the operation only when no item is refused, listing every refusal", () => {
    const states = [anItem("db-1"), anItem("app-1", { rpoSeconds: 600 }), anItem("web-1", { allowedOperations: [] })];
    const result = guardItems(["db-1", "app-1", "web-1", "ghost"], states, failover);
    expect(result.allowed).toBe(false);
    expect(result.items.map((verdict) => verdict.decision)).toEqual(["proceed", "refuse", "refuse", "refuse"]);
    expect(result.refusals).toEqual([
      "app-1: RPO 600 s is over the budget of 300 s; force to accept the data loss",
      "web-1: Site Recovery does not allow UnplannedFailover now (allowed: none)",
      "ghost: no such protected item in the vault",
    ]);
    expect(guardItems(["db-1"], states, failover)).toMatchObject({ allowed: true, refusals: [] });
  });

  it("finds items by resource id or machine name as the plan may write them", () => {
    const states = [anItem("db-1")];
    expect(guardItems([states[0]!.id.toUpperCase(), "vm-db-1"], states, failover).items.map((v) => v.decision)).toEqual([
      "proceed",
      "proceed",
    ]);
  });

  describe("drills", () => {
    const test: GuardRequest = { ...failover, operation: "testFailover" };
    const cleanup: GuardRequest = { ...failover, operation: "testFailoverCleanup" };
    const waiting = anItem("web-1", { testFailoverState: "WaitingForCompletion", allowedOperations: ["TestFailoverCleanup"] });

    it("skips a test failover already done and cleans it up", () => {
      expect(guardItem("web-1", waiting, test).decision).toBe("skip");
      expect(guardItem("web-1", waiting, cleanup)).toMatchObject({ decision: "proceed", call: { method: "beginTestFailoverCleanup" } });
    });

    it("hands back a complete call: the test network and recovery point are in the input", () => {
      const verdict = guardItem("web-1", anItem("web-1"), { ...test, callOptions: { networkId: "/vnet", recoveryPointId: "rp-9" } });
      expect(verdict.call?.input?.properties).toMatchObject({
        networkId: "/vnet",
        failoverDirection: "PrimaryToRecovery",
        providerSpecificDetails: { instanceType: "A2A", recoveryPointId: "rp-9" },
      });
    });

    it("skips cleanup when there is no test failover to clean up", () => {
      expect(guardItem("web-1", anItem("web-1"), cleanup)).toMatchObject({ decision: "skip", reason: "no test failover to clean up" });
    });
  });
});
