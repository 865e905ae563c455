// The drill report's figures and verdict, built from hand-checkable evidence.
import { buildDrillReport, type BuildReportInput } from "../../../functions/core/drill/build-report";
import type { PastDrill } from "../../../functions/core/drill/trend";
import { drillPlanFixture, evidenceFixture, min, operationFixture } from "./report-fixtures";

function build(overrides: Partial<BuildReportInput> = {}) {
  return buildDrillReport({
    plan: drillPlanFixture(),
    operation: operationFixture(),
    evidence: evidenceFixture(),
    history: [],
    endedAtMs: min(22),
    reportUrl: "/api/v1/drills/drill-1/report.html",
    ...overrides,
  });
}

describe("drill report figures", () => {
  it("measures each group from its first item start to its last item end", () => {
    const report = build();
    expect(report.groups.map((group) => [group.name, group.durationSeconds])).toEqual([
      ["db", 540],
      ["app", 420],
    ]);
  });

  it("measures the RTO as the timeline's span from the first test failover to the last probe, cleanup excluded", () => {
    const report = build();
    expect(report.rtoSeconds).toBe(17 * 60);
    expect(report.timeline.spanSeconds).toBe(17 * 60);
    expect(report.timeline.entries.map((entry) => entry.kind)).toEqual(["group", "group", "probe", "cleanup"]);
    expect(report.timeline.recoveredAt).toBe(new Date(min(17)).toISOString());
  });

  it("gives each item's RPO as its recovery point's age when its test failover began", () => {
    const report = build();
    expect(report.items.map((item) => [item.item, item.rpoSeconds])).toEqual([
      ["db-1", 240],
      ["app-1", 360],
      ["app-2", 120],
    ]);
    expect(report.checks.find((check) => check.objective === "rpo")).toMatchObject({ passed: true, measuredSeconds: 360 });
  });

  it("passes when everything worked and the figures are within the objectives", () => {
    const report = build();
    expect(report.status).toBe("succeeded");
    expect(report.failures).toEqual([]);
    expect(report.cleanup).toBe("succeeded");
    expect(report.steps.every((step) => step.status !== "pending")).toBe(true);
  });
});

describe("drill report verdict", () => {
  it("fails on a failed probe, naming it with its answer", () => {
    const evidence = evidenceFixture();
    evidence.probes = [{ ...(evidence.probes[0] as (typeof evidence.probes)[0]), passed: false, statusCode: 503, message: "answered 503" }];
    const report = build({ evidence });
    expect(report.status).toBe("failed");
    expect(report.probesFailed).toBe(1);
    expect(report.failures).toEqual(["Probe app answers failed: answered 503."]);
  });

  it("fails when an item's test failover was skipped, naming the item and why: a copy this drill did not make proves nothing", () => {
    const evidence = evidenceFixture();
    const skipped = evidence.items[2] as (typeof evidence.items)[0];
    evidence.items[2] = { item: skipped.item, group: skipped.group, status: "skipped", startedAtMs: skipped.startedAtMs, endedAtMs: skipped.startedAtMs, error: { code: "Skipped", message: "test failover already done, waiting for cleanup", item: skipped.item } };
    const report = build({ evidence });
    expect(report.status).toBe("failed");
    expect(report.failures).toEqual([`Test failover of ${skipped.item} did not run: test failover already done, waiting for cleanup.`]);
  });

  it("fails when cleanup left test failovers, naming the items", () => {
    const evidence = evidenceFixture();
    evidence.cleanup = { ...evidence.cleanup, attempts: 2, leftovers: ["app-2"], failures: [{ code: "70038", message: "boom", item: "app-2" }] };
    const report = build({ evidence });
    expect(report.status).toBe("failed");
    expect(report.cleanup).toBe("failed");
    expect(report.cleanupVerification).toMatchObject({ clean: false, leftovers: ["app-2"], attempts: 2 });
    expect(report.failures).toEqual(["Cleanup left test failovers on app-2 after 2 attempt(s)."]);
  });

  it("fails when the cleanup could not be verified", () => {
    const evidence = evidenceFixture();
    evidence.cleanup = { ...evidence.cleanup, verified: false };
    expect(build({ evidence }).failures).toEqual(["Cleanup could not be verified against Site Recovery."]);
  });

  it("fails when an item's RPO is over the objective", () => {
    const evidence = evidenceFixture();
    (evidence.items[0] as { recoveryPointTimeMs: number }).recoveryPointTimeMs = min(-20);
    const report = build({ evidence });
    expect(report.status).toBe("failed");
    expect(report.failures).toEqual(["RPO over 900 s on db-1."]);
  });

  it("is canceled when the drill was canceled, whatever else", () => {
    const evidence = evidenceFixture();
    evidence.canceled = true;
    expect(build({ evidence }).status).toBe("canceled");
  });
});

describe("RTO trend and regression", () => {
  const earlier: PastDrill[] = [
    { drillId: "drill-0", startedAt: new Date(min(-20000)).toISOString(), groups: [{ name: "db", durationSeconds: 600 }, { name: "app", durationSeconds: 300 }] },
    { drillId: "drill-00", startedAt: new Date(min(-30000)).toISOString(), groups: [{ name: "db", durationSeconds: 700 }, { name: "app", durationSeconds: 200 }] },
  ];

  it("shows each group's durations oldest first and the change from the previous drill", () => {
    const report = build({ history: earlier });
    expect(report.trend).toEqual([
      { group: "db", points: [expect.objectContaining({ seconds: 700 }), expect.objectContaining({ seconds: 600 }), expect.objectContaining({ drillId: "drill-1", seconds: 540 })], changeSeconds: -60 },
      { group: "app", points: [expect.objectContaining({ seconds: 200 }), expect.objectContaining({ seconds: 300 }), expect.objectContaining({ drillId: "drill-1", seconds: 420 })], changeSeconds: 120 },
    ]);
    expect(report.slowerGroups).toEqual(["app"]);
    expect(report.status).toBe("succeeded");
  });

  it("fails a drill over its RTO budget and names the tier that got slower", () => {
    const report = build({ plan: drillPlanFixture(900), history: earlier });
    expect(report.status).toBe("failed");
    expect(report.failures).toEqual(["RTO 1020 s is over the budget of 900 s. Slower than the previous drill: app (+120 s)."]);
  });

  it("names the slowest tier when none got slower", () => {
    const report = build({ plan: drillPlanFixture(900) });
    expect(report.failures).toEqual(["RTO 1020 s is over the budget of 900 s. No group got slower than in the previous drill; the slowest is db (540 s)."]);
  });

  it("ignores its own earlier copy in the history (the report activity may run twice)", () => {
    const self: PastDrill = { drillId: "drill-1", startedAt: new Date(min(0)).toISOString(), groups: [{ name: "app", durationSeconds: 1 }] };
    expect(build({ history: [self] }).trend.every((entry) => entry.changeSeconds === undefined)).toBe(true);
  });
});
