// Replication simulated from the clock: RPO drift, stalls during outages, initial replication, recovery points.
import { loadEstate } from "../../../local/estates/load-estate";
import { createClock } from "../../../local/clock/clock";
import { recoveryPointsOf } from "../../../local/arm/site-recovery/recovery-points";
import { driftingRpo, replicationOf } from "../../../local/arm/site-recovery/replication";
import { SiteRecoveryStore } from "../../../local/arm/site-recovery/store";
import { RegionOutages } from "../../../local/arm/world/regions";

describe("replication", () => {
  const start = Date.UTC(2026, 0, 1);
  const item = () => new SiteRecoveryStore(loadEstate("shop"), createClock({ mode: "virtual", originMs: start })).allItems()[0];

  it("keeps the RPO between 60% and 140% of the item's typical value, and moves it", () => {
    const subject = item();
    const values = Array.from({ length: 40 }, (_, minute) => driftingRpo(subject, start + minute * 60_000));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(Math.floor(subject.baseRpoSeconds * 0.6));
    expect(Math.max(...values)).toBeLessThanOrEqual(Math.ceil(subject.baseRpoSeconds * 1.4));
    expect(new Set(values).size).toBeGreaterThan(5);
  });

  it("stalls during an outage of the source region: Critical, RPO growing with time", () => {
    const subject = item();
    const outages = new RegionOutages();
    outages.start("eastus", start);
    const after = (minutes: number) => replicationOf(subject, start + minutes * 60_000, outages);
    expect(after(10).health).toBe("Critical");
    expect(after(20).rpoSeconds! - after(10).rpoSeconds!).toBe(600);
    expect(after(10).healthErrors[0].errorCode).toBe("SourceRegionUnavailable");
  });

  it("reports initial replication progress without an RPO, then becomes Protected", () => {
    const subject = item();
    subject.stage = "InitialReplication";
    subject.initialReplication = { startMs: start, endMs: start + 100 * 60_000 };
    const outages = new RegionOutages();
    const halfway = replicationOf(subject, start + 50 * 60_000, outages);
    expect([halfway.health, halfway.rpoSeconds, halfway.initialReplicationPercent]).toEqual(["Warning", undefined, 50]);
    const done = replicationOf(subject, start + 101 * 60_000, outages);
    expect([subject.stage, done.health, typeof done.rpoSeconds]).toEqual(["Protected", "Normal", "number"]);
    // No point predates the end of initial replication: the old direction's points are gone.
    expect(recoveryPointsOf(subject, start + 101 * 60_000, outages).every((point) => point.timeMs >= start + 100 * 60_000)).toBe(true);
    expect(recoveryPointsOf(subject, start + 130 * 60_000, outages).length).toBeGreaterThan(3);
  });

  it("keeps recovery points at the crash-consistent frequency for the history window, app-consistent every hour", () => {
    const subject = item();
    const points = recoveryPointsOf(subject, start, new RegionOutages());
    expect(points.length).toBe(288);
    expect(points[0].timeMs - points[1].timeMs).toBe(5 * 60_000);
    expect(points.filter((point) => point.type === "ApplicationConsistent")).toHaveLength(24);
  });
});
