// Server-side request forgery through plans: a plan author chooses URLs the app will call from inside Azure, next to
// a managed identity whose token the instance metadata service hands out. Each hostile target is refused twice:
// when the plan is validated (every place a URL can live in a plan), and by the activity at call time, which also
// checks every address the host name resolves to.
import { createOutboundActivities } from "../../../functions/activities/outbound/outbound-activities";
import { validatePlan } from "../../../functions/core/plan/validate";
import { planWith, type LooseJson } from "../core/fixtures";

/** Spellings of addresses no webhook or probe may reach, whatever a plan's allowedHosts says. */
const FORBIDDEN_URLS = [
  "https://169.254.169.254/metadata/identity/oauth2/token",
  "http://169.254.169.254/metadata/instance",
  "https://2852039166/metadata",
  "https://0xa9.0xfe.0xa9.0xfe/metadata",
  "https://0251.0376.0251.0376/metadata",
  "https://[::ffff:169.254.169.254]/metadata",
  "https://[::ffff:a9fe:a9fe]/metadata",
  "https://[fe80::1]/",
  "https://168.63.129.16/machine?comp=goalstate",
  "https://metadata.azure.internal/",
  "https://metadata/",
  "https://0.0.0.0/",
  "https://127.0.0.1/",
  "https://localhost/",
  "https://api.localhost/",
  "https://[::1]/",
  "https://user:secret@hooks.example.com/",
  "http://hooks.example.com/",
  "file:///etc/passwd",
  "gopher://hooks.example.com/",
];

/** Where a plan can name a URL the app will call. */
const URL_PLACES: [string, (plan: LooseJson, url: string) => void][] = [
  ["/groups/0/after/0/url", (plan, url) => (plan.groups[0].after[0].url = url)],
  ["/groups/2/before/0/url", (plan, url) => (plan.groups[2].before[0].url = url)],
  ["/drill/probes/0/url", (plan, url) => (plan.drill.probes[0].url = url)],
];

/** Allow-list entries that would open a forbidden target if accepted. */
const HOSTILE_ALLOWED_HOSTS = ["169.254.169.254", "metadata.azure.internal", "168.63.129.16", "fe80::1", "0.0.0.0"];

function errorsOf(plan: unknown): { pointer: string; message: string }[] {
  const validation = validatePlan(plan, { expectedName: "shop", allowLoopback: false });
  return validation.ok ? [] : validation.errors;
}

describe("at validation (a plan is refused before it is stored)", () => {
  it("accepts the fixture plan, so each refusal below is about the URL", () => {
    expect(errorsOf(planWith(() => undefined))).toEqual([]);
  });

  const cases = URL_PLACES.flatMap(([pointer, place]) => FORBIDDEN_URLS.map((url) => [pointer, url, place] as const));

  it.each(cases)("refuses %s = %s", (pointer, url, place) => {
    // The refusal must come from the address, scheme or credential rules, not from the host missing in the plan's
    // allowedHosts: an allow-list entry cannot open these targets (the allowedHosts cases below).
    const plan = planWith((draft) => {
      place(draft, url);
    });
    expect(errorsOf(plan)).toEqual([{ pointer, message: expect.not.stringContaining("not in allowedHosts") }]);
  });

  it.each(HOSTILE_ALLOWED_HOSTS)("refuses %s in the plan's allowedHosts", (host) => {
    const plan = planWith((draft) => {
      draft.allowedHosts.push(host);
    });
    expect(errorsOf(plan)).toEqual([expect.objectContaining({ pointer: `/allowedHosts/2` })]);
  });
});

interface Harness {
  calls: string[];
  activities: ReturnType<typeof createOutboundActivities>;
}

/** The activities with an app allow-list that names every host below, a resolver we control and a fetch we watch. */
function harness(addresses: string[]): Harness {
  const calls: string[] = [];
  const activities = createOutboundActivities({
    allowedHosts: ["hooks.example.com", "*.shop.example.com"],
    allowLoopback: false,
    fetch: (async (url: string | URL | Request) => {
      calls.push(String(url));
      return new Response("{}", { status: 200 });
    }) as typeof fetch,
    resolve: async () => addresses,
  });
  return { calls, activities };
}

const PLAN_HOSTS = ["hooks.example.com", "*.shop.example.com"];

describe("at call time (a plan stored before a rule existed, or a name that resolves somewhere else)", () => {
  it("calls an allowed host that resolves to a public address, so the refusals below are about the target", async () => {
    const { calls, activities } = harness(["203.0.113.10"]);
    expect(await activities.probeOnce({ url: "https://web.shop.example.com/", expectStatus: 200, timeoutSeconds: 5, planAllowedHosts: PLAN_HOSTS })).toEqual({ ok: true, status: 200 });
    expect(calls).toEqual(["https://web.shop.example.com/"]);
  });

  it.each(FORBIDDEN_URLS)("refuses a webhook and a probe to %s without sending anything", async (url) => {
    const { calls, activities } = harness(["203.0.113.10"]);
    const webhook = await activities.callWebhook({ action: { type: "webhook", url }, idempotencyKey: "op/step", planAllowedHosts: PLAN_HOSTS });
    const probe = await activities.probeOnce({ url, expectStatus: 200, timeoutSeconds: 5, planAllowedHosts: PLAN_HOSTS });
    expect(webhook).toEqual({ ok: false, problem: expect.stringMatching(/^refused/) });
    expect(probe).toEqual({ ok: false, problem: expect.stringMatching(/^refused/) });
    // Refused for what the target is, not because an allow-list happens not to name it.
    expect([webhook, probe].filter((result) => JSON.stringify(result).includes("not in allowedHosts"))).toEqual([]);
    expect(calls).toEqual([]);
  });

  it.each([
    ["the metadata service", ["169.254.169.254"]],
    ["the Azure platform endpoint", ["168.63.129.16"]],
    ["an IPv6 link-local address", ["fe80::a9fe:a9fe"]],
    ["a link-local address with a zone", ["fe80::1%eth0"]],
    ["IPv4-mapped metadata", ["::ffff:169.254.169.254"]],
    ["the unspecified address", ["0.0.0.0"]],
    ["a public address and the metadata service", ["203.0.113.10", "169.254.169.254"]],
  ])("refuses an allowed name that resolves to %s", async (_what, addresses) => {
    const { calls, activities } = harness(addresses);
    const webhook = await activities.callWebhook({ action: { type: "webhook", url: "https://hooks.example.com/standby" }, idempotencyKey: "op/step", planAllowedHosts: PLAN_HOSTS });
    const probe = await activities.probeOnce({ url: "https://db.shop.example.com/health", expectStatus: 200, timeoutSeconds: 5, planAllowedHosts: PLAN_HOSTS });
    expect(webhook).toEqual({ ok: false, problem: expect.stringContaining("resolves to") });
    expect(probe).toEqual({ ok: false, problem: expect.stringContaining("resolves to") });
    expect(calls).toEqual([]);
  });

  it("refuses a host whose name cannot be resolved rather than letting fetch resolve it alone", async () => {
    const calls: string[] = [];
    const activities = createOutboundActivities({
      allowedHosts: ["hooks.example.com"],
      allowLoopback: false,
      fetch: (async (url: string | URL | Request) => {
        calls.push(String(url));
        return new Response("{}", { status: 200 });
      }) as typeof fetch,
      resolve: async () => {
        throw new Error("getaddrinfo ENOTFOUND hooks.example.com");
      },
    });
    const webhook = await activities.callWebhook({ action: { type: "webhook", url: "https://hooks.example.com/x" }, idempotencyKey: "op/step", planAllowedHosts: ["hooks.example.com"] });
    expect(webhook).toEqual({ ok: false, problem: expect.stringContaining("cannot resolve") });
    expect(calls).toEqual([]);
  });
});
