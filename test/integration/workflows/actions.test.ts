// Plan actions through the real app: a webhook before the first group (a local receiver records the call and its
// idempotency key) and a probe after the last group against the lab's web app in the recovery region, which
// answers 200 only once every web VM runs there. Both URLs pass the app's and the plan's allow-lists.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(600_000);

interface AppView {
  tier: string;
  region: string;
  url: string;
}

let lab: Lab;
let receiver: Server;
const received: { method: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ method: request.method ?? "", headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
});

afterAll(async () => {
  await lab?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

it("calls the webhook once with its idempotency key, and probes the web tier before switching traffic", async () => {
  const estate = (await lab.control<{ apps: AppView[]; protectedItems: { tier: string; recoveryRegion: string }[] }>("GET", "/_emulator/estate")).body;
  const recoveryRegion = estate.protectedItems.find((item) => item.tier === "web")?.recoveryRegion;
  const webApp = estate.apps.find((app) => app.tier === "web" && app.region === recoveryRegion) as AppView;
  expect(webApp).toBeDefined();
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/standby/hook`;

  const plan = await shopPlan(lab);
  const groups = plan.groups as { name: string; items: string[]; before?: unknown[]; after?: unknown[] }[];
  groups[0] = { ...(groups[0] as { name: string; items: string[] }), before: [{ type: "webhook", url: hookUrl, body: { step: "drain" } }] };
  groups[2] = { ...(groups[2] as { name: string; items: string[] }), after: [{ type: "probe", url: webApp.url, expectStatus: 200, retries: 5 }] };
  const put = await api(lab, "PUT", "/plans/shop", { json: { ...plan, allowedHosts: ["127.0.0.1"] } });
  expect(put.status).toBe(201);

  const operation = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "with actions" })).id);
  expect({ status: operation.status, error: operation.error }).toEqual({ status: "succeeded", error: undefined });

  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ method: "POST", body: JSON.stringify({ step: "drain" }) });
  expect(received[0]?.headers["idempotency-key"]).toBe(`${operation.id}/failover/db/before/0`);

  const probe = operation.steps.find((step) => step.id === "failover/web/after/0");
  const traffic = operation.steps.find((step) => step.id === "traffic");
  expect(probe?.status).toBe("succeeded");
  expect(Date.parse(traffic?.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(probe?.endedAt as string));
  expect(trafficChanges(await lab.emulatorRequests())).toHaveLength(1);
});
