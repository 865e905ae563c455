// The per-item sub-orchestration: start once, watch the job on durable timers, report ASR's error, skip and refuse
// without watching anything.
import { ACTIVITY } from "../../../functions/activities/names";
import type { JobStatus, StartItemActionResult } from "../../../functions/activities/contracts";
import { itemActionOrchestrator, POLLS_PER_EXECUTION, type ItemActionInput, type ItemActionResult } from "../../../functions/orchestrations/item-action";
import { World } from "./durable-stub";

const input: ItemActionInput = {
  vault: { subscriptionId: "s1", resourceGroup: "rg", name: "vault" },
  item: "db-1",
  itemId: "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/vault/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/db-1",
  operation: "unplannedFailover",
  direction: "PrimaryToRecovery",
  recoveryPoint: "latest",
  rpoBudgetSeconds: 300,
  pollIntervalSeconds: 30,
  watchLimitSeconds: 3600,
};

function world(started: StartItemActionResult, job: (polls: number) => JobStatus | Error): World {
  let polls = 0;
  return new World({
    [ACTIVITY.startItemAction]: () => started,
    [ACTIVITY.readJob]: () => {
      polls += 1;
      const status = job(polls);
      if (status instanceof Error) throw status;
      return status;
    },
  });
}

const running = (): JobStatus => ({ jobId: "j", state: "InProgress", ended: false, succeeded: false });

describe("item action sub-orchestration", () => {
  it("reads the job every poll interval until it succeeds", () => {
    const stub = world({ outcome: "started", jobId: "j", adopted: false, rpoSeconds: 45 }, (polls) => (polls < 4 ? running() : { jobId: "j", state: "Succeeded", ended: true, succeeded: true }));
    const startMs = stub.nowMs;
    const result = stub.run(itemActionOrchestrator as never, input) as ItemActionResult;
    expect(result).toMatchObject({ status: "succeeded", jobId: "j", adopted: false, recoveryPointTimeMs: startMs - 45_000, startedAtMs: startMs, endedAtMs: startMs + 4 * 30_000 });
    expect(stub.callsTo(ACTIVITY.startItemAction)).toHaveLength(1);
    expect(stub.callsTo(ACTIVITY.readJob).map((call) => call.atMs - startMs)).toEqual([30_000, 60_000, 90_000, 120_000]);
  });

  it("continues as new every POLLS_PER_EXECUTION reads, keeping the job, its start and its recovery point", () => {
    const reads = 2 * POLLS_PER_EXECUTION + 5;
    const stub = world({ outcome: "started", jobId: "j", adopted: false, rpoSeconds: 45 }, (polls) => (polls < reads ? running() : { jobId: "j", state: "Succeeded", ended: true, succeeded: true }));
    const startMs = stub.nowMs;
    const result = stub.run(itemActionOrchestrator as never, input, "item-1") as ItemActionResult;
    expect(stub.executions.get("item-1")).toBe(3);
    expect(result).toMatchObject({ status: "succeeded", jobId: "j", adopted: false, recoveryPointTimeMs: startMs - 45_000, startedAtMs: startMs, endedAtMs: startMs + reads * 30_000 });
    expect(stub.callsTo(ACTIVITY.startItemAction)).toHaveLength(1);
    expect(stub.callsTo(ACTIVITY.readJob).map((call) => call.atMs - startMs)).toEqual(Array.from({ length: reads }, (_, index) => (index + 1) * 30_000));
  });

  it("measures the watch limit from the first execution's start, across continue-as-new", () => {
    const stub = world({ outcome: "started", jobId: "j", adopted: false }, running);
    const limitReads = POLLS_PER_EXECUTION + 7;
    const result = stub.run(itemActionOrchestrator as never, { ...input, watchLimitSeconds: limitReads * 30 }, "item-2") as ItemActionResult;
    expect(result).toMatchObject({ status: "failed", jobId: "j", error: { code: "JobWatchTimedOut" } });
    expect(stub.callsTo(ACTIVITY.readJob)).toHaveLength(limitReads);
    expect(stub.executions.get("item-2")).toBe(2);
  });

  it("reports the job's ASR error with the item", () => {
    const stub = world({ outcome: "started", jobId: "j", adopted: true }, () => ({
      jobId: "j",
      state: "Failed",
      ended: true,
      succeeded: false,
      error: { code: "28031", message: "Source VM shutdown failed." },
    }));
    expect(stub.run(itemActionOrchestrator as never, input)).toMatchObject({ status: "failed", adopted: true, error: { code: "28031", message: "Source VM shutdown failed.", item: "db-1" } });
  });

  it("returns skipped and refused at once, watching nothing", () => {
    const skipped = world({ outcome: "skipped", reason: "already failed over" }, () => new Error("no"));
    expect(skipped.run(itemActionOrchestrator as never, input)).toMatchObject({ status: "skipped", reason: "already failed over" });
    expect(skipped.callsTo(ACTIVITY.readJob)).toHaveLength(0);
    const refused = world({ outcome: "refused", reason: "busy with TestFailover" }, () => new Error("no"));
    expect(refused.run(itemActionOrchestrator as never, input)).toMatchObject({ status: "failed", error: { code: "ItemRefused", message: "busy with TestFailover", item: "db-1" } });
  });

  it("gives up watching after the limit, naming the job's state", () => {
    const stub = world({ outcome: "started", jobId: "j", adopted: false }, running);
    const result = stub.run(itemActionOrchestrator as never, { ...input, watchLimitSeconds: 300 }) as ItemActionResult;
    expect(result).toMatchObject({ status: "failed", error: { code: "JobWatchTimedOut" } });
    expect(stub.callsTo(ACTIVITY.readJob)).toHaveLength(10);
  });

  it("reports a failed start with the first line of the error only, no stack trace", () => {
    const stub = new World({
      [ACTIVITY.startItemAction]: () => {
        throw new Error("Activity function 'startItemActionActivity' failed: Error \"processServerId cannot be null\"\n    at serializeRequestBody (/srv/node_modules/x.js:1:1)");
      },
    });
    expect(stub.run(itemActionOrchestrator as never, input)).toMatchObject({
      status: "failed",
      error: { code: "ItemActionNotStarted", message: "Site Recovery could not be asked to act: Activity function 'startItemActionActivity' failed: Error \"processServerId cannot be null\"" },
    });
  });

  it("fails the item, not the workflow, when the job cannot be read past the retries", () => {
    const stub = world({ outcome: "started", jobId: "j", adopted: false }, () => new Error("503 Service Unavailable"));
    expect(stub.run(itemActionOrchestrator as never, input)).toMatchObject({ status: "failed", error: { code: "JobUnreadable", message: expect.stringContaining("503") } });
  });
});
