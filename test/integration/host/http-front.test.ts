// The host shell over HTTP, with the app in a real host process and a recording stand-in for the durable engine:
// routes, auth levels, response mapping, settings, hooks, the Event Grid webhook, timers and the admin API.
import { call, KEYS, spawnHost, type HostProcess } from "./host-process";

let host: HostProcess;
const START = Date.parse("2026-03-01T09:58:00Z");

beforeAll(async () => {
  host = await spawnHost({ engine: "fake", clock: { mode: "virtual", originMs: START } });
});
afterAll(() => host?.stop());

const withKey = (key: string) => ({ headers: { "x-functions-key": key } });

describe("app routes", () => {
  it("routes by template: constrained before plain, optional last segment", async () => {
    expect((await call(`${host.url}/api/items/42`)).body).toEqual({ route: "itemById", id: "42" });
    expect((await call(`${host.url}/api/items/lamp`)).body).toEqual({ route: "itemByName", name: "lamp" });
    expect((await call(`${host.url}/api/plans/shop/runs`)).body).toEqual({ plan: "shop", run: null });
    expect((await call(`${host.url}/api/plans/shop/runs/7`)).body).toEqual({ plan: "shop", run: "7" });
  });

  it("answers 404 for unknown paths, for methods a function does not take and outside the route prefix", async () => {
    expect((await call(`${host.url}/api/nothing/here`)).status).toBe(404);
    expect((await call(`${host.url}/api/items/42`, { method: "DELETE" })).status).toBe(404);
    expect((await call(`${host.url}/items/42`)).status).toBe(404);
  });

  it("maps the handler's status, headers, cookies and body, and passes query and body in", async () => {
    const response = await call(`${host.url}/api/echo?x=1`, { method: "PUT", json: { a: 1 }, ...withKey(KEYS.function) });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-echo-method")).toBe("PUT");
    expect(response.headers.get("set-cookie")).toBe("seen=yes; HttpOnly");
    expect(response.body).toEqual({ method: "PUT", query: { x: "1" }, body: { a: 1 } });
  });

  it("answers a bare 500 when a handler throws, keeping the app's error text out of the response", async () => {
    const response = await call(`${host.url}/api/failing`);
    expect(response.status).toBe(500);
    expect(response.body).toBeUndefined();
  });

  it("gives the app its local.settings.json values and runs its appStart hook", async () => {
    expect((await call(`${host.url}/api/settings/greeting`)).body).toEqual({ greeting: "Hello", hooks: ["appStart"] });
  });
});

describe("auth levels", () => {
  it("refuses function-level routes without a valid key, with 401", async () => {
    expect((await call(`${host.url}/api/echo`, { method: "POST", json: {} })).status).toBe(401);
    expect((await call(`${host.url}/api/echo`, { method: "POST", json: {}, ...withKey("wrong") })).status).toBe(401);
  });

  it("accepts the function key in the header or the code query parameter, and the master key", async () => {
    expect((await call(`${host.url}/api/echo`, { method: "POST", json: {}, ...withKey(KEYS.function) })).status).toBe(201);
    expect((await call(`${host.url}/api/echo?code=${KEYS.function}`, { method: "POST", json: {} })).status).toBe(201);
    expect((await call(`${host.url}/api/echo`, { method: "POST", json: {}, ...withKey(KEYS.master) })).status).toBe(201);
  });

  it("opens admin-level routes and the admin API to the master key only", async () => {
    expect((await call(`${host.url}/api/admin-only`, withKey(KEYS.function))).status).toBe(401);
    expect((await call(`${host.url}/api/admin-only`, withKey(KEYS.master))).body).toBe("admin ok");
    expect((await call(`${host.url}/admin/host/status`, withKey(KEYS.function))).status).toBe(401);
    expect((await call(`${host.url}/admin/host/status`, withKey(KEYS.master))).body).toMatchObject({ state: "Running" });
  });

  it("protects the extension webhooks with the system key", async () => {
    expect((await call(`${host.url}/runtime/webhooks/durabletask/instances`)).status).toBe(401);
    expect((await call(`${host.url}/runtime/webhooks/durabletask/instances?code=${KEYS.function}`)).status).toBe(401);
    expect((await call(`${host.url}/runtime/webhooks/durabletask/instances?code=${KEYS.system}`)).status).toBe(200);
    expect((await call(`${host.url}/runtime/webhooks/eventgrid?functionName=onAlert`, { method: "POST", json: [] })).status).toBe(401);
  });
});

describe("Event Grid webhook", () => {
  const hook = (query: string) => `${host.url}/runtime/webhooks/eventgrid?${query}&code=${KEYS.system}`;

  it("answers the Event Grid subscription validation handshake", async () => {
    const response = await call(hook("functionName=onAlert"), {
      method: "POST",
      headers: { "aeg-event-type": "SubscriptionValidation" },
      json: [{ id: "1", eventType: "Microsoft.EventGrid.SubscriptionValidationEvent", data: { validationCode: "code-123" } }],
    });
    expect(response).toMatchObject({ status: 200, body: { validationResponse: "code-123" } });
  });

  it("answers the CloudEvents abuse-protection handshake", async () => {
    const response = await call(hook("functionName=onAlert"), { method: "OPTIONS", headers: { "WebHook-Request-Origin": "eventgrid.azure.net" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("webhook-allowed-origin")).toBe("eventgrid.azure.net");
  });

  it("invokes the function once per event, in both schemas", async () => {
    const before = ((await call(`${host.url}/api/observed`)).body as { events: unknown[] }).events.length;
    const gridEvents = [
      { id: "e1", eventType: "Microsoft.ResourceHealth.ResourceAnnotated", subject: "/vm/1", data: { n: 1 }, dataVersion: "1", eventTime: "2026-03-01T10:00:00Z" },
      { id: "e2", eventType: "Microsoft.ResourceHealth.ResourceAnnotated", subject: "/vm/2", data: { n: 2 }, dataVersion: "1", eventTime: "2026-03-01T10:00:00Z" },
    ];
    expect((await call(hook("functionName=onAlert"), { method: "POST", headers: { "aeg-event-type": "Notification" }, json: gridEvents })).status).toBe(202);
    const cloudEvent = { specversion: "1.0", id: "c1", type: "Standby.Operation.Started", source: "/standby/plans/shop", data: { plan: "shop" } };
    expect((await call(hook("functionName=onAlert"), { method: "POST", headers: { "content-type": "application/cloudevents+json" }, body: JSON.stringify(cloudEvent) })).status).toBe(202);
    const events = ((await call(`${host.url}/api/observed`)).body as { events: { id: string; data: unknown }[] }).events.slice(before);
    expect(events.map((event) => event.id)).toEqual(["e1", "e2", "c1"]);
    expect(events[0].data).toEqual({ n: 1 });
  });

  it("refuses unknown functions and malformed requests", async () => {
    expect((await call(hook("functionName=nope"), { method: "POST", json: [{ id: "x" }] })).status).toBe(404);
    expect((await call(`${host.url}/runtime/webhooks/eventgrid?code=${KEYS.system}`, { method: "POST", json: [{ id: "x" }] })).status).toBe(400);
    expect((await call(hook("functionName=onAlert"), { method: "POST", body: "not json" })).status).toBe(400);
    expect((await call(hook("functionName=onAlert"), { method: "POST", headers: { "aeg-event-type": "SubscriptionValidation" }, json: [{ data: {} }] })).status).toBe(400);
  });
});

describe("timers and the admin API", () => {
  const timerRuns = async () => ((await call(`${host.url}/api/observed`)).body as { timerRuns: { name: string }[] }).timerRuns.map((run) => run.name);

  it("ran the runOnStartup timer when the host started", async () => {
    expect(await timerRuns()).toContain("atStartup");
  });

  it("fires a timer now through POST /admin/functions/{name} with the master key", async () => {
    const before = (await timerRuns()).filter((name) => name === "fiveMinuteReport").length;
    expect((await call(`${host.url}/admin/functions/fiveMinuteReport`, { method: "POST", json: {}, ...withKey(KEYS.function) })).status).toBe(401);
    expect((await call(`${host.url}/admin/functions/fiveMinuteReport`, { method: "POST", json: {}, ...withKey(KEYS.master) })).status).toBe(202);
    expect((await timerRuns()).filter((name) => name === "fiveMinuteReport").length).toBe(before + 1);
    expect((await call(`${host.url}/admin/functions/nope`, { method: "POST", json: {}, ...withKey(KEYS.master) })).status).toBe(404);
  });

  it("fires timers on their NCRONTAB schedule (from an app setting) as the virtual clock advances", async () => {
    const before = (await timerRuns()).filter((name) => name === "fiveMinuteReport").length;
    // From 09:58 to 10:09: occurrences at 10:00 and 10:05.
    const advanced = await call(`${host.url}/admin/clock/advance`, { method: "POST", json: { ms: 11 * 60 * 1000, stepMs: 60_000 }, ...withKey(KEYS.master) });
    expect(advanced.body).toMatchObject({ mode: "virtual", now: "2026-03-01T10:09:00.000Z" });
    expect((await timerRuns()).filter((name) => name === "fiveMinuteReport").length).toBe(before + 2);
  });

  it("refuses bad clock requests", async () => {
    expect((await call(`${host.url}/admin/clock/advance`, { method: "POST", json: { ms: -1 }, ...withKey(KEYS.master) })).status).toBe(400);
    expect((await call(`${host.url}/admin/clock/advance`, { method: "POST", json: { ms: "soon" }, ...withKey(KEYS.master) })).status).toBe(400);
  });

  it("lists the app's functions with their triggers", async () => {
    const listing = (await call(`${host.url}/admin/functions`, withKey(KEYS.master))).body as { name: string; trigger: string }[];
    expect(listing).toEqual(expect.arrayContaining([
      { name: "itemById", trigger: `[GET] ${host.url}/api/items/{id:int} (anonymous)` },
      { name: "fiveMinuteReport", trigger: "timerTrigger 0 */5 * * * *" },
      { name: "onAlert", trigger: "eventGridTrigger" },
      { name: "sequence", trigger: "orchestrationTrigger" },
      { name: "counter", trigger: "entityTrigger" },
    ]));
  });
});
