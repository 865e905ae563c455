// The Standby.Drill.Completed event: CloudEvents 1.0 fields, an id a repeat shares, the verdict and the report URL.
import { createDrillEventActivity, drillCompletedEvent } from "../../../functions/activities/drill/drill-event";

const input = {
  drillId: "drill-1",
  plan: "shop",
  endedAtMs: Date.parse("2026-03-01T03:30:00Z"),
  saved: { status: "failed" as const, failures: ["Probe web failed: answered 503."], reportUrl: "/api/v1/drills/drill-1/report.html", rtoSeconds: 1200 },
};

describe("Standby.Drill.Completed", () => {
  it("carries the verdict, the failures and where the report is, from the plan's source", () => {
    expect(drillCompletedEvent(input)).toEqual({
      type: "Standby.Drill.Completed",
      source: "/standby/plans/shop",
      subject: "drills/drill-1",
      id: "drill-1/Standby.Drill.Completed",
      time: new Date("2026-03-01T03:30:00Z"),
      datacontenttype: "application/json",
      data: { drillId: "drill-1", plan: "shop", status: "failed", rtoSeconds: 1200, failures: ["Probe web failed: answered 503."], reportUrl: "/api/v1/drills/drill-1/report.html" },
    });
  });

  it("is sent with the same id when the activity runs twice, so subscribers can drop the repeat", async () => {
    const sent: unknown[][] = [];
    const publish = createDrillEventActivity({ send: async (events: unknown[]) => void sent.push(events) } as never);
    await publish(input);
    await publish(input);
    expect(sent.map((batch) => (batch[0] as { id: string }).id)).toEqual(["drill-1/Standby.Drill.Completed", "drill-1/Standby.Drill.Completed"]);
  });
});
