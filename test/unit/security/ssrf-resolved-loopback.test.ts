// In production (no loopback targets), an allowed name that resolves to a loopback address must not be called:
// the local machine's services are as much an SSRF target as the metadata service.
import { createOutboundActivities } from "../../../functions/activities/outbound/outbound-activities";

it.each([["127.0.0.1"], ["127.1.2.3"], ["::1"], ["::ffff:127.0.0.1"]])("refuses an allowed name that resolves to %s", async (address) => {
  const calls: string[] = [];
  const activities = createOutboundActivities({
    allowedHosts: ["hooks.example.com"],
    allowLoopback: false,
    fetch: (async (url: string | URL | Request) => {
      calls.push(String(url));
      return new Response("{}", { status: 200 });
    }) as typeof fetch,
    resolve: async () => [address],
  });
  const webhook = await activities.callWebhook({ action: { type: "webhook", url: "https://hooks.example.com/x" }, idempotencyKey: "op/step", planAllowedHosts: ["hooks.example.com"] });
  expect(webhook).toEqual({ ok: false, problem: expect.stringContaining("resolves to") });
  expect(calls).toEqual([]);
});
