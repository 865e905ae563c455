// A drill whose test failover still runs when the drill gives up on it (its job cannot be read, or its item
// workflow broke): Site Recovery refuses a cleanup while the test failover runs, so the cleanup waits for the job on
// durable timers, then cleans and verifies; a job that outlasts the wait is named as a leftover and fails the drill.
import type { OrchestrationContext, Task } from "durable-functions";
import type { StartItemActionInput } from "../../../functions/activities/contracts";
import { DRILL_ACTIVITY } from "../../../functions/activities/drill/drill-names";
import { ACTIVITY } from "../../../functions/activities/names";
import { RUNNING_WAIT_LIMIT_SECONDS } from "../../../functions/orchestrations/drill-cleanup";
import { DRILL_ORCHESTRATION } from "../../../functions/orchestrations/drill-names";
import { armRetry } from "../../../functions/orchestrations/durable";
import { itemActionOrchestrator, type ItemActionInput } from "../../../functions/orchestrations/item-action";
import { runDrill, type DrillRun } from "./drill-world";

const HOUR_MS = 3600_000;

/** When web-1's test failover started, and every cleanup the workflow asked for on it with Site Recovery's answer. */
function webOne(run: DrillRun) {
  const started = run.asr.accepted.find((entry) => entry.item === "web-1" && entry.operation === "testFailover");
  if (started === undefined) throw new Error("web-1's test failover never started");
  const cleanups = run.asr.starts.filter((entry) => entry.item === "web-1" && entry.operation === "testFailoverCleanup");
  return { startedAtMs: started.atMs, cleanups };
}

describe("drill cleanup after a test failover the drill stopped watching", () => {
  it("waits for a job it could not read to end, then cleans the item up and verifies it clean", () => {
    const run = runDrill({ "web-1": { unreadableJob: true, testFailoverSeconds: 2 * 3600 } });
    const { startedAtMs, cleanups } = webOne(run);
    expect(run.evidence.items.find((item) => item.item === "web-1")).toMatchObject({ status: "failed", error: { code: "JobUnreadable" } });
    // One cleanup, accepted once the test failover had ended: never asked (and refused) while it ran.
    expect(cleanups.map((entry) => entry.outcome)).toEqual(["started"]);
    expect(cleanups[0]?.atMs).toBeGreaterThanOrEqual(startedAtMs + 2 * HOUR_MS);
    expect(run.evidence.cleanup).toMatchObject({ leftovers: [], failures: [], verified: true, attempts: 1 });
    expect(run.report.cleanupVerification.clean).toBe(true);
    // The drill still fails: one item's test failover was not seen to succeed.
    expect(run.operation.status).toBe("failed");
    expect(run.report.failures).toEqual([expect.stringContaining("Test failover of web-1 failed")]);
  });

  it("waits on timers that grow, so hours of waiting take few reads", () => {
    const run = runDrill({ "web-1": { unreadableJob: true, testFailoverSeconds: 2 * 3600 } });
    const reads = run.world.callsTo(DRILL_ACTIVITY.verifyCleanup).length;
    // Two hours at 30 s would be 240 reads; doubling up to 5 minutes makes it about 30, plus the verification.
    expect(reads).toBeGreaterThan(2);
    expect(reads).toBeLessThan(40);
  });

  it("gives up after the wait limit, names the item as left over and fails the drill on it", () => {
    const run = runDrill({ "web-1": { unreadableJob: true, testFailoverSeconds: 10 * 3600 } });
    const { startedAtMs, cleanups } = webOne(run);
    expect(cleanups.length).toBeGreaterThan(0);
    expect(cleanups[0]?.atMs).toBeGreaterThanOrEqual(startedAtMs + RUNNING_WAIT_LIMIT_SECONDS * 1000);
    expect(run.evidence.cleanup.leftovers).toEqual(["web-1"]);
    expect(run.evidence.cleanup.failures).toContainEqual(expect.objectContaining({ code: "TestFailoverStillRunning", item: "web-1" }));
    expect(run.report.cleanupVerification).toMatchObject({ clean: false, verified: true, leftovers: ["web-1"] });
    expect(run.report.failures).toContainEqual(expect.stringContaining("Cleanup left test failovers on web-1"));
    expect(run.operation.status).toBe("failed");
    // The other items were cleaned as usual.
    expect(run.asr.accepted.filter((entry) => entry.operation === "testFailoverCleanup").map((entry) => entry.item).sort()).toEqual(["db-1", "web-2"]);
  });

  it("waits for a test failover whose item workflow broke after starting it, then cleans it up", () => {
    // web-1's workflow starts the test failover, then fails (a bug, a replay that no longer fits its history).
    function* broken(context: OrchestrationContext): Generator<Task, unknown, unknown> {
      const input = context.df.getInput() as ItemActionInput;
      if (input.item !== "web-1") return yield* itemActionOrchestrator(context);
      const { pollIntervalSeconds: _poll, watchLimitSeconds: _limit, ...start } = input;
      yield context.df.callActivityWithRetry(ACTIVITY.startItemAction, armRetry(), start satisfies StartItemActionInput);
      throw new Error("the item workflow broke");
    }
    const run = runDrill({ "web-1": { testFailoverSeconds: 3600 } }, { [DRILL_ORCHESTRATION.testFailoverItem]: broken });
    const { startedAtMs, cleanups } = webOne(run);
    expect(run.evidence.failure).toMatchObject({ code: "DrillFailed", message: expect.stringContaining("the item workflow broke") });
    expect(cleanups.map((entry) => entry.outcome)).toEqual(["started"]);
    expect(cleanups[0]?.atMs).toBeGreaterThanOrEqual(startedAtMs + HOUR_MS);
    expect(run.evidence.cleanup).toMatchObject({ leftovers: [], verified: true });
    expect(run.operation.status).toBe("failed");
  });

  it("reads nothing more before the cleanup of a drill whose test failovers all ended", () => {
    const run = runDrill({});
    expect(run.operation.status).toBe("succeeded");
    // The one read is the verification after the cleanup.
    expect(run.world.callsTo(DRILL_ACTIVITY.verifyCleanup)).toHaveLength(1);
  });
});
