import { readAlertEvent, RESOURCE_HEALTH_EVENT } from "../../../functions/core/alerts/signals";
import { vmId } from "./fixtures";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const EARLIER = new Date(NOW - 30_000).toISOString();

function resourceHealth(state: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "event-1",
    subject: vmId("vm-db-1"),
    eventType: RESOURCE_HEALTH_EVENT,
    eventTime: EARLIER,
    dataVersion: "1",
    data: {
      resourceInfo: {
        id: `${vmId("vm-db-1")}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
        properties: { targetResourceId: vmId("vm-DB-1"), availabilityState: state, occuredTime: EARLIER, title: "Platform issue", region: "EastUS", ...extra },
      },
    },
  };
}

function commonAlert(condition: string, essentials: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: "1.0",
    id: "alert-event-1",
    source: "/subscriptions/sub-1/providers/Microsoft.AlertsManagement",
    type: "Microsoft.AlertsManagement.Alert.Activated",
    time: EARLIER,
    data: {
      schemaId: "azureMonitorCommonAlertSchema",
      data: {
        essentials: {
          alertRule: "Heartbeat lost",
          monitorCondition: condition,
          alertTargetIDs: [vmId("vm-db-1"), vmId("vm-web-1")],
          firedDateTime: EARLIER,
          description: "No heartbeat for 5 min",
          ...essentials,
        },
        alertContext: {},
      },
    },
  };
}

describe("alert events read into signals", () => {
  it("read a Resource Health event (Event Grid schema) as a down signal about the machine, at the time it occurred", () => {
    expect(readAlertEvent(resourceHealth("Unavailable"), NOW)).toEqual({
      accepted: true,
      eventType: RESOURCE_HEALTH_EVENT,
      signals: [
        {
          eventId: "event-1",
          source: "resourceHealth",
          key: `resourceHealth:${vmId("vm-db-1").toLowerCase()}`,
          resourceId: vmId("vm-db-1").toLowerCase(),
          region: "eastus",
          state: "down",
          atMs: NOW - 30_000,
          summary: "Unavailable: Platform issue",
        },
      ],
    });
  });

  it("read Degraded as down and Available as up", () => {
    const degraded = readAlertEvent(resourceHealth("Degraded"), NOW);
    const available = readAlertEvent(resourceHealth("Available"), NOW);
    expect(degraded.accepted && degraded.signals[0]?.state).toBe("down");
    expect(available.accepted && available.signals[0]?.state).toBe("up");
  });

  it("read an Azure Monitor alert (common alert schema, CloudEvents) as one signal per target", () => {
    const reading = readAlertEvent(commonAlert("Fired"), NOW);
    expect(reading.accepted).toBe(true);
    if (!reading.accepted) return;
    expect(reading.signals.map((signal) => [signal.key, signal.state])).toEqual([
      [`azureMonitor:heartbeat lost:${vmId("vm-db-1").toLowerCase()}`, "down"],
      [`azureMonitor:heartbeat lost:${vmId("vm-web-1").toLowerCase()}`, "down"],
    ]);
    expect(reading.signals[0]?.summary).toBe("Heartbeat lost fired: No heartbeat for 5 min");
    const resolved = readAlertEvent(commonAlert("Resolved", { resolvedDateTime: EARLIER }), NOW);
    expect(resolved.accepted && resolved.signals.every((signal) => signal.state === "up")).toBe(true);
  });

  it("read a region-wide alert without targets as a signal about the region", () => {
    const reading = readAlertEvent(commonAlert("Fired", { alertTargetIDs: [], targetResourceRegion: "WestUS" }), NOW);
    expect(reading.accepted && reading.signals).toEqual([expect.objectContaining({ key: "azureMonitor:heartbeat lost:westus", region: "westus" })]);
    expect(reading.accepted && reading.signals[0]?.resourceId).toBeUndefined();
  });

  it.each([
    ["not an object", "oops", /not a JSON object/],
    ["no type", { id: "x", data: {} }, /no eventType/],
    ["no id", { eventType: RESOURCE_HEALTH_EVENT, data: {} }, /no id/],
    ["an unrelated event", { id: "x", eventType: "Microsoft.Storage.BlobCreated", data: {} }, /neither a Resource Health event nor an Azure Monitor alert/],
    ["Resource Health without properties", { id: "x", eventType: RESOURCE_HEALTH_EVENT, data: { resourceInfo: {} } }, /must carry data.resourceInfo.properties/],
    ["Resource Health without a target", resourceHealth("Unavailable", { targetResourceId: undefined }), /targetResourceId/],
    ["Resource Health Unknown", resourceHealth("Unknown"), /says nothing about an outage/],
    ["an alert without condition", commonAlert("Acknowledged"), /Fired or Resolved/],
    ["an alert without targets", commonAlert("Fired", { alertTargetIDs: "all" }), /must name its targets/],
  ])("refuse %s with a reason", (_name, event, reason) => {
    const reading = readAlertEvent(event, NOW);
    expect(reading.accepted).toBe(false);
    expect(!reading.accepted && reading.reason).toMatch(reason);
  });

  it("fall back to the arrival time when the event carries none, and clip what it quotes", () => {
    const event = resourceHealth("Unavailable", { occuredTime: undefined, title: `bad\u0000${"x".repeat(400)}` });
    delete event.eventTime;
    const reading = readAlertEvent(event, NOW);
    expect(reading.accepted && reading.signals[0]?.atMs).toBe(NOW);
    expect(reading.accepted && reading.signals[0]?.summary.length).toBeLessThanOrEqual(301);
    expect(reading.accepted && reading.signals[0]?.summary).not.toContain("\u0000");
  });
});
