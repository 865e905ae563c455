// The durable task HTTP API and the durable client binding, checked with the REAL DurableClient (inside the test
// app's HTTP functions) against a recording stand-in engine: what the client sends arrives at the engine, and what
// the host answers has the extension's status codes, links and bodies.
import { call, KEYS, spawnHost, type HostProcess } from "./host-process";

let host: HostProcess;

beforeAll(async () => {
  host = await spawnHost({ engine: "fake" });
});
afterAll(() => host?.stop());

const start = (name: string, id: string, input?: unknown) =>
  call(`${host.url}/api/orchestrators/${name}/${id}`, { method: "POST", json: input, headers: { "x-functions-key": KEYS.function } });
const webhookStatus = (id: string, query = "") => call(`${host.url}/runtime/webhooks/durabletask/instances/${id}?code=${KEYS.system}${query}`);

describe("durable client binding and management links", () => {
  it("starts an orchestration through DurableClient.startNew and answers with createCheckStatusResponse links", async () => {
    const response = await start("sequence", "seq-1", ["Paris"]);
    expect(response.status).toBe(202);
    const links = response.body as Record<string, string>;
    expect(links.id).toBe("seq-1");
    expect(response.headers.get("location")).toBe(links.statusQueryGetUri);
    expect(links.statusQueryGetUri).toBe(`${host.url}/runtime/webhooks/durabletask/instances/seq-1?taskHub=fixturehub&connection=AzureWebJobsStorage&code=${KEYS.system}`);
    expect(links.sendEventPostUri).toContain("/instances/seq-1/raiseEvent/{eventName}?");
    const status = await call(links.statusQueryGetUri);
    expect(status.status).toBe(202);
    expect(status.body).toMatchObject({ name: "sequence", instanceId: "seq-1", runtimeStatus: "Running", input: ["Paris"] });
  });

  it("resolves orchestrator names case-insensitively and refuses unknown ones with 400", async () => {
    expect((await start("SEQUENCE", "seq-case")).status).toBe(202);
    expect((await webhookStatus("seq-case")).body).toMatchObject({ name: "sequence" });
    const unknown = await call(`${host.url}/runtime/webhooks/durabletask/orchestrators/nope?code=${KEYS.system}`, { method: "POST" });
    expect(unknown.status).toBe(400);
  });

  it("refuses a second start of a running instance id with 409", async () => {
    await start("waitForever", "dup-1");
    const again = await call(`${host.url}/runtime/webhooks/durabletask/orchestrators/waitForever/dup-1?code=${KEYS.system}`, { method: "POST" });
    expect(again.status).toBe(409);
    expect((await start("waitForever", "dup-1")).status).toBe(500);
  });

  it("gets a status through DurableClient.getStatus, and 404 for unknown ids", async () => {
    await start("waitForever", "status-1", { x: 1 });
    expect((await call(`${host.url}/api/instances/status-1`)).body).toMatchObject({ instanceId: "status-1", runtimeStatus: "Running", input: { x: 1 } });
    expect((await call(`${host.url}/api/instances/missing`)).status).toBe(404);
    expect((await webhookStatus("missing")).status).toBe(404);
  });

  it("delivers raiseEvent, terminate, suspend and resume from DurableClient to the engine", async () => {
    await start("waitForever", "control-1", { n: 1 });
    expect((await call(`${host.url}/api/instances/control-1/events/approve`, { method: "POST", json: { by: "ana" } })).status).toBe(202);
    expect((await call(`${host.url}/api/instances/control-1/suspend?reason=maintenance`, { method: "POST" })).status).toBe(202);
    expect((await webhookStatus("control-1")).body).toMatchObject({ runtimeStatus: "Suspended" });
    expect((await call(`${host.url}/api/instances/control-1/resume?reason=done`, { method: "POST" })).status).toBe(202);
    expect((await call(`${host.url}/api/instances/control-1/terminate?reason=enough`, { method: "POST" })).status).toBe(202);
    const status = await webhookStatus("control-1", "&showHistory=true");
    expect(status.status).toBe(200);
    expect((status.body as { historyEvents: unknown[] }).historyEvents).toEqual([
      { call: "startNew", input: { n: 1 } },
      { call: "raiseEvent", eventName: "approve", data: { by: "ana" } },
      { call: "suspend", reason: "maintenance" },
      { call: "resume", reason: "done" },
      { call: "terminate", reason: "enough" },
    ]);
  });

  it("answers 410 for events and control calls on a finished instance, and 404 on an unknown one", async () => {
    const base = `${host.url}/runtime/webhooks/durabletask/instances`;
    await start("waitForever", "gone-1");
    await call(`${base}/gone-1/terminate?reason=x&code=${KEYS.system}`, { method: "POST" });
    expect((await call(`${base}/gone-1/raiseEvent/approve?code=${KEYS.system}`, { method: "POST", json: 1 })).status).toBe(410);
    expect((await call(`${base}/gone-1/terminate?reason=again&code=${KEYS.system}`, { method: "POST" })).status).toBe(410);
    expect((await call(`${base}/missing/raiseEvent/approve?code=${KEYS.system}`, { method: "POST", json: 1 })).status).toBe(404);
    expect((await call(`${base}/gone-1/raiseEvent/approve?code=${KEYS.system}`, { method: "POST", body: "{bad" })).status).toBe(400);
    expect((await call(`${base}/gone-1/rewind?reason=x&code=${KEYS.system}`, { method: "POST" })).status).toBe(501);
  });

  it("purges finished instances through DurableClient.purgeInstanceHistory, and refuses running ones with 409", async () => {
    await start("waitForever", "purge-1");
    expect((await call(`${host.url}/runtime/webhooks/durabletask/instances/purge-1?code=${KEYS.system}`, { method: "DELETE" })).status).toBe(409);
    await call(`${host.url}/api/instances/purge-1/terminate`, { method: "POST" });
    expect((await call(`${host.url}/api/instances/purge-1`, { method: "DELETE" })).body).toEqual({ instancesDeleted: 1 });
    expect((await webhookStatus("purge-1")).status).toBe(404);
    expect((await call(`${host.url}/api/instances/purge-1`, { method: "DELETE" })).body).toEqual({ instancesDeleted: 0 });
  });

  it("lists and filters instances through DurableClient.getStatusAll and getStatusBy", async () => {
    await start("waitForever", "list-running");
    await start("waitForever", "list-done");
    await call(`${host.url}/api/instances/list-done/terminate`, { method: "POST" });
    const all = (await call(`${host.url}/api/instances`)).body as { instanceId: string }[];
    expect(all.map((status) => status.instanceId)).toEqual(expect.arrayContaining(["list-running", "list-done"]));
    const terminated = (await call(`${host.url}/api/instances?runtimeStatus=Terminated`)).body as { instanceId: string }[];
    expect(terminated.map((status) => status.instanceId)).toContain("list-done");
    expect(terminated.map((status) => status.instanceId)).not.toContain("list-running");
    const paged = await call(`${host.url}/runtime/webhooks/durabletask/instances?top=1&code=${KEYS.system}`);
    expect((paged.body as unknown[]).length).toBe(1);
    expect(paged.headers.get("x-ms-continuation-token")).toBe("1");
    expect((await call(`${host.url}/runtime/webhooks/durabletask/instances?runtimeStatus=Sleeping&code=${KEYS.system}`)).status).toBe(400);
  });

  it("signals entities and reads their state through DurableClient", async () => {
    expect((await call(`${host.url}/api/entities/counter/c1`)).body).toEqual({ entityExists: false });
    expect((await call(`${host.url}/api/entities/counter/c1/add`, { method: "POST", json: 3 })).status).toBe(202);
    expect((await call(`${host.url}/api/entities/counter/c1`)).body).toEqual({ entityExists: true, entityState: { signals: [{ operation: "add", input: 3 }] } });
  });

  it("builds management payloads with the host's own origin", async () => {
    const payload = (await call(`${host.url}/api/payload/abc`)).body as Record<string, string>;
    expect(payload.statusQueryGetUri.startsWith(`${host.url}/runtime/webhooks/durabletask/instances/abc?`)).toBe(true);
  });
});
