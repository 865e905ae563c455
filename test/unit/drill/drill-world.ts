// The drill workflow against a small Site Recovery model on the durable stub's virtual clock: items whose test
// failover and cleanup jobs take simulated time, judged by the real guard (so what it skips, adopts or refuses is
// what the app would do), a job that cannot be read, an item left with a test failover by an earlier drill, an item
// protected back from the recovery region. The report activity builds the real report, so the verdict is the app's.
import type { Operation, Plan } from "@standby/client/contract";
import type { JobStatus, PreflightInput, StartItemActionInput, StartItemActionResult } from "../../../functions/activities/contracts";
import type { SaveDrillReportInput, SavedDrillReport, VerifyCleanupInput, VerifyCleanupResult } from "../../../functions/activities/drill/drill-contracts";
import { DRILL_ACTIVITY } from "../../../functions/activities/drill/drill-names";
import { ACTIVITY } from "../../../functions/activities/names";
import { STORAGE_ACTIVITY } from "../../../functions/activities/storage/activities";
import { buildDrillReport } from "../../../functions/core/drill/build-report";
import type { DrillReport } from "../../../functions/core/report/drill-report";
import { guardItem, guardItems } from "../../../functions/core/failover/guard";
import type { ProtectedItemState } from "../../../functions/core/live-state";
import type { FailoverDirection } from "../../../functions/core/plan/sequence";
import { ORCHESTRATION } from "../../../functions/orchestrations/contract";
import { drillOrchestrator } from "../../../functions/orchestrations/drill";
import { DRILL_ORCHESTRATION } from "../../../functions/orchestrations/drill-names";
import { itemActionOrchestrator } from "../../../functions/orchestrations/item-action";
import { World } from "../orchestrations/durable-stub";
import { idOf, shopPlan, startOf } from "../orchestrations/fake-estate";

export const TEST_NETWORK = "/subscriptions/s1/resourceGroups/shop-rg/providers/Microsoft.Network/virtualNetworks/shop-test";

export interface ItemSetup {
  /** How long its test failover job runs (default 60 s). */
  testFailoverSeconds?: number;
  /** Reading its test failover job fails (the item's watch gives up at once, the job goes on). */
  unreadableJob?: boolean;
  /** An earlier drill left its test failover waiting for cleanup. */
  staleTestFailover?: boolean;
  /** Failed over, committed and reprotected: it replicates from the recovery region back to the primary one. */
  protectedBack?: boolean;
  /** Failed over and committed, not reprotected yet: it allows no test failover. */
  committedOnly?: boolean;
  /** Its test failover cleanup jobs fail (the test VM cannot be deleted). */
  cleanupFails?: boolean;
  /** Someone leaves a test failover on it after the preflight, just before the drill asks for its own. */
  staleAfterPreflight?: boolean;
}

interface ItemModel {
  setup: ItemSetup;
  testCopy: boolean;
  job?: { id: string; scenario: "TestFailover" | "TestFailoverCleanup"; endsAtMs: number };
}

export interface ItemCallRecord {
  item: string;
  operation: string;
  direction: FailoverDirection;
  atMs: number;
  outcome: StartItemActionResult["outcome"] | "rejected";
}

const CLEANUP_SECONDS = 30;

export class DrillSiteRecovery {
  readonly items = new Map<string, ItemModel>();
  /** Every start the workflow asked for, with what Site Recovery answered. */
  readonly starts: ItemCallRecord[] = [];
  /** The actions Site Recovery accepted, by item: what a request log of the vault would show. */
  readonly accepted: { item: string; operation: string; atMs: number }[] = [];
  readonly reports: DrillReport[] = [];
  private jobs = 0;

  constructor(setups: Record<string, ItemSetup>) {
    for (const [item, setup] of Object.entries(setups)) this.items.set(item, { setup, testCopy: setup.staleTestFailover === true });
  }

  /** The item as Site Recovery shows it at `nowMs` (jobs that ended have moved it on). */
  state(item: string, nowMs: number): ProtectedItemState {
    const model = this.model(item);
    this.settle(model, nowMs);
    const { setup, job } = model;
    const base = { id: idOf(item), name: item, provider: "A2A", rpoSeconds: 60, replicationHealth: "Normal" };
    if (setup.committedOnly === true) {
      return { ...base, protectionState: "UnplannedFailoverCommitted", activeLocation: "Recovery", testFailoverState: "None", allowedOperations: ["ReverseReplicate", "DisableProtection"] };
    }
    const activeLocation = setup.protectedBack === true ? "Recovery" : "Primary";
    if (job !== undefined) {
      const testFailoverState = job.scenario === "TestFailover" ? "TestFailoverInProgress" : "MarkedForDeletion";
      return { ...base, protectionState: "Protected", activeLocation, testFailoverState, allowedOperations: [], currentScenario: { scenarioName: job.scenario, jobId: job.id } };
    }
    if (model.testCopy) return { ...base, protectionState: "Protected", activeLocation, testFailoverState: "WaitingForCompletion", allowedOperations: ["TestFailoverCleanup"] };
    return { ...base, protectionState: "Protected", activeLocation, testFailoverState: "None", allowedOperations: ["UnplannedFailover", "TestFailover", "DisableProtection"] };
  }

  preflight(input: PreflightInput, nowMs: number) {
    const states = input.items.map((item) => this.state(item, nowMs));
    const result = guardItems(input.items, states, { operation: input.operation, direction: input.direction, rpoBudgetSeconds: input.rpoBudgetSeconds });
    return { allowed: result.allowed, refusals: result.refusals, items: result.items.map(({ item, itemId, decision, reason }) => ({ item, itemId, decision, ...(reason === undefined ? {} : { reason }) })) };
  }

  start(input: StartItemActionInput, nowMs: number): StartItemActionResult {
    const model = this.model(input.item);
    if (model.setup.staleAfterPreflight === true && input.operation === "testFailover") {
      model.setup.staleAfterPreflight = false;
      model.testCopy = true;
    }
    const verdict = guardItem(input.item, this.state(input.item, nowMs), {
      operation: input.operation,
      direction: input.direction,
      rpoBudgetSeconds: input.rpoBudgetSeconds,
      callOptions: input.networkId === undefined ? {} : { networkId: input.networkId },
    });
    const record = (outcome: ItemCallRecord["outcome"], direction = input.direction) =>
      this.starts.push({ item: input.item, operation: input.operation, direction, atMs: nowMs, outcome });
    if (verdict.decision === "skip" || verdict.decision === "refuse") {
      record(verdict.decision === "skip" ? "skipped" : "refused");
      return { outcome: verdict.decision === "skip" ? "skipped" : "refused", reason: verdict.reason ?? "" };
    }
    if (verdict.decision === "adopt") {
      record("started");
      return { outcome: "started", jobId: verdict.jobId as string, adopted: true };
    }
    const properties = (verdict.call?.input as { properties?: { failoverDirection?: FailoverDirection } } | undefined)?.properties;
    const direction = properties?.failoverDirection ?? input.direction;
    if (input.operation === "testFailover" && direction !== (model.setup.protectedBack === true ? "RecoveryToPrimary" : "PrimaryToRecovery")) {
      // Site Recovery answers 400 InvalidFailoverDirection; the activity throws and the durable retries give up.
      record("rejected", direction);
      throw new Error(`failoverDirection '${direction}' does not match the replication direction of '${input.item}'`);
    }
    record("started", direction);
    this.jobs += 1;
    const testFailover = input.operation === "testFailover";
    const seconds = testFailover ? (model.setup.testFailoverSeconds ?? 60) : CLEANUP_SECONDS;
    model.job = { id: `job-${this.jobs}`, scenario: testFailover ? "TestFailover" : "TestFailoverCleanup", endsAtMs: nowMs + seconds * 1000 };
    this.accepted.push({ item: input.item, operation: input.operation, atMs: nowMs });
    return { outcome: "started", jobId: model.job.id, adopted: false };
  }

  readJob(jobId: string, nowMs: number): JobStatus {
    for (const [item, model] of this.items) {
      if (model.job?.id !== jobId) continue;
      if (model.setup.unreadableJob === true && model.job.scenario === "TestFailover") throw new Error(`job ${jobId} of ${item} could not be read`);
      const { scenario } = model.job;
      this.settle(model, nowMs);
      if (model.job !== undefined) return { jobId, state: "InProgress", ended: false, succeeded: false };
      if (scenario === "TestFailoverCleanup" && model.setup.cleanupFails === true) {
        return { jobId, state: "Failed", ended: true, succeeded: false, error: { code: "70038", message: `the test VM of ${item} could not be deleted` } };
      }
    }
    return { jobId, state: "Succeeded", ended: true, succeeded: true };
  }

  verifyCleanup(input: VerifyCleanupInput, nowMs: number): VerifyCleanupResult {
    const states = input.items.map(({ item }) => ({ item, state: this.state(item, nowMs) }));
    return {
      leftovers: states.filter(({ state }) => state.testFailoverState !== "None").map(({ item }) => item),
      running: states.filter(({ state }) => state.currentScenario?.scenarioName === "TestFailover").map(({ item }) => item),
    };
  }

  private model(item: string): ItemModel {
    const model = this.items.get(item);
    if (model === undefined) throw new Error(`no such item ${item}`);
    return model;
  }

  private settle(model: ItemModel, nowMs: number): void {
    if (model.job === undefined || nowMs < model.job.endsAtMs) return;
    // A failed cleanup leaves the test copy where it was.
    model.testCopy = model.job.scenario === "TestFailover" || model.setup.cleanupFails === true;
    delete model.job;
  }
}

/** A two-group plan (db-1; web-1, web-2) with drill settings and no probes. */
export function drillPlan(): Plan {
  return shopPlan({
    groups: [
      { name: "db", items: ["db-1"] },
      { name: "web", items: ["web-1", "web-2"] },
    ],
    drill: { schedule: "0 0 3 * * 0", testNetworkId: TEST_NETWORK, probes: [] },
  });
}

export interface DrillRun {
  world: World;
  asr: DrillSiteRecovery;
  operation: Operation;
  evidence: SaveDrillReportInput["evidence"];
  report: DrillReport;
}

/** Runs a whole drill of `drillPlan()` against the model; `orchestrators` replaces registered sub-orchestrations. */
export function runDrill(setups: Record<string, ItemSetup>, orchestrators: Record<string, unknown> = {}): DrillRun {
  const asr = new DrillSiteRecovery({ "db-1": {}, "web-1": {}, "web-2": {}, ...setups });
  const saved: SaveDrillReportInput[] = [];
  const world = new World(
    {
      [ACTIVITY.preflightItems]: (input, at) => asr.preflight(input as PreflightInput, at.nowMs),
      [ACTIVITY.startItemAction]: (input, at) => asr.start(input as StartItemActionInput, at.nowMs),
      [ACTIVITY.readJob]: (input, at) => asr.readJob((input as { jobId: string }).jobId, at.nowMs),
      [ACTIVITY.publishOperationEvent]: () => undefined,
      [STORAGE_ACTIVITY.saveOperation]: () => undefined,
      [STORAGE_ACTIVITY.releasePlanLock]: () => undefined,
      [DRILL_ACTIVITY.verifyCleanup]: (input, at) => asr.verifyCleanup(input as VerifyCleanupInput, at.nowMs),
      [DRILL_ACTIVITY.saveDrillReport]: (input): SavedDrillReport => {
        const request = input as SaveDrillReportInput;
        saved.push(request);
        const report = buildDrillReport({ ...request, history: [], reportUrl: "/api/v1/drills/drill-1/report.html" });
        asr.reports.push(report);
        if (report.status === "running") throw new Error("a built report is never running");
        const rto = report.rtoSeconds === undefined ? {} : { rtoSeconds: report.rtoSeconds };
        return { status: report.status, failures: report.failures, reportUrl: report.reportUrl ?? "", ...rto };
      },
      [DRILL_ACTIVITY.publishDrillCompleted]: () => undefined,
    },
    {
      [DRILL_ORCHESTRATION.testFailoverItem]: itemActionOrchestrator as never,
      [ORCHESTRATION.itemAction]: itemActionOrchestrator as never,
      ...(orchestrators as Record<string, never>),
    },
  );
  const operation = world.run(drillOrchestrator as never, startOf(drillPlan(), "drill"), "drill-1") as Operation;
  const [request] = saved;
  const [report] = asr.reports;
  if (request === undefined || report === undefined) throw new Error("the drill saved no report");
  return { world, asr, operation, evidence: request.evidence, report };
}
