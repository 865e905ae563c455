// Traffic Manager through the real client: nested properties on the wire, disable/enable, the priority conflict,
// new endpoints, and monitor status that follows where the app runs.
import type { Endpoint } from "@azure/arm-trafficmanager";
import { FAST_POLL, type Lab, expectRestError, startLab } from "./harness";

describe("Traffic Manager", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());

  const profileName = (): string => lab.estate.trafficManagerProfiles[0].name;
  const endpoint = async (name: string): Promise<Endpoint> => lab.clients.trafficManager.endpoints.get(lab.rg, profileName(), "AzureEndpoints", name);

  it("reads the profile with Priority routing and a primary and a standby endpoint", async () => {
    const profile = await lab.clients.trafficManager.profiles.get(lab.rg, profileName());
    expect(profile).toMatchObject({ trafficRoutingMethod: "Priority", profileStatus: "Enabled", location: "global" });
    expect(profile.id).toMatch(/^\/subscriptions\//);
    expect(profile.endpoints!.map((entry) => [entry.name, entry.priority, entry.endpointMonitorStatus])).toEqual([
      ["shop-primary", 1, "Online"],
      ["shop-standby", 2, "Degraded"],
    ]);
    expect(profile.endpoints![0].type!.toLowerCase()).toBe("microsoft.network/trafficmanagerprofiles/azureendpoints");
    const inGroup = [];
    for await (const entry of lab.clients.trafficManager.profiles.listByResourceGroup(lab.rg)) inGroup.push(entry.name);
    const inSubscription = [];
    for await (const entry of lab.clients.trafficManager.profiles.listBySubscription()) inSubscription.push(entry.name);
    expect([inGroup, inSubscription]).toEqual([[profileName()], [profileName()]]);
  });

  it("disables and re-enables an endpoint with a PATCH of nested properties", async () => {
    const sent: string[] = [];
    lab.clients.trafficManager.pipeline.addPolicy({
      name: "recordPatchBodies",
      sendRequest: async (request, next) => {
        if (request.method === "PATCH") sent.push(String(request.body));
        return next(request);
      },
    });
    const disabled = await lab.clients.trafficManager.endpoints.update(lab.rg, profileName(), "AzureEndpoints", "shop-primary", { endpointStatus: "Disabled" });
    expect(disabled).toMatchObject({ endpointStatus: "Disabled", endpointMonitorStatus: "Disabled", priority: 1 });
    expect(JSON.parse(sent[0])).toEqual({ properties: { endpointStatus: "Disabled" } });
    expect((await lab.clients.trafficManager.profiles.get(lab.rg, profileName())).monitorConfig!.profileMonitorStatus).toBe("Degraded");
    const enabled = await lab.clients.trafficManager.endpoints.update(lab.rg, profileName(), "AzureEndpoints", "shop-primary", { endpointStatus: "Enabled" });
    expect(enabled).toMatchObject({ endpointStatus: "Enabled", endpointMonitorStatus: "Online" });
  });

  it("refuses a priority that another endpoint holds and changes nothing", async () => {
    const conflict = await expectRestError(lab.clients.trafficManager.endpoints.update(lab.rg, profileName(), "AzureEndpoints", "shop-standby", { priority: 1 }));
    expect(conflict).toMatchObject({ statusCode: 400, code: "EndpointPriorityConflict" });
    expect((await endpoint("shop-standby")).priority).toBe(2);
    const outOfRange = await expectRestError(lab.clients.trafficManager.endpoints.update(lab.rg, profileName(), "AzureEndpoints", "shop-standby", { priority: 1001 }));
    expect(outOfRange).toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    const swapped = await lab.clients.trafficManager.endpoints.update(lab.rg, profileName(), "AzureEndpoints", "shop-standby", { priority: 3 });
    expect(swapped.priority).toBe(3);
  });

  it("creates an endpoint with PUT (201) that reports CheckingEndpoint until the first probe interval", async () => {
    const created = await lab.clients.trafficManager.endpoints.createOrUpdate(lab.rg, profileName(), "ExternalEndpoints", "shop-extra", {
      target: "shop-web-westus.westus.cloudapp.azure.com",
      endpointStatus: "Enabled",
      priority: 10,
    });
    expect(created).toMatchObject({ endpointMonitorStatus: "CheckingEndpoint", weight: 1, priority: 10 });
    await lab.advanceMinutes(1);
    const probed = await lab.clients.trafficManager.endpoints.get(lab.rg, profileName(), "ExternalEndpoints", "shop-extra");
    expect(probed.endpointMonitorStatus).toBe("Degraded");
    const duplicate = await expectRestError(
      lab.clients.trafficManager.endpoints.createOrUpdate(lab.rg, profileName(), "ExternalEndpoints", "shop-extra-2", { target: "x.example", priority: 10 }),
    );
    expect(duplicate).toMatchObject({ statusCode: 400, code: "EndpointPriorityConflict" });
  });

  it("follows the app: after the web tier fails over, the standby turns Online and the primary Degraded", async () => {
    const items = lab.estate.protectedItems.filter((item) => item.tier === "web");
    const pollers = await Promise.all(
      items.map((item) =>
        lab.clients.siteRecovery.replicationProtectedItems.beginUnplannedFailover(item.vault, lab.rg, item.fabric, item.container, item.name, {
          properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "Required" },
        }, FAST_POLL),
      ),
    );
    await lab.advanceMinutes(10);
    await Promise.all(pollers.map((poller) => poller.pollUntilDone()));
    expect((await endpoint("shop-primary")).endpointMonitorStatus).toBe("Degraded");
    expect((await endpoint("shop-standby")).endpointMonitorStatus).toBe("Online");
    expect((await lab.clients.trafficManager.profiles.get(lab.rg, profileName())).monitorConfig!.profileMonitorStatus).toBe("Online");
  });
});
