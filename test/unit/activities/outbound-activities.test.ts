// Webhooks and probes: every call checked at call time against the app's and the plan's allow-lists and the
// resolved addresses; the call carries an idempotency key; status and network failures are reported, not thrown.
import { createOutboundActivities } from "../../../functions/activities/outbound/outbound-activities";
import type { WebhookInput } from "../../../functions/activities/contracts";

interface Call {
  url: string;
  init: RequestInit;
}

function setUp(options: { status?: number; fail?: boolean; addresses?: string[]; appHosts?: string[] } = {}) {
  const calls: Call[] = [];
  const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    if (options.fail) throw new Error("connect ECONNREFUSED");
    const status = options.status ?? 200;
    return new Response(status === 204 ? null : "{}", { status });
  }) as typeof fetch;
  const activities = createOutboundActivities({
    allowedHosts: options.appHosts ?? ["hooks.example.com", "*.shop.example.com"],
    allowLoopback: false,
    fetch: fakeFetch,
    resolve: async () => options.addresses ?? ["203.0.113.10"],
  });
  return { calls, activities };
}

const webhook = (url: string, planAllowedHosts = ["hooks.example.com", "*.shop.example.com"]): WebhookInput => ({
  action: { type: "webhook", url, headers: { "x-token": "t" }, body: { stage: "db" } },
  idempotencyKey: "op-1/failover/db/before/0",
  planAllowedHosts,
});

describe("callWebhook", () => {
  it("posts JSON with the idempotency key and the plan's headers", async () => {
    const { calls, activities } = setUp();
    expect(await activities.callWebhook(webhook("https://hooks.example.com/standby"))).toEqual({ ok: true, status: 200 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init).toMatchObject({
      method: "POST",
      redirect: "manual",
      body: JSON.stringify({ stage: "db" }),
      headers: { "x-token": "t", "Idempotency-Key": "op-1/failover/db/before/0", "Content-Type": "application/json" },
    });
  });

  it("refuses a host the app's configuration no longer allows, even if the plan does", async () => {
    const { calls, activities } = setUp({ appHosts: ["other.example.com"] });
    const result = await activities.callWebhook(webhook("https://hooks.example.com/standby"));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("app's allow-list") });
    expect(calls).toHaveLength(0);
  });

  it("refuses a host the plan does not allow", async () => {
    const { calls, activities } = setUp();
    const result = await activities.callWebhook(webhook("https://api.shop.example.com/x", ["hooks.example.com"]));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("plan's allow-list") });
    expect(calls).toHaveLength(0);
  });

  it("refuses an allowed name that resolves to the metadata service", async () => {
    const { calls, activities } = setUp({ addresses: ["169.254.169.254"] });
    const result = await activities.callWebhook(webhook("https://hooks.example.com/standby"));
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("169.254.169.254") });
    expect(calls).toHaveLength(0);
  });

  it("refuses plain http", async () => {
    const { calls, activities } = setUp();
    expect((await activities.callWebhook(webhook("http://hooks.example.com/standby"))).ok).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it("reports a non-2xx answer and a network failure without throwing", async () => {
    expect(await setUp({ status: 503 }).activities.callWebhook(webhook("https://hooks.example.com/standby"))).toEqual({
      ok: false,
      status: 503,
      problem: "https://hooks.example.com/standby answered 503",
    });
    expect(await setUp({ fail: true }).activities.callWebhook(webhook("https://hooks.example.com/standby"))).toEqual({
      ok: false,
      problem: expect.stringContaining("ECONNREFUSED"),
    });
  });
});

describe("probeOnce", () => {
  const probe = { url: "https://web.shop.example.com/health", expectStatus: 204, timeoutSeconds: 5, planAllowedHosts: ["*.shop.example.com"] };

  it("passes only on the expected status", async () => {
    expect(await setUp({ status: 204 }).activities.probeOnce(probe)).toEqual({ ok: true, status: 204 });
    expect(await setUp({ status: 200 }).activities.probeOnce(probe)).toMatchObject({ ok: false, status: 200 });
  });

  it("sends a GET and never follows redirects", async () => {
    const { calls, activities } = setUp({ status: 204 });
    await activities.probeOnce(probe);
    expect(calls[0]?.init).toMatchObject({ method: "GET", redirect: "manual" });
  });
});
