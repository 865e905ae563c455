// A drill whose test failover job cannot be read for a while, through the real app against the ARM emulator: the
// item's workflow gives up on the job (JobUnreadable) while Site Recovery still runs it. Site Recovery refuses a
// cleanup while a test failover runs, so the drill's cleanup waits for the job to end and only then cleans up;
// nothing is left behind.
import type { Operation } from "@standby/client/contract";
import { api } from "../../support/api-client";
import { runUntil, startOperation } from "../workflows/workflow-lab";
import { actionsOn, drillPlan, estate, protectedItems, putPlan, useDrillLab } from "./drill-lab";

jest.setTimeout(900_000);

const shop = useDrillLab();

interface Report {
  status: string;
  items: { item: string; status: string; error?: { code: string } }[];
  cleanupVerification: { clean: boolean; verified: boolean; leftovers: string[] };
  failures: string[];
}

describe("a drill that stops watching a test failover that still runs", () => {
  let operation: Operation;
  let report: Report;
  // The db tier's items, and the first of them, whose step the test follows.
  let tier: { id: string; name: string }[];
  let db: { id: string; name: string };

  beforeAll(async () => {
    const { lab } = shop;
    tier = (await estate(lab)).protectedItems.filter((item) => item.tier === "db");
    db = tier[0] as { id: string; name: string };
    await putPlan(lab, await drillPlan(lab, { name: "shop-db", groups: ["db"], probes: [] }));
    await lab.control("DELETE", "/_emulator/requests");
    const started = await startOperation(lab, "/plans/shop-db/drills", { reason: "job unreadable" });
    const running = (current: Operation) => current.steps.some((step) => step.item === db.id && step.status === "running");
    await runUntil(lab, started.id, { stepMs: 10_000, until: running });
    try {
      // Every ARM call fails: the item's reads of its job run out of retries, while the job goes on.
      expect((await lab.control("POST", "/_emulator/faults", { rate5xx: 1 })).status).toBe(200);
      const failed = (current: Operation) => current.steps.some((step) => step.item === db.id && step.status === "failed");
      await runUntil(lab, started.id, { stepMs: 10_000, until: failed });
    } finally {
      await lab.control("POST", "/_emulator/faults", {});
    }
    // The scenario holds only if the test failovers still run now (the db tier's take 6 simulated minutes).
    const names = tier.map((item) => item.name);
    const now = (await protectedItems(lab)).filter((item) => names.includes(item.name));
    expect(now.map((item) => item.properties.testFailoverState)).toEqual(names.map(() => "TestFailoverInProgress"));
    operation = await runUntil(lab, started.id, { stepMs: 30_000 });
    report = (await api<Report>(lab, "GET", `/drills/${operation.id}`)).body;
  });

  it("reports the items failed, as their jobs could not be read", () => {
    expect(report.items).toEqual(tier.map((item) => expect.objectContaining({ item: item.id, status: "failed", error: expect.objectContaining({ code: "JobUnreadable" }) })));
    expect(operation.status).toBe("failed");
    expect(report.status).toBe("failed");
  });

  it("waited for the test failovers to end, then cleaned each up once: verified clean, nothing left in Site Recovery", async () => {
    const { lab } = shop;
    const log = await lab.emulatorRequests();
    for (const item of tier) expect({ item: item.name, actions: actionsOn(log, item.name) }).toEqual({ item: item.name, actions: ["testfailover", "testfailovercleanup"] });
    expect(report.cleanupVerification).toMatchObject({ clean: true, verified: true, leftovers: [] });
    expect(report.failures.some((line) => line.startsWith("Cleanup"))).toBe(false);
    const names = tier.map((item) => item.name);
    const after = (await protectedItems(lab)).filter((item) => names.includes(item.name));
    expect(after.map((item) => item.properties.testFailoverState ?? "None")).toEqual(names.map(() => "None"));
  });
});
