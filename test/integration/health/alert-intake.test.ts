// Alert intake on the lab: Resource Health events from a simulated region outage reach the `alertIntake` trigger
// through the emulator's Event Grid topic; with a policy of two signals and approval they start one failover that
// waits for approval. A single flapping machine starts nothing, a second outage inside the cooldown starts
// nothing, and bad or unknown events are recorded and ignored without failing the trigger. Azure Monitor alerts in
// the common alert schema are read into signals too.
import type { Operation } from "@standby/client/contract";
import { RESOURCE_HEALTH_EVENT } from "../../../functions/core/alerts/signals";
import { AUTO_FAILOVER_CALLER } from "../../../functions/activities/alerts/auto-failover-starter";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { alertStore, sweepMinutes, until, virtualNow } from "./monitor-lab";

let lab: Lab;
let webhook: string;
let vmIds: Map<string, string>;

interface EstateView {
  subscriptionId: string;
  resourceGroup: string;
  protectedItems: { vmName: string }[];
}

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  plan.autoFailover = { enabled: true, minSignals: 2, windowMinutes: 15, cooldownMinutes: 120, approval: "required" };
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  const estate = (await lab.control<EstateView>("GET", "/_emulator/estate")).body;
  vmIds = new Map(
    estate.protectedItems.map((item) => [item.vmName, `/subscriptions/${estate.subscriptionId}/resourceGroups/${estate.resourceGroup}/providers/Microsoft.Compute/virtualMachines/${item.vmName}`]),
  );
  webhook = `${lab.hostUrl}/runtime/webhooks/eventgrid?functionName=alertIntake&code=${lab.masterKey}`;
  const subscribed = await lab.control("POST", "/_emulator/eventgrid/subscriptions", { name: "alert-intake", endpoint: webhook, eventTypes: [RESOURCE_HEALTH_EVENT] });
  expect(subscribed.status).toBe(201);
  // The intake maps machines to plans from the latest health snapshot.
  await sweepMinutes(lab, "shop", 1);
});

afterAll(async () => {
  await lab?.stop();
});

async function deliver(events: unknown[]): Promise<number> {
  const response = await fetch(webhook, { method: "POST", headers: { "Content-Type": "application/json", "aeg-event-type": "Notification" }, body: JSON.stringify(events) });
  await response.arrayBuffer();
  return response.status;
}

function availability(vmName: string, state: "Available" | "Unavailable", atMs: number, id: string): Record<string, unknown> {
  const vm = vmIds.get(vmName) as string;
  const time = new Date(atMs).toISOString();
  return {
    id,
    subject: vm,
    eventType: RESOURCE_HEALTH_EVENT,
    eventTime: time,
    dataVersion: "1",
    data: { resourceInfo: { id: `${vm}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`, properties: { targetResourceId: vm, availabilityState: state, occurredTime: time, title: `${vmName} ${state}` } } },
  };
}

async function operations(): Promise<Operation[]> {
  return (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop")).body.value;
}

describe("alert intake", () => {
  it("records bad and unknown events as ignored and answers Event Grid with success", async () => {
    const before = (await alertStore(lab).events()).length;
    const bad = [
      { id: "unknown-1", eventType: "Microsoft.Storage.BlobCreated", subject: "x", eventTime: new Date().toISOString(), dataVersion: "1", data: {} },
      { id: "broken-1", eventType: RESOURCE_HEALTH_EVENT, subject: "x", eventTime: new Date().toISOString(), dataVersion: "1", data: { resourceInfo: "nope" } },
      { eventType: RESOURCE_HEALTH_EVENT, data: null },
      { id: "stranger-1", ...availability("shop-db-1", "Unavailable", await virtualNow(lab), "stranger-1"), data: { resourceInfo: { properties: { targetResourceId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachines/elsewhere", availabilityState: "Unavailable" } } } },
    ];
    expect(await deliver(bad)).toBe(202);
    const events = await alertStore(lab).events();
    expect(events).toHaveLength(before + bad.length);
    const ignored = events.filter((event) => event.outcome === "ignored");
    expect(ignored.map((event) => event.reason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/neither a Resource Health event nor an Azure Monitor alert/),
        expect.stringMatching(/must carry data.resourceInfo.properties/),
        expect.stringMatching(/no id/),
        expect.stringMatching(/concerns no plan/),
      ]),
    );
    expect(await operations()).toEqual([]);
  });

  it("starts nothing for a single flapping machine, and says why", async () => {
    const now = await virtualNow(lab);
    const flapping = ["Unavailable", "Available", "Unavailable", "Available", "Unavailable"].map((state, index) =>
      availability("shop-db-1", state as "Available" | "Unavailable", now - (5 - index) * 1000, `flap-${index}`),
    );
    expect(await deliver(flapping)).toBe(202);
    expect(await operations()).toEqual([]);
    const decisions = await alertStore(lab).decisions("shop");
    expect(decisions.length).toBe(flapping.length);
    expect(decisions.every((decision) => decision.action === "none")).toBe(true);
    const last = decisions.find((decision) => decision.trigger.eventId === "flap-4");
    expect(last?.summary).toBe("Not enough independent signals (1 of 2).");
    expect(last?.inputs.signalsRecorded).toBe(5);
  });

  let failover: Operation;

  it("starts one failover waiting for approval when a region outage brings two independent signals", async () => {
    // Past the policy window, so the flapping above no longer counts.
    await sweepMinutes(lab, "shop", 16);
    const outage = await lab.control<{ affectedVms: string[] }>("POST", "/_emulator/regions/eastus/outage");
    expect(outage.body.affectedVms.length).toBeGreaterThanOrEqual(2);
    failover = await until("a failover waiting for approval", async () => {
      const [first] = await operations();
      if (first === undefined) return undefined;
      const read = (await api<Operation>(lab, "GET", `/operations/${first.id}`)).body;
      return read.status === "waitingForApproval" ? read : undefined;
    });
    expect(failover).toMatchObject({ plan: "shop", kind: "failover", startedBy: AUTO_FAILOVER_CALLER });
    expect(failover.reason).toMatch(/^Automatic failover on \d+ independent signals: /);
    expect(failover.pendingApproval?.prompt).toContain("Fail over plan shop?");
    // Every machine's event is handled, and still only one operation exists.
    await until("every outage event handled", async () => ((await alertStore(lab).decisions("shop")).length >= 5 + outage.body.affectedVms.length ? true : undefined));
    expect((await operations()).map((operation) => operation.id)).toEqual([failover.id]);
    const started = (await alertStore(lab).decisions("shop")).filter((decision) => decision.outcome?.started === true);
    expect(started).toHaveLength(1);
    expect(started[0]?.checks.map((check) => check.check)).toEqual(["enabled", "signals", "cooldown", "rpo"]);
  });

  it("starts nothing on a second outage inside the cooldown, even with the plan free again", async () => {
    expect((await api(lab, "POST", `/operations/${failover.id}/reject`, { json: { comment: "not now" } })).status).toBeLessThan(300);
    await until("the rejected failover to end", async () => {
      const read = (await api<Operation>(lab, "GET", `/operations/${failover.id}`)).body;
      return read.status === "waitingForApproval" || read.status === "running" ? undefined : read;
    });
    await lab.control("POST", "/_emulator/regions/eastus/restore");
    await sweepMinutes(lab, "shop", 5);
    const decidedBefore = (await alertStore(lab).decisions("shop")).length;
    const outage = await lab.control<{ affectedVms: string[] }>("POST", "/_emulator/regions/eastus/outage");
    const decisions = await until("the second outage's decisions", async () => {
      const all = await alertStore(lab).decisions("shop");
      return all.length >= decidedBefore + outage.body.affectedVms.length ? all : undefined;
    });
    expect((await operations()).map((operation) => operation.id)).toEqual([failover.id]);
    const cooldown = decisions.filter((decision) => decision.summary.startsWith("Within the cooldown"));
    expect(cooldown.length).toBeGreaterThan(0);
    expect(cooldown[0]?.checks.find((check) => check.check === "cooldown")).toMatchObject({ passed: false });
  });

  it("records an Azure Monitor alert (common alert schema, as a CloudEvent) as signals of the plans whose machines it names", async () => {
    const fired = new Date(await virtualNow(lab)).toISOString();
    const alert = {
      specversion: "1.0",
      id: "monitor-alert-1",
      source: "/subscriptions/sub/providers/Microsoft.AlertsManagement",
      type: "Microsoft.AlertsManagement.Alert.Activated",
      time: fired,
      data: {
        schemaId: "azureMonitorCommonAlertSchema",
        data: { essentials: { alertRule: "Heartbeat lost", monitorCondition: "Fired", alertTargetIDs: [vmIds.get("shop-web-1")], firedDateTime: fired }, alertContext: {} },
      },
    };
    expect(await deliver([alert])).toBe(202);
    const recorded = (await alertStore(lab).events()).find((event) => event.eventId === "monitor-alert-1");
    expect(recorded).toMatchObject({ outcome: "recorded", plans: ["shop"], signals: [expect.objectContaining({ source: "azureMonitor", state: "down" })] });
    const decision = (await alertStore(lab).decisions("shop")).find((candidate) => candidate.trigger.eventId === "monitor-alert-1");
    expect(decision).toMatchObject({ action: "none" });
  });
});
