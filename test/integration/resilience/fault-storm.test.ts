// Fault storms: the emulator answers a growing share of ARM calls with 429 (Retry-After) or 500, and fails
// Site Recovery jobs; every operation on the `shop` plan still ends in the right state with a report that says
// what happened, no item gets a second accepted action it did not need, and no operation goes missing.
import type { Operation } from "@standby/client/contract";
import type { RequestLogEntry } from "../../../local/arm/server/request-log";
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { drillPlan, estate, protectedItems, putPlan, runDrill, testInstanceProbe } from "../drills/drill-lab";
import { runUntil, startOperation, trafficChanges } from "../workflows/workflow-lab";
import { acceptedActions, acceptedTrafficChanges, expectedLedger, since } from "./action-ledger";
import { endpointStatuses, type PlanTrafficRef } from "./traffic-view";

jest.setTimeout(900_000);

/** Share of ARM calls refused, half as 429 and half as 500; CI runs the ends, STANDBY_FULL_SWEEP=1 the steps between. */
const STORM_LEVELS = process.env.STANDBY_FULL_SWEEP === "1" ? [0, 0.1, 0.2, 0.3] : [0, 0.3];

interface DrillReport {
  status: string;
  cleanup: string;
  cleanupVerification: { clean: boolean; leftovers: string[] };
  items: { item: string; status: string; error?: { message: string } }[];
  failures: string[];
}

let lab: Lab;
let items: string[];
let traffic: PlanTrafficRef;
const started: Operation[] = [];
const ended = new Map<string, Operation>();
/** One line per operation for the run's summary: how it ended and how hard the storm hit its ARM calls. */
const figures: string[] = [];

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  const plan = await drillPlan(lab, { probes: [await testInstanceProbe(lab, "web")] });
  await putPlan(lab, plan);
  items = (plan.groups as { items: string[] }[]).flatMap((group) => group.items).map((id) => id.split("/").pop() as string);
  traffic = plan.traffic as PlanTrafficRef;
});

afterAll(async () => {
  console.info(`fault storm, per operation:\n${figures.join("\n")}`);
  await lab?.stop();
});

const refusedCalls = (log: readonly RequestLogEntry[]): number => log.filter((entry) => entry.status === 429 || entry.status === 500).length;

function note(what: string, operation: Operation, log: readonly RequestLogEntry[]): void {
  figures.push(`  ${what}: ${operation.status}; ${log.length} ARM calls, ${refusedCalls(log)} refused (429/500)`);
}

async function storm(level: number, failJobs?: Record<string, unknown>): Promise<void> {
  const answer = await lab.control("POST", "/_emulator/faults", { rate429: level / 2, rate5xx: level / 2, ...(failJobs === undefined ? {} : { failJobs }) });
  expect(answer.status).toBe(200);
}

async function run(path: string, body: unknown): Promise<Operation> {
  const operation = await startOperation(lab, path, body);
  started.push(operation);
  const last = await runUntil(lab, operation.id);
  ended.set(last.id, last);
  return last;
}

async function drillReport(operation: Operation): Promise<DrillReport> {
  const answer = await api<DrillReport>(lab, "GET", `/drills/${operation.id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Site Recovery's own view, read with the storm off (the storm is for the app, not for this check). */
async function testFailoversLeft(): Promise<string[]> {
  await storm(0);
  return (await protectedItems(lab)).filter((item) => !["None", undefined].includes(item.properties.testFailoverState)).map((item) => item.name);
}

describe.each(STORM_LEVELS)("a drill with %p of ARM calls refused", (level) => {
  it("succeeds, cleans up, and sends one test failover and one cleanup per item", async () => {
    await storm(level);
    const before = await lab.emulatorRequests();
    const operation = await runDrill(lab, "shop", { reason: `storm ${level}` });
    started.push(operation);
    ended.set(operation.id, operation);
    const log = since(before, await lab.emulatorRequests());
    note(`drill at ${level * 100} %`, operation, log);
    expect({ status: operation.status, error: operation.error }).toEqual({ status: "succeeded", error: undefined });
    const report = await drillReport(operation);
    expect({ status: report.status, cleanup: report.cleanup, clean: report.cleanupVerification.clean }).toEqual({ status: "succeeded", cleanup: "succeeded", clean: true });
    expect(report.items.every((item) => item.status === "succeeded")).toBe(true);
    expect(acceptedActions(log)).toEqual(expectedLedger(items, { testFailover: 1, testFailoverCleanup: 1 }));
    if (level > 0) expect(refusedCalls(log)).toBeGreaterThan(0);
    else expect(refusedCalls(log)).toBe(0);
    expect(await testFailoversLeft()).toEqual([]);
  });
});

describe("the heaviest storm with a failing job", () => {
  let appItem: { id: string; name: string; vmName: string };

  beforeAll(async () => {
    appItem = (await estate(lab)).protectedItems.find((item) => item.tier === "app") as typeof appItem;
  });

  it("fails the drill naming the item and ASR's error, and still cleans up every test failover", async () => {
    await storm(0.3, { items: [appItem.vmName], code: "70038", message: "storm: the test VM could not start" });
    const before = await lab.emulatorRequests();
    const operation = await runDrill(lab, "shop", { reason: "storm with a failing job" });
    started.push(operation);
    ended.set(operation.id, operation);
    const log = since(before, await lab.emulatorRequests());
    note("drill at 30 % with a failing job", operation, log);
    expect(operation.status).toBe("failed");
    expect(operation.error).toBeDefined();
    const report = await drillReport(operation);
    expect(report.status).toBe("failed");
    expect(report.items.find((item) => item.item.toLowerCase() === appItem.id.toLowerCase())?.status).toBe("failed");
    expect(JSON.stringify(report)).toContain("storm: the test VM could not start");
    expect(report.cleanupVerification.clean).toBe(true);
    expect(await testFailoversLeft()).toEqual([]);
    // No item was test-failed-over twice; every item whose test failover worked is cleaned exactly once. The item
    // whose job failed never reached a test failover, so Site Recovery has nothing to clean there (checked above).
    for (const [item, actions] of Object.entries(acceptedActions(log))) {
      expect(actions.testFailover ?? 0).toBeLessThanOrEqual(1);
      if (item === appItem.name) expect(actions.testFailoverCleanup ?? 0).toBeLessThanOrEqual(1);
      else expect({ item, cleanups: actions.testFailoverCleanup ?? 0 }).toEqual({ item, cleanups: actions.testFailover ?? 0 });
    }
  });

  it("fails the failover before the traffic switch; the retry under the same storm switches traffic once and fails over each item once", async () => {
    // Where traffic starts: nothing in this lab has switched it, both endpoints take traffic by priority.
    await storm(0);
    const atStart = await lab.emulatorRequests();
    expect(trafficChanges(atStart)).toEqual([]);
    expect(await endpointStatuses(lab, traffic.profile)).toEqual({ [traffic.primaryEndpoint]: "Enabled", [traffic.standbyEndpoint]: "Enabled" });

    await storm(0.3, { items: [appItem.vmName], code: "70038", message: "storm: the replica could not start" });
    const before = await lab.emulatorRequests();
    const first = await run("/plans/shop/failover", { mode: "planned", reason: "storm" });
    const afterFirst = await lab.emulatorRequests();
    note("failover at 30 % with a failing job", first, since(before, afterFirst));
    expect(first.status).toBe("failed");
    expect(first.error?.item?.toLowerCase()).toBe(appItem.id.toLowerCase());
    expect(first.steps.find((step) => step.id === "traffic")?.status).toBe("skipped");
    // Not even an attempt: a failed group stops the failover before the switch.
    expect(trafficChanges(since(before, afterFirst))).toEqual([]);

    await storm(0.3);
    const retry = await run("/plans/shop/failover", { mode: "planned", reason: "storm retry" });
    const afterRetry = await lab.emulatorRequests();
    note("its retry at 30 %", retry, since(afterFirst, afterRetry));
    expect({ status: retry.status, error: retry.error }).toEqual({ status: "succeeded", error: undefined });
    expect(retry.steps.find((step) => step.id === "traffic")?.status).toBe("succeeded");
    expect(acceptedTrafficChanges(since(afterFirst, afterRetry))).toBe(1);

    const commit = await run("/plans/shop/commit", { reason: "storm" });
    const afterCommit = await lab.emulatorRequests();
    note("commit at 30 %", commit, since(afterRetry, afterCommit));
    expect(commit.status).toBe("succeeded");
    expect(trafficChanges(since(afterRetry, afterCommit))).toEqual([]);

    // The failed item's job failed, so the retry had to start it again; every other item got one action.
    const expected = expectedLedger(items, { unplannedFailover: 1, failoverCommit: 1 });
    expected[appItem.name] = { unplannedFailover: 2, failoverCommit: 1 };
    expect(acceptedActions(since(before, afterCommit))).toEqual(expected);
    await storm(0);
    expect(await endpointStatuses(lab, traffic.profile)).toEqual({ [traffic.primaryEndpoint]: "Disabled", [traffic.standbyEndpoint]: "Enabled" });
  });

  it("lost no operation: every one started is listed by the API in the state it ended in", async () => {
    await storm(0);
    const listed = (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop")).body.value;
    const byId = new Map(listed.map((operation) => [operation.id, operation.status]));
    expect(started.length).toBe(STORM_LEVELS.length + 4);
    for (const operation of started) expect(byId.get(operation.id)).toBe(ended.get(operation.id)?.status);
    expect(listed.every((operation) => ["succeeded", "failed"].includes(operation.status))).toBe(true);
  });
});
