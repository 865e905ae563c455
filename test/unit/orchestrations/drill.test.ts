// The drill workflow's test failovers with stub activities: each item runs the shared item action with the plan's
// test network, under the drill's sub-orchestration name and instance ids (running drills' histories record both,
// so they must not change), and its result becomes the drill's evidence and step as before the item workflows were
// shared: by group, a skip with its reason, the recovery point of the test copy. A skipped item fails the drill.
import type { Operation, Plan } from "@standby/client/contract";
import type { PreflightInput, StartItemActionInput, StartItemActionResult } from "../../../functions/activities/contracts";
import type { SaveDrillReportInput, SavedDrillReport } from "../../../functions/activities/drill/drill-contracts";
import { DRILL_ACTIVITY } from "../../../functions/activities/drill/drill-names";
import { ACTIVITY } from "../../../functions/activities/names";
import { STORAGE_ACTIVITY } from "../../../functions/activities/storage/activities";
import { buildDrillReport } from "../../../functions/core/drill/build-report";
import { ORCHESTRATION } from "../../../functions/orchestrations/contract";
import { drillOrchestrator } from "../../../functions/orchestrations/drill";
import { DRILL_ORCHESTRATION } from "../../../functions/orchestrations/drill-names";
import { itemActionOrchestrator, type ItemActionInput } from "../../../functions/orchestrations/item-action";
import { World } from "./durable-stub";
import { idOf, shopPlan, startOf } from "./fake-estate";

const NETWORK = "/subscriptions/s1/resourceGroups/shop-rg/providers/Microsoft.Network/virtualNetworks/shop-test";
const POINT_MS = Date.parse("2026-03-01T09:55:00Z");

function drillPlan(): Plan {
  return shopPlan({
    groups: [
      { name: "db", items: ["db-1"] },
      { name: "web", items: ["web-1", "web-2"] },
    ],
    drill: { schedule: "0 0 3 * * 0", testNetworkId: NETWORK, probes: [] },
  });
}

/** Items start a job that succeeds on its first read; `web-2` shows a test copy waiting for cleanup when its own is asked for. */
function drillWorld(options: { web2DoneByThisRun?: boolean } = {}): { world: World; reports: SaveDrillReportInput[] } {
  const reports: SaveDrillReportInput[] = [];
  let jobs = 0;
  const world = new World(
    {
      [ACTIVITY.preflightItems]: (input) => {
        const items = (input as PreflightInput).items.map((item) => ({ item, itemId: idOf(item), decision: "proceed" as const }));
        return { allowed: true, items, refusals: [] };
      },
      [ACTIVITY.startItemAction]: (input): StartItemActionResult => {
        const start = input as StartItemActionInput;
        if (start.operation === "testFailover" && start.item === "web-2") {
          return { outcome: "skipped", reason: "test failover already done, waiting for cleanup", ...(options.web2DoneByThisRun ? { doneByThisRun: true } : {}) };
        }
        jobs += 1;
        return { outcome: "started", jobId: `job-${jobs}`, adopted: false, ...(start.operation === "testFailover" ? { recoveryPointTimeMs: POINT_MS } : {}) };
      },
      [ACTIVITY.readJob]: (input) => ({ jobId: (input as { jobId: string }).jobId, state: "Succeeded", ended: true, succeeded: true }),
      [ACTIVITY.publishOperationEvent]: () => undefined,
      [STORAGE_ACTIVITY.saveOperation]: () => undefined,
      [STORAGE_ACTIVITY.releasePlanLock]: () => undefined,
      [DRILL_ACTIVITY.verifyCleanup]: () => ({ leftovers: [] }),
      [DRILL_ACTIVITY.saveDrillReport]: (input): SavedDrillReport => {
        reports.push(input as SaveDrillReportInput);
        const report = buildDrillReport({ ...(input as SaveDrillReportInput), history: [], reportUrl: "https://reports.example/drill-1" });
        return { status: report.status === "succeeded" ? "succeeded" : "failed", failures: report.failures, rtoSeconds: 60, reportUrl: "https://reports.example/drill-1" };
      },
      [DRILL_ACTIVITY.publishDrillCompleted]: () => undefined,
    },
    {
      [DRILL_ORCHESTRATION.testFailoverItem]: itemActionOrchestrator as never,
      [ORCHESTRATION.itemAction]: itemActionOrchestrator as never,
    },
  );
  return { world, reports };
}

function runDrill(options: { web2DoneByThisRun?: boolean } = {}): { world: World; operation: Operation; report: SaveDrillReportInput } {
  const { world, reports } = drillWorld(options);
  const operation = world.run(drillOrchestrator as never, startOf(drillPlan(), "drill"), "drill-1") as Operation;
  const [report] = reports;
  if (report === undefined) throw new Error("the drill saved no report");
  return { world, operation, report };
}

describe("drill workflow: test failovers through the shared item action", () => {
  it("starts each item's test failover under the drill's sub-orchestration name and instance ids", () => {
    const { world } = runDrill();
    const subs = world.calls.filter((call) => call.kind === "sub" && call.name === "drillTestFailoverItemOrchestration");
    expect(subs.map((call) => call.instanceId)).toEqual(["drill-1:drill/db/items:0", "drill-1:drill/web/items:0", "drill-1:drill/web/items:1"]);
    // The cleanup keeps the failover workflows' name for its own items.
    expect(world.calls.filter((call) => call.kind === "sub" && call.name === "itemActionOrchestration")).toHaveLength(3);
  });

  it("asks for a test failover into the plan's test network from the drill's recovery point choice", () => {
    const { world, operation } = runDrill();
    const starts = world.callsTo(ACTIVITY.startItemAction).map((call) => call.input as ItemActionInput).filter((input) => input.operation === "testFailover");
    expect(starts).toHaveLength(3);
    for (const input of starts) {
      expect(input).toEqual({
        vault: drillPlan().vault,
        item: input.item,
        itemId: idOf(input.item),
        operation: "testFailover",
        direction: "PrimaryToRecovery",
        networkId: NETWORK,
        recoveryPoint: "latestProcessed",
        rpoBudgetSeconds: 300,
        // Old copies are cleaned before: one that succeeds after the item's start is this drill's own.
        ownTestFailoverSinceMs: Date.parse(operation.steps.find((step) => step.id.startsWith("drill/") && step.item === input.item)?.startedAt as string),
      });
    }
  });

  it("hands the report each item's evidence by group, with the test copy's point and a skip's reason", () => {
    const { report } = runDrill();
    const startedAtMs = Date.parse("2026-03-01T10:00:00Z");
    expect(report.evidence.items).toEqual([
      { item: "db-1", group: "db", status: "succeeded", startedAtMs, endedAtMs: startedAtMs + 30_000, jobId: "job-1", recoveryPointTimeMs: POINT_MS },
      { item: "web-1", group: "web", status: "succeeded", startedAtMs: startedAtMs + 30_000, endedAtMs: startedAtMs + 60_000, jobId: "job-2", recoveryPointTimeMs: POINT_MS },
      {
        item: "web-2",
        group: "web",
        status: "skipped",
        // The stub runs sub-orchestrations one after the other, so web-2 starts when web-1 has ended.
        startedAtMs: startedAtMs + 60_000,
        endedAtMs: startedAtMs + 60_000,
        error: { code: "Skipped", message: "test failover already done, waiting for cleanup", item: "web-2" },
      },
    ]);
  });

  it("finishes the item steps with their jobs, and fails the drill on the skipped item, with the recovery points of the items that ran", () => {
    const { operation } = runDrill();
    const step = (id: string) => operation.steps.find((candidate) => candidate.id === id);
    expect(step("drill/db/items/db-1")).toMatchObject({ status: "succeeded", jobId: "job-1" });
    expect(step("drill/web/items/web-2")).toMatchObject({ status: "skipped" });
    expect(step("drill/web/items/web-2")).not.toHaveProperty("error");
    expect(operation.status).toBe("failed");
    expect(operation.error?.message).toContain("Test failover of web-2 did not run");
    expect(operation.result?.recoveryPoints.map((point) => point.item)).toEqual(["db-1", "web-1"]);
  });

  it("counts a test failover its re-run start found already done by this drill as succeeded (a crash between start and answer)", () => {
    const { operation, report } = runDrill({ web2DoneByThisRun: true });
    expect(report.evidence.items.find((item) => item.item === "web-2")).toMatchObject({ status: "succeeded" });
    expect(report.evidence.items.find((item) => item.item === "web-2")).not.toHaveProperty("error");
    expect(operation.steps.find((step) => step.id === "drill/web/items/web-2")).toMatchObject({ status: "succeeded" });
    // The fixture's recovery points are older than the plan's RPO, so the drill fails; but not for web-2.
    expect(operation.error?.message).not.toContain("web-2");
    expect(runDrill().operation.error?.message).toContain("Test failover of web-2 did not run");
  });
});
