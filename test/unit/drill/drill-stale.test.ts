// A drill of items an earlier run left with a test failover waiting for cleanup: the guard skips such an item, and
// a drill that skips it proves nothing (its probes would reach the old copy). The drill cleans the old test failover
// first and then makes its own; when the old one cannot be cleaned, the drill fails naming the item.
import { runDrill } from "./drill-world";

describe("a drill over a test failover an earlier run left behind", () => {
  it("cleans the old test failover first, then runs the item's own test failover, and passes", () => {
    const run = runDrill({ "web-1": { staleTestFailover: true } });
    expect(run.asr.accepted.filter((entry) => entry.item === "web-1").map((entry) => entry.operation)).toEqual(["testFailoverCleanup", "testFailover", "testFailoverCleanup"]);
    // The old copy was gone before the first test failover of the drill started.
    const firstTestFailover = run.asr.accepted.find((entry) => entry.operation === "testFailover");
    const staleCleanup = run.asr.accepted.find((entry) => entry.item === "web-1" && entry.operation === "testFailoverCleanup");
    expect(staleCleanup?.atMs).toBeLessThan(firstTestFailover?.atMs ?? 0);
    expect(run.evidence.items.map((item) => [item.item, item.status])).toEqual([
      ["db-1", "succeeded"],
      ["web-1", "succeeded"],
      ["web-2", "succeeded"],
    ]);
    expect(run.report.failures).toEqual([]);
    expect(run.operation.status).toBe("succeeded");
  });

  it("fails, naming the item, when the old test failover cannot be cleaned, and starts no test failover", () => {
    const run = runDrill({ "web-1": { staleTestFailover: true, cleanupFails: true } });
    expect(run.asr.accepted.filter((entry) => entry.operation === "testFailover")).toEqual([]);
    expect(run.evidence.failure).toMatchObject({ code: "StaleTestFailoverNotCleaned", message: expect.stringContaining("web-1") });
    expect(run.report.failures[0]).toContain("web-1 still had a test failover from an earlier run that could not be cleaned up");
    expect(run.report.cleanupVerification).toMatchObject({ clean: false, leftovers: ["web-1"] });
    expect(run.operation.status).toBe("failed");
    expect(run.operation.error?.message).toContain("web-1");
  });

  it("fails a drill whose item was still skipped when its test failover was asked for", () => {
    // A test failover appears between the preflight and the item's start: the item's workflow skips it.
    const raced = runDrill({ "web-2": { staleAfterPreflight: true } });
    expect(raced.evidence.items.find((item) => item.item === "web-2")).toMatchObject({ status: "skipped" });
    expect(raced.report.failures).toEqual([expect.stringContaining("Test failover of web-2 did not run")]);
    expect(raced.operation.status).toBe("failed");
  });
});
