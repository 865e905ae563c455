import { evaluatePlanHealth, TEST_FAILOVER_GRACE_MINUTES } from "../../../functions/core/health/evaluate";
import { plan, sweptItem, vmId } from "./fixtures";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

describe("plan health evaluation", () => {
  it("is healthy when every item replicates normally within the RPO objective, and says where the machines run", () => {
    const result = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { rpoSeconds: 120 }), sweptItem("web-1")], atMs: AT });
    expect(result).toMatchObject({ status: "healthy", worstRpoSeconds: 120, rpoObjectiveSeconds: 300, problems: [] });
    expect(result.items.map((item) => item.status)).toEqual(["healthy", "healthy"]);
    expect(result.regions).toEqual(["eastus"]);
    expect(result.machines).toEqual([vmId("vm-db-1").toLowerCase(), vmId("vm-web-1").toLowerCase()]);
    expect(result.state.rpoMinutes.bits).toBe("1");
  });

  it("finds items by name, resource id or machine name, and reports a missing one as critical", () => {
    const byMachine = plan({ groups: [{ name: "all", items: ["vm-db-1", "gone"] }] });
    const result = evaluatePlanHealth({ plan: byMachine, vaultItems: [sweptItem("db-1")], atMs: AT });
    expect(result.items).toEqual([
      expect.objectContaining({ item: "vm-db-1", status: "healthy" }),
      expect.objectContaining({ item: "gone", status: "critical", problems: ["Not found in the vault."] }),
    ]);
    expect(result.status).toBe("critical");
  });

  it("explains each finding on the item: health, health errors, RPO, location, test failover left running", () => {
    const items = [
      sweptItem("db-1", { replicationHealth: "Critical", healthErrors: [{ code: "150097", message: "Disk churn too high" }], rpoSeconds: 900 }),
      sweptItem("web-1", {
        activeLocation: "Recovery",
        testFailoverState: "WaitingForCompletion",
        lastTestFailoverTime: new Date(AT - (TEST_FAILOVER_GRACE_MINUTES + 5) * 60_000).toISOString(),
      }),
    ];
    const [db, web] = evaluatePlanHealth({ plan: plan(), vaultItems: items, atMs: AT }).items;
    expect(db).toMatchObject({ status: "critical", replicationHealth: "Critical", rpoSeconds: 900 });
    expect(db?.problems).toEqual([
      "Replication health is Critical.",
      "Health error 150097: Disk churn too high",
      "RPO 900 s exceeds the objective of 300 s.",
    ]);
    expect(web?.status).toBe("warning");
    expect(web?.problems).toEqual([
      "Runs in its Recovery location, not the primary.",
      `Test failover left running (WaitingForCompletion, ${TEST_FAILOVER_GRACE_MINUTES + 5} min); clean it up.`,
    ]);
  });

  it("lets a drill's fresh test failover be, and flags an item that cannot fail over", () => {
    const items = [
      sweptItem("db-1", { testFailoverState: "WaitingForCompletion", lastTestFailoverTime: new Date(AT - 10 * 60_000).toISOString() }),
      sweptItem("web-1", { allowedOperations: ["DisableProtection"], protectionState: "UnprotectedStatesBegin" }),
    ];
    const [db, web] = evaluatePlanHealth({ plan: plan(), vaultItems: items, atMs: AT }).items;
    expect(db?.status).toBe("healthy");
    expect(web?.problems).toEqual(["Cannot fail over now (protection state UnprotectedStatesBegin)."]);
  });

  it("warns on an item without RPO and counts its minute as outside the objective", () => {
    const result = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { rpoSeconds: null }), sweptItem("web-1")], atMs: AT });
    expect(result.items[0]).toMatchObject({ status: "warning", problems: ["No RPO reported (no recovery point yet)."] });
    expect(result.state.rpoMinutes.bits).toBe("0");
  });

  it("turns the plan critical when the RPO error budget burns fast, and says why", () => {
    let previous;
    let result;
    for (let minute = 0; minute < 3; minute++) {
      result = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { rpoSeconds: 1200 }), sweptItem("web-1")], previous, atMs: AT + minute * 60_000 });
      previous = result.state;
    }
    expect(result?.status).toBe("critical");
    expect(result?.rpoSlo.burning).toBe(true);
    expect(result?.problems[0]).toMatch(/^RPO error budget burns fast: 100\.0x over 60 min and 100\.0x over 5 min/);
    expect(result?.rpoTrend).toBe("steady");
  });

  it("follows the RPO trend over the last sweeps", () => {
    let previous;
    let result;
    for (const [minute, rpo] of [30, 90, 150, 210].entries()) {
      result = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { rpoSeconds: rpo }), sweptItem("web-1", { rpoSeconds: 10 })], previous, atMs: AT + minute * 60_000 });
      previous = result.state;
    }
    expect(result?.rpoTrend).toBe("rising");
  });

  it("is unknown when the vault could not be read, and keeps the RPO history as it was", () => {
    const first = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1"), sweptItem("web-1")], atMs: AT });
    const result = evaluatePlanHealth({ plan: plan(), vaultItems: [], readError: "429 TooManyRequests", previous: first.state, atMs: AT + 60_000 });
    expect(result).toMatchObject({ status: "unknown", problems: ["The vault could not be read: 429 TooManyRequests"] });
    expect(result.state).toBe(first.state);
    expect(result.items.every((item) => item.status === "unknown")).toBe(true);
  });
});
