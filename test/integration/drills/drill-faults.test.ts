// Drills when things go wrong, through the real app in the local host against the ARM emulator and Azurite: a
// cleanup job that keeps failing (retried, reported not clean with the leftover named), the next drill cleaning that
// leftover before its own test failover, and scheduled drills that fall due while a real failover of their plan runs
// (not started) or while their own previous drill runs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Operation } from "@standby/client/contract";
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { runUntil, startOperation } from "../workflows/workflow-lab";
import { actionsOn, drillPlan, estate, protectedItems, putPlan } from "./drill-lab";

jest.setTimeout(900_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
});

afterAll(async () => {
  await lab?.stop();
});

/** A probe target that holds its first request until released: the drill waits there while the test acts. */
function holdingProbeTarget(): Promise<{ url: string; arrived: () => boolean; release: () => void; close: () => Promise<void> }> {
  let arrived = false;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server: Server = createServer((_request, response) => {
    arrived = true;
    void released.then(() => response.end("ok"));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.unref();
      resolve({
        url: `http://127.0.0.1:${port}/health`,
        arrived: () => arrived,
        release,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

describe("a drill whose cleanup job fails", () => {
  let operation: Operation;
  let report: { status: string; cleanup: string; cleanupVerification: { clean: boolean; verified: boolean; attempts: number; leftovers: string[]; failures: { item?: string; message: string }[] }; failures: string[]; items: { item: string }[] };
  let faulty: { id: string; name: string; vmName: string };

  beforeAll(async () => {
    const view = await estate(lab);
    faulty = view.protectedItems.find((item) => item.tier === "web") as { id: string; name: string; vmName: string };
    const target = await holdingProbeTarget();
    try {
      await putPlan(lab, await drillPlan(lab, { probes: [{ type: "probe", name: "held", url: target.url, retries: 0, timeoutSeconds: 60 }] }));
      await lab.control("DELETE", "/_emulator/requests");
      const started = await startOperation(lab, "/plans/shop/drills", { reason: "cleanup fault" });
      // Every test failover has ended once the probe arrives; from now on, every job of the faulty item fails.
      await runUntil(lab, started.id, { stepMs: 30_000, until: () => target.arrived() });
      expect((await lab.control("POST", "/_emulator/faults", { failJobs: { items: [faulty.vmName], message: "injected: the test VM could not be deleted" } })).status).toBe(200);
      target.release();
      operation = await runUntil(lab, started.id, { stepMs: 30_000 });
    } finally {
      target.release();
      await target.close();
      await lab.control("POST", "/_emulator/faults", {});
    }
    report = (await api<typeof report>(lab, "GET", `/drills/${operation.id}`)).body;
  });

  it("is reported not clean, naming the leftover item, and fails the drill", () => {
    expect(operation.status).toBe("failed");
    expect(report.status).toBe("failed");
    expect(report.cleanup).toBe("failed");
    expect(report.cleanupVerification).toMatchObject({ clean: false, verified: true, leftovers: [faulty.id] });
    expect(report.failures.some((line) => line.includes(faulty.id) && line.includes("Cleanup left test failovers"))).toBe(true);
    expect(report.cleanupVerification.failures.some((failure) => failure.item === faulty.id && failure.message.includes("injected"))).toBe(true);
  });

  it("retried the failed cleanup once, and cleaned every other item once", async () => {
    const log = await lab.emulatorRequests();
    expect(report.cleanupVerification.attempts).toBe(2);
    expect(actionsOn(log, faulty.name)).toEqual(["testfailover", "testfailovercleanup", "testfailovercleanup"]);
    for (const item of report.items.filter((entry) => entry.item !== faulty.id)) {
      expect(actionsOn(log, item.item.split("/").pop() as string)).toEqual(["testfailover", "testfailovercleanup"]);
    }
  });

  it("agrees with Site Recovery: only the faulty item still has its test failover", async () => {
    const left = (await protectedItems(lab)).filter((item) => (item.properties.testFailoverState ?? "None") !== "None");
    expect(left.map((item) => item.name)).toEqual([faulty.name]);
  });
});

describe("a drill after one that left a test failover behind", () => {
  let operation: Operation;
  let report: { status: string; failures: string[]; items: { item: string; status: string }[]; cleanupVerification: { clean: boolean; leftovers: string[] } };
  let stale: { id: string; name: string };

  beforeAll(async () => {
    // The drill above could not clean the web item: its test failover still waits for cleanup.
    const view = await estate(lab);
    stale = view.protectedItems.find((item) => item.tier === "web") as { id: string; name: string };
    const before = (await protectedItems(lab)).find((item) => item.name === stale.name);
    expect(before?.properties.testFailoverState).toBe("WaitingForCompletion");
    await putPlan(lab, await drillPlan(lab, { probes: [] }));
    await lab.control("DELETE", "/_emulator/requests");
    const started = await startOperation(lab, "/plans/shop/drills", { reason: "after a leftover" });
    operation = await runUntil(lab, started.id, { stepMs: 30_000 });
    report = (await api<typeof report>(lab, "GET", `/drills/${operation.id}`)).body;
  });

  it("cleans the old test failover first, then makes the item's own, and passes on its own copies", async () => {
    const log = await lab.emulatorRequests();
    expect(actionsOn(log, stale.name)).toEqual(["testfailovercleanup", "testfailover", "testfailovercleanup"]);
    // The old copy was removed before any test failover of this drill started.
    const posts = log.filter((entry) => entry.method === "POST");
    const firstTestFailover = posts.findIndex((entry) => /\/testfailover$/i.test(entry.path));
    const staleCleanup = posts.findIndex((entry) => entry.path.toLowerCase().includes(`/replicationprotecteditems/${stale.name.toLowerCase()}/testfailovercleanup`));
    expect(staleCleanup).toBeGreaterThanOrEqual(0);
    expect(staleCleanup).toBeLessThan(firstTestFailover);
    expect(report.items.map((item) => item.status)).toEqual(report.items.map(() => "succeeded"));
    expect(report.items.map((item) => item.item)).toContain(stale.id);
    expect(report.failures).toEqual([]);
    expect(report.status).toBe("succeeded");
    expect(operation.status).toBe("succeeded");
    expect(report.cleanupVerification).toMatchObject({ clean: true, leftovers: [] });
  });
});

describe("a drill canceled while its first group fails over", () => {
  let operation: Operation;
  let report: { status: string; cleanupVerification: { clean: boolean; verified: boolean; leftovers: string[] }; items: { item: string; group: string }[] };

  beforeAll(async () => {
    await putPlan(lab, await drillPlan(lab, { probes: [] }));
    await lab.control("DELETE", "/_emulator/requests");
    const started = await startOperation(lab, "/plans/shop/drills", { reason: "to be canceled" });
    await runUntil(lab, started.id, { stepMs: 30_000, until: (current) => current.steps.some((step) => step.group === "db" && step.status === "running") });
    const cancel = await api(lab, "POST", `/operations/${started.id}/cancel`, { json: { reason: "stop the drill" } });
    expect(cancel.status).toBe(202);
    operation = await runUntil(lab, started.id, { stepMs: 30_000 });
    report = (await api<typeof report>(lab, "GET", `/drills/${operation.id}`)).body;
  });

  it("ends canceled without starting the later groups", async () => {
    expect(operation.status).toBe("canceled");
    expect(report.status).toBe("canceled");
    expect(report.items.map((item) => item.group)).toEqual(report.items.map(() => "db"));
    const log = await lab.emulatorRequests();
    const view = await estate(lab);
    for (const item of view.protectedItems.filter((entry) => entry.tier !== "db")) expect(actionsOn(log, item.name)).not.toContain("testfailover");
  });

  it("still cleaned up every test failover it started", async () => {
    expect(report.cleanupVerification).toMatchObject({ clean: true, verified: true, leftovers: [] });
    const left = (await protectedItems(lab)).filter((item) => (item.properties.testFailoverState ?? "None") !== "None");
    expect(left).toEqual([]);
  });
});

describe("scheduled drills", () => {
  let failover: Operation;

  beforeAll(async () => {
    // db and app items are clean after the drill above; each plan covers one tier.
    await putPlan(lab, await drillPlan(lab, { name: "shop-db", groups: ["db"], probes: [], schedule: "0 * * * * *" }));
    await putPlan(lab, await drillPlan(lab, { name: "shop-app", groups: ["app"], probes: [], schedule: "0 * * * * *" }));
    // The scheduler's first tick after a plan appears only arms it; one minute holds exactly one tick.
    await lab.advance(60_000, { stepMs: 30_000 });
    failover = await startOperation(lab, "/plans/shop-db/failover", { mode: "planned", reason: "real failover" });
    // Four scheduler ticks while the failover runs (its db jobs take longer).
    await lab.advance(4 * 60_000, { stepMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  it("does not start a due drill while a failover of the plan runs", async () => {
    expect((await api<Operation>(lab, "GET", `/operations/${failover.id}`)).body.status).toBe("running");
    const operations = (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop-db")).body.value;
    expect(operations.map((operation) => operation.kind)).toEqual(["failover"]);
    expect(lab.hostOutput()).toContain(`drill scheduler: plan shop-db skipped: Plan "shop-db" is busy with operation ${failover.id}`);
  });

  it("refuses an on-demand drill of that plan too, naming the failover", async () => {
    const answer = await api<{ operationId?: string; detail?: string }>(lab, "POST", "/plans/shop-db/drills", { json: { reason: "now" } });
    expect(answer.status).toBe(409);
    expect(JSON.stringify(answer.body)).toContain(failover.id);
  });

  it("starts the due drill of a free plan, and never a second one while it runs", async () => {
    const drills = (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop-app")).body.value.filter((operation) => operation.kind === "drill");
    expect(drills).toHaveLength(1);
    expect(drills[0]?.startedBy).toBe("drill-scheduler");
    expect(lab.hostOutput()).toContain(`drill scheduler: plan shop-app skipped: Plan "shop-app" is busy with operation ${drills[0]?.id}`);
  });

  it("lets the failover finish untouched by the scheduler", async () => {
    const ended = await runUntil(lab, failover.id, { stepMs: 60_000 });
    expect(ended.status).toBe("succeeded");
    const drills = (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop-db")).body.value.filter((operation) => operation.kind === "drill");
    expect(drills).toEqual([]);
  });
});
