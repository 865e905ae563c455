// A drill's inputs for the report tests: a two-group plan, its operation, and evidence whose figures are easy to
// check by hand (times in whole minutes from T0).
import type { Operation, Plan } from "@standby/client/contract";
import type { DrillEvidence } from "../../../functions/core/drill/evidence";

export const T0 = Date.parse("2026-03-01T03:00:00.000Z");
export const min = (minutes: number): number => T0 + minutes * 60_000;

export function drillPlanFixture(rtoBudgetSeconds?: number): Plan {
  return {
    name: "shop",
    vault: { subscriptionId: "s", resourceGroup: "rg", name: "v" },
    objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
    groups: [
      { name: "db", items: ["db-1"] },
      { name: "app", items: ["app-1", "app-2"] },
    ],
    drill: {
      schedule: "0 0 3 * * 0",
      testNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test",
      probes: [{ type: "probe", name: "app answers", url: "https://app.example.com/health" }],
      ...(rtoBudgetSeconds === undefined ? {} : { rtoBudgetSeconds }),
    },
  };
}

export function operationFixture(): Operation {
  return {
    id: "drill-1",
    plan: "shop",
    kind: "drill",
    status: "running",
    startedBy: "tester",
    reason: "weekly",
    createdAt: new Date(min(0)).toISOString(),
    updatedAt: new Date(min(30)).toISOString(),
    steps: [{ id: "drill/db/items/db-1", name: "Test failover of group db", group: "db", item: "db-1", status: "pending" }],
  };
}

/** db 0–9 min, app 9–16 min, probe 16–17 min, cleanup 17–21 min; recovery points 4, 6 and 2 minutes old. */
export function evidenceFixture(): DrillEvidence {
  return {
    items: [
      { item: "db-1", group: "db", status: "succeeded", startedAtMs: min(0), endedAtMs: min(9), jobId: "j1", recoveryPointTimeMs: min(-4) },
      { item: "app-1", group: "app", status: "succeeded", startedAtMs: min(9), endedAtMs: min(15), jobId: "j2", recoveryPointTimeMs: min(3) },
      { item: "app-2", group: "app", status: "succeeded", startedAtMs: min(9), endedAtMs: min(16), jobId: "j3", recoveryPointTimeMs: min(7) },
    ],
    probes: [{ name: "app answers", url: "https://app.example.com/health", passed: true, attempts: 1, startedAtMs: min(16), endedAtMs: min(17), statusCode: 200 }],
    cleanup: { attempts: 1, startedAtMs: min(17), endedAtMs: min(21), leftovers: [], failures: [], verified: true },
    canceled: false,
  };
}
