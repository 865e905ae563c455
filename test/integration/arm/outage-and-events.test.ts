// A region outage through the control API, observed as the app sees it: Resource Health events delivered to a
// webhook subscriber, items turning Critical, app endpoints and Traffic Manager going down, failover still working.
// Also the Event Grid topic itself, driven by the real EventGridPublisherClient.
import { AzureKeyCredential, EventGridPublisherClient } from "@azure/eventgrid";
import { FAST_POLL, type Lab, startLab } from "./harness";
import { type Webhook, startWebhook } from "./webhook";

interface HealthEvent {
  eventType: string;
  subject: string;
  data: { resourceInfo: { properties: { availabilityState: string; previousAvailabilityState: string; targetResourceId: string } } };
}

describe("region outage", () => {
  let lab: Lab;
  let hook: Webhook;
  let cloudHook: Webhook;
  beforeAll(async () => {
    lab = await startLab();
    hook = await startWebhook();
    cloudHook = await startWebhook();
  });
  afterAll(async () => {
    await lab.emulator.stop();
    await hook.close();
    await cloudHook.close();
  });

  it("registers a subscriber only after the validation handshake", async () => {
    const refusing = await startWebhook({ answerHandshake: false });
    try {
      const refused = await lab.control<{ error: { code: string } }>("POST", "/_emulator/eventgrid/subscriptions", { name: "bad-hook", endpoint: refusing.url });
      expect(refused).toMatchObject({ status: 400, body: { error: { code: "SubscriptionValidationFailed" } } });
      expect(refusing.handshakes).toBe(1);
    } finally {
      await refusing.close();
    }
    const created = await lab.control("POST", "/_emulator/eventgrid/subscriptions", {
      name: "resource-health",
      endpoint: hook.url,
      eventTypes: ["Microsoft.ResourceHealth.AvailabilityStatusChanged"],
    });
    expect(created.status).toBe(201);
    expect(hook.handshakes).toBe(1);
    const asCloudEvents = await lab.control("POST", "/_emulator/eventgrid/subscriptions", {
      name: "resource-health-ce",
      endpoint: cloudHook.url,
      eventTypes: ["Microsoft.ResourceHealth.AvailabilityStatusChanged"],
      deliverySchema: "CloudEventSchemaV1_0",
    });
    expect(asCloudEvents.status).toBe(201);
    expect((await lab.control("POST", "/_emulator/eventgrid/subscriptions", { name: "odd-schema", endpoint: cloudHook.url, deliverySchema: "Custom" })).status).toBe(400);
  });

  it("sends Resource Health events, turns primary items Critical and the primary app down, and lets failover proceed", async () => {
    const outage = await lab.control<{ affectedVms: string[] }>("POST", "/_emulator/regions/eastus/outage");
    expect(outage.status).toBe(200);
    expect(outage.body.affectedVms).toHaveLength(6);
    await hook.waitFor(6);
    const events = hook.received.map((delivery) => (delivery.body as HealthEvent[])[0]);
    expect(events.every((event) => event.eventType === "Microsoft.ResourceHealth.AvailabilityStatusChanged")).toBe(true);
    expect(events.map((event) => event.data.resourceInfo.properties.availabilityState)).toEqual(Array(6).fill("Unavailable"));
    expect(events.map((event) => event.subject).sort()).toEqual([...outage.body.affectedVms].sort());
    expect(hook.received[0].headers["aeg-event-type"]).toBe("Notification");
    await cloudHook.waitFor(6);
    expect(cloudHook.received[0].headers["content-type"]).toMatch(/^application\/cloudevents\+json/);
    expect(cloudHook.received[0].body).toMatchObject({
      specversion: "1.0",
      type: "Microsoft.ResourceHealth.AvailabilityStatusChanged",
      source: `/subscriptions/${lab.estate.subscriptionId}`,
      data: { resourceInfo: { properties: { availabilityState: "Unavailable" } } },
    });

    const vm = lab.item("shop-web-1");
    const item = await lab.getItem(vm);
    expect(item.properties!.replicationHealth).toBe("Critical");
    expect(item.properties!.healthErrors![0]).toMatchObject({ errorCode: "SourceRegionUnavailable", errorLevel: "Error" });
    const rpoAtStart = (item.properties!.providerSpecificDetails as unknown as { rpoInSeconds: number }).rpoInSeconds;
    await lab.advanceMinutes(10);
    const later = await lab.getItem(vm);
    expect((later.properties!.providerSpecificDetails as unknown as { rpoInSeconds: number }).rpoInSeconds).toBeGreaterThanOrEqual(rpoAtStart + 540);

    expect((await fetch(`${lab.emulator.url}/_emulator/apps/web/eastus`)).status).toBe(503);
    const primary = await lab.clients.trafficManager.endpoints.get(lab.rg, "shop-tm", "AzureEndpoints", "shop-primary");
    expect(primary.endpointMonitorStatus).toBe("Degraded");

    const webItems = lab.estate.protectedItems.filter((candidate) => candidate.tier === "web");
    const pollers = await Promise.all(
      webItems.map((candidate) =>
        lab.clients.siteRecovery.replicationProtectedItems.beginUnplannedFailover(candidate.vault, lab.rg, candidate.fabric, candidate.container, candidate.name, {
          properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "NotRequired" },
        }, FAST_POLL),
      ),
    );
    await lab.advanceMinutes(10);
    for (const poller of pollers) expect((await poller.pollUntilDone()).properties!.activeLocation).toBe("Recovery");
    expect((await fetch(`${lab.emulator.url}/_emulator/apps/web/westus`)).status).toBe(200);
    const standby = await lab.clients.trafficManager.endpoints.get(lab.rg, "shop-tm", "AzureEndpoints", "shop-standby");
    expect(standby.endpointMonitorStatus).toBe("Online");
  });

  it("restores the region: Available events for the VMs still there, replication healthy again", async () => {
    const before = hook.received.length;
    const restored = await lab.control<{ affectedVms: string[]; changed: boolean }>("POST", "/_emulator/regions/eastus/restore");
    expect(restored.body.changed).toBe(true);
    expect(restored.body.affectedVms).toHaveLength(4);
    await hook.waitFor(before + 4);
    const events = hook.received.slice(before).map((delivery) => (delivery.body as HealthEvent[])[0]);
    expect(events.map((event) => event.data.resourceInfo.properties.availabilityState)).toEqual(Array(4).fill("Available"));
    expect((await lab.getItem(lab.item("shop-db-1"))).properties!.replicationHealth).toBe("Normal");
    const recorded = await lab.control<{ type: string }[]>("GET", "/_emulator/eventgrid/events?type=Microsoft.ResourceHealth.AvailabilityStatusChanged");
    expect(recorded.body).toHaveLength(10);
  });
});

describe("outage of the recovery region", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());

  it("stalls replication into it and fails a test failover there with the job's error", async () => {
    await lab.control("POST", "/_emulator/regions/westus/outage");
    const vm = lab.item("shop-app-1");
    const item = await lab.getItem(vm);
    expect(item.properties).toMatchObject({ replicationHealth: "Critical", healthErrors: [{ errorCode: "TargetRegionUnavailable" }] });
    const poller = await lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    }, FAST_POLL);
    const jobName = (await lab.getItem(vm)).properties!.currentScenario!.jobId!.split("/").pop()!;
    await lab.advanceMinutes(10);
    await expect(poller.pollUntilDone()).rejects.toThrow(/failed/i);
    const job = await lab.clients.siteRecovery.replicationJobs.get(vm.vault, lab.rg, jobName);
    expect(job.properties!.errors![0].serviceErrorDetails!.code).toBe("RecoveryRegionUnavailable");
    await lab.control("POST", "/_emulator/regions/westus/restore");
    expect((await lab.getItem(vm)).properties!.replicationHealth).toBe("Normal");
  });
});

describe("Event Grid topic", () => {
  let lab: Lab;
  let hook: Webhook;
  beforeAll(async () => {
    lab = await startLab({ eventGridKey: "key-from-options" });
    hook = await startWebhook();
    await lab.control("POST", "/_emulator/eventgrid/subscriptions", { name: "all-events", endpoint: hook.url });
  });
  afterAll(async () => {
    await lab.emulator.stop();
    await hook.close();
  });

  it("accepts CloudEvents from the real publisher client with the key, records and delivers them", async () => {
    expect(lab.estate.eventGrid).toEqual({ endpoint: `${lab.emulator.url}/api/events`, key: "key-from-options" });
    const client = new EventGridPublisherClient(lab.estate.eventGrid.endpoint, "CloudEvent", new AzureKeyCredential(lab.estate.eventGrid.key), { allowInsecureConnection: true });
    await client.send([{ type: "Standby.Operation.Started", source: "/standby/plans/shop", data: { operation: "op-1" } }]);
    await hook.waitFor(1);
    expect(hook.received[0].headers["content-type"]).toMatch(/^application\/cloudevents\+json/);
    expect(hook.received[0].body).toMatchObject({ specversion: "1.0", type: "Standby.Operation.Started", source: "/standby/plans/shop", data: { operation: "op-1" } });
    const recorded = await lab.control<{ schema: string; type: string; deliveries: { status: string }[] }[]>("GET", "/_emulator/eventgrid/events");
    expect(recorded.body[0]).toMatchObject({ schema: "CloudEventSchemaV1_0", type: "Standby.Operation.Started", deliveries: [{ status: "delivered" }] });
  });

  it("accepts Event Grid schema events and refuses a wrong key or a malformed event", async () => {
    const client = new EventGridPublisherClient(lab.estate.eventGrid.endpoint, "EventGrid", new AzureKeyCredential(lab.estate.eventGrid.key), { allowInsecureConnection: true });
    await client.send([{ eventType: "Custom.Thing", subject: "/things/1", dataVersion: "1", data: { n: 1 } }]);
    await hook.waitFor(2);
    expect(hook.received[1].body).toMatchObject([{ eventType: "Custom.Thing", subject: "/things/1" }]);
    const wrongKey = new EventGridPublisherClient(lab.estate.eventGrid.endpoint, "CloudEvent", new AzureKeyCredential("not-the-key"), { allowInsecureConnection: true });
    await expect(wrongKey.send([{ type: "X", source: "/x", data: {} }])).rejects.toMatchObject({ statusCode: 401 });
    const malformed = await fetch(lab.estate.eventGrid.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/cloudevents-batch+json", "aeg-sas-key": lab.estate.eventGrid.key },
      body: JSON.stringify([{ specversion: "1.0", type: "no.id.or.source" }]),
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("BadRequest");
  });
});
