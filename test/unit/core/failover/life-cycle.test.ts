// The guard through a whole life cycle: failover, commit, failback, against a small fake of an item's ASR states
// (as asr-wire.md describes them: activeLocation relative to the replication direction, allowedOperations per
// state). At every step the guard must ask for the call ASR allows, adopt the job while it runs, and skip the step
// once done, which is what makes a re-run activity harmless.
import { guardItem, type GuardRequest } from "../../../../functions/core/failover/guard";
import type { ItemCall } from "../../../../functions/core/failover/provider-input";
import type { ProtectedItemState } from "../../../../functions/core/live-state";
import { sequenceOperation, type ItemsStage } from "../../../../functions/core/plan/sequence";
import { aPlan, anItem } from "../fixtures";

type Stage = "Protected" | "FailedOver" | "Committed" | "InitialReplication";

class FakeItem {
  stage: Stage = "Protected";
  reversed = false;
  job: string | undefined;

  constructor(readonly provider: string) {}

  state(): ProtectedItemState {
    return anItem("db-1", {
      provider: this.provider,
      activeLocation: this.stage === "FailedOver" || this.stage === "Committed" ? "Recovery" : "Primary",
      allowedOperations: this.job ? [] : this.allowed(),
      ...(this.job ? { currentScenario: { scenarioName: this.job, jobId: "/replicationJobs/j" } } : {}),
      // What the activity reads for VMware/physical reprotects (item, fabric, policies).
      ...(this.provider === "InMageRcm" ? { inMageRcm: { reprotectAgentId: "a", datastoreName: "d", logStorageAccountId: "l", processServerId: "p", policyId: "pol" } } : {}),
    });
  }

  private allowed(): string[] {
    switch (this.stage) {
      case "Protected":
        return this.provider === "A2A" ? ["UnplannedFailover", "TestFailover"] : ["PlannedFailover", "UnplannedFailover", "TestFailover"];
      case "FailedOver":
        return ["Commit", "ChangePit"];
      case "Committed":
        return ["ReverseReplicate"];
      case "InitialReplication":
        return [];
    }
  }

  start(call: ItemCall): void {
    const direction = (call.input?.properties.failoverDirection as string | undefined) ?? undefined;
    if (direction && call.method !== "beginReprotect") expect(direction).toBe(this.reversed ? "RecoveryToPrimary" : "PrimaryToRecovery");
    this.job = call.scenarios[0];
  }

  finish(call: ItemCall): void {
    this.job = undefined;
    if (call.method === "beginPlannedFailover" || call.method === "beginUnplannedFailover") this.stage = "FailedOver";
    else if (call.method === "beginFailoverCommit") this.stage = "Committed";
    else if (call.method === "beginReprotect") {
      this.reversed = !this.reversed;
      this.stage = "InitialReplication";
    }
  }

  replicate(): void {
    if (this.stage === "InitialReplication") this.stage = "Protected";
  }
}

function itemStages(kind: "failover" | "commit" | "failback"): ItemsStage[] {
  const plan = aPlan();
  plan.groups = [{ name: "db", items: ["db-1"] }];
  return sequenceOperation(plan, kind).filter((stage): stage is ItemsStage => stage.type === "items");
}

describe.each(["A2A", "InMageRcm"])("the guard through a %s item's life cycle", (provider) => {
  it("proceeds once per step, adopts the running job, and skips the step once done", () => {
    const item = new FakeItem(provider);
    const steps: string[] = [];
    for (const kind of ["failover", "commit", "failback"] as const) {
      for (const stage of itemStages(kind)) {
        const request: GuardRequest = { operation: stage.operation, direction: stage.direction, rpoBudgetSeconds: 300 };
        if (stage.id === "failback/db/items") item.replicate();
        const first = guardItem("db-1", item.state(), request);
        expect(first).toMatchObject({ decision: "proceed" });
        const call = first.call as ItemCall;
        expect(call.requires.some((operation) => item.state().allowedOperations.includes(operation))).toBe(true);
        item.start(call);
        expect(guardItem("db-1", item.state(), request)).toMatchObject({ decision: "adopt", jobId: "/replicationJobs/j" });
        item.finish(call);
        expect(guardItem("db-1", item.state(), request).decision).toBe("skip");
        steps.push(`${stage.id}: ${call.method}`);
      }
    }
    item.replicate();
    expect(item.state()).toMatchObject({ activeLocation: "Primary" });
    expect(item.reversed).toBe(false);
    expect(steps).toEqual([
      "failover/db/items: beginUnplannedFailover",
      "commit/db/items: beginFailoverCommit",
      "reprotect/db/items: beginReprotect",
      `failback/db/items: ${provider === "A2A" ? "beginUnplannedFailover" : "beginPlannedFailover"}`,
      "failback-commit/db/items: beginFailoverCommit",
      "protect/db/items: beginReprotect",
    ]);
  });
});
