// A webhook or probe target that answers with a redirect must not lead the app somewhere its checks never saw (a
// 302 to the metadata service is the classic trick). The real request path is used, not a test fetch: one loopback
// listener redirects, a second one (the redirect's target) counts the connections it gets.
import { createServer, type Server } from "node:http";
import { createOutboundActivities } from "../../../functions/activities/outbound/outbound-activities";

let redirecting: Server;
let target: Server;
let redirectingPort: number;
let targetConnections = 0;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  target = createServer((_request, response) => {
    response.end("reached");
  });
  target.on("connection", () => {
    targetConnections += 1;
  });
  const targetPort = await listen(target);
  redirecting = createServer((_request, response) => {
    response.writeHead(302, { Location: `http://127.0.0.1:${targetPort}/metadata/identity/oauth2/token` });
    response.end();
  });
  redirectingPort = await listen(redirecting);
});

afterAll(async () => {
  // fetch keeps its connections alive; closing them lets the servers stop at once.
  redirecting.closeAllConnections();
  target.closeAllConnections();
  await new Promise((closed) => redirecting.close(closed));
  await new Promise((closed) => target.close(closed));
});

// Loopback stands in for an allowed public host here; what matters is that the redirect is not followed.
const activities = createOutboundActivities({ allowedHosts: ["127.0.0.1"], allowLoopback: true });

it("does not follow a webhook's redirect, and reports the redirect as the answer", async () => {
  const result = await activities.callWebhook({
    action: { type: "webhook", url: `http://127.0.0.1:${redirectingPort}/hook` },
    idempotencyKey: "op/step",
    planAllowedHosts: ["127.0.0.1"],
  });
  expect(result).toEqual({ ok: false, status: 302, problem: `http://127.0.0.1:${redirectingPort}/hook answered 302` });
  expect(targetConnections).toBe(0);
});

it("does not follow a probe's redirect", async () => {
  const result = await activities.probeOnce({ url: `http://127.0.0.1:${redirectingPort}/health`, expectStatus: 200, timeoutSeconds: 5, planAllowedHosts: ["127.0.0.1"] });
  expect(result).toMatchObject({ ok: false, status: 302 });
  expect(targetConnections).toBe(0);
});

it("would count a connection to the target, so the checks above can fail", async () => {
  const probeTarget = await fetch(`http://127.0.0.1:${redirectingPort}/health`);
  expect(probeTarget.status).toBe(200);
  expect(targetConnections).toBeGreaterThan(0);
});
