// Event Grid delivery end to end with real parts: the ARM emulator's topic subscribes the host's webhook (its
// validation handshake runs against the host), events are published with the real EventGridPublisherClient, and the
// topic delivers them to the app's Event Grid function through the host.
import { AzureKeyCredential, EventGridPublisherClient } from "@azure/eventgrid";
import { startArmEmulator, type RunningArmEmulator } from "../../../local/arm/emulator";
import { call, KEYS, spawnHost, type HostProcess } from "./host-process";

let emulator: RunningArmEmulator;
let host: HostProcess;

beforeAll(async () => {
  emulator = await startArmEmulator({ estate: "shop", clock: { mode: "virtual" } });
  host = await spawnHost({ engine: "fake" });
});
afterAll(async () => {
  await host?.stop();
  await emulator?.stop();
});

describe("Event Grid topic to the host's webhook", () => {
  it("passes the subscription handshake and delivers published CloudEvents and Event Grid events to the function", async () => {
    const endpoint = `${host.url}/runtime/webhooks/eventgrid?functionName=onAlert&code=${KEYS.system}`;
    const subscribe = await call(`${emulator.url}/_emulator/eventgrid/subscriptions`, { method: "POST", json: { name: "host-on-alert", endpoint } });
    expect(subscribe.status).toBeLessThan(300);

    const topicKey = new AzureKeyCredential(emulator.estate.eventGridKey ?? "local-topic-key");
    const cloud = new EventGridPublisherClient(`${emulator.url}/api/events`, "CloudEvent", topicKey, { allowInsecureConnection: true });
    await cloud.send([{ type: "Standby.Operation.Started", source: "/standby/plans/shop", id: "cloud-1", data: { plan: "shop" } }]);
    const grid = new EventGridPublisherClient(`${emulator.url}/api/events`, "EventGrid", topicKey, { allowInsecureConnection: true });
    await grid.send([{ eventType: "Microsoft.ResourceHealth.ResourceAnnotated", subject: "/vm/web-1", dataVersion: "1", id: "grid-1", data: { state: "Unavailable" } }]);

    const deadline = Date.now() + 20_000;
    let received: { id: string; data: unknown }[] = [];
    while (Date.now() < deadline) {
      received = ((await call(`${host.url}/api/observed`)).body as { events: { id: string; data: unknown }[] }).events;
      if (received.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received.map((event) => event.id).sort()).toEqual(["cloud-1", "grid-1"]);
    expect(received.find((event) => event.id === "grid-1")?.data).toEqual({ state: "Unavailable" });
  });

  it("makes the subscription fail when the webhook's key is wrong", async () => {
    const endpoint = `${host.url}/runtime/webhooks/eventgrid?functionName=onAlert&code=wrong`;
    const subscribe = await call(`${emulator.url}/_emulator/eventgrid/subscriptions`, { method: "POST", json: { name: "bad-key", endpoint } });
    expect(subscribe.status).toBeGreaterThanOrEqual(400);
  });
});
