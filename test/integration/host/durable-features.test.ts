// Every durable feature, run by the REAL durable engine (task hub in Azurite) through the host, started and managed with the REAL
// DurableClient from the test app's HTTP functions, on a virtual clock that the test advances.
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";
import { call, KEYS, spawnHost, type HostProcess } from "./host-process";

let azurite: RunningAzurite;
let host: HostProcess;

beforeAll(async () => {
  azurite = await startAzurite();
  host = await spawnHost({
    engine: "real",
    clock: { mode: "virtual", originMs: Date.parse("2026-05-01T08:00:00Z") },
    env: { AzureWebJobsStorage: azurite.connectionString },
  });
});
afterAll(async () => {
  await host?.stop();
  await azurite?.stop();
});

interface Status {
  runtimeStatus: string;
  output: unknown;
  input: unknown;
  customStatus: unknown;
}

const HOUR = 60 * 60 * 1000;
const master = { "x-functions-key": KEYS.master };

async function start(name: string, id: string, input?: unknown): Promise<void> {
  const response = await call(`${host.url}/api/orchestrators/${name}/${id}`, { method: "POST", json: input, headers: { "x-functions-key": KEYS.function } });
  expect(response.status).toBe(202);
}

/** Moves virtual time on (in steps, letting the engine finish each step's work) and waits until nothing is runnable. */
async function advance(ms: number, stepMs = ms): Promise<void> {
  const response = await call(`${host.url}/admin/clock/advance`, { method: "POST", json: { ms, stepMs: Math.max(1, stepMs) }, headers: master });
  expect(response.status).toBe(200);
}

const settle = () => advance(0);

async function status(id: string): Promise<Status> {
  const response = await call(`${host.url}/api/instances/${id}`);
  expect(response.status).toBe(200);
  return response.body as Status;
}

async function raise(id: string, event: string, data: unknown): Promise<void> {
  expect((await call(`${host.url}/api/instances/${id}/events/${event}`, { method: "POST", json: data })).status).toBe(202);
}

describe("durable orchestrations in the local host", () => {
  it("runs activities in sequence", async () => {
    await start("sequence", "seq");
    await settle();
    expect(await status("seq")).toMatchObject({ runtimeStatus: "Completed", output: ["Hello Tokyo!", "Hello Seattle!", "Hello London!"] });
  });

  it("waits for the result when started with timeout and pollingInterval (createAndWaitOnNewInstancePostUri)", async () => {
    const base = `${host.url}/runtime/webhooks/durabletask/orchestrators`;
    const done = await call(`${base}/sequence/wait-done?timeout=20&pollingInterval=0.05&code=${KEYS.system}`, { method: "POST", json: ["Lyon"] });
    expect(done).toMatchObject({ status: 200, body: ["Hello Lyon!"] });
    const failed = await call(`${base}/failingWorkflow/wait-failed?timeout=20&pollingInterval=0.05&code=${KEYS.system}`, { method: "POST" });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ runtimeStatus: "Failed" });
    // A durable timer on the virtual clock cannot finish in time: the usual 202 with links comes back.
    const pending = await call(`${base}/durableTimer/wait-pending?timeout=0.3&pollingInterval=0.1&code=${KEYS.system}`, { method: "POST" });
    expect(pending.status).toBe(202);
    expect((pending.body as { id: string }).id).toBe("wait-pending");
    expect((await call(`${base}/sequence/wait-bad?timeout=1&pollingInterval=5&code=${KEYS.system}`, { method: "POST" })).status).toBe(400);
  });

  it("fans out and in", async () => {
    await start("fanOut", "fan", 10);
    await settle();
    expect(await status("fan")).toMatchObject({ runtimeStatus: "Completed", output: 110 });
  });

  it("waits on durable timers until the clock reaches them", async () => {
    await start("durableTimer", "timer");
    await settle();
    expect((await status("timer")).runtimeStatus).toBe("Running");
    await advance(HOUR - 1000);
    expect((await status("timer")).runtimeStatus).toBe("Running");
    await advance(1000);
    expect(await status("timer")).toMatchObject({ runtimeStatus: "Completed", output: { waitedAtLeastAnHour: true } });
  });

  it("takes an external event that arrives while the orchestration waits (Task.any with a timer)", async () => {
    await start("approval", "approve-late");
    await settle();
    await raise("approve-late", "approve", "ana");
    await settle();
    expect(await status("approve-late")).toMatchObject({ runtimeStatus: "Completed", output: "approved by ana" });
  });

  it("lets the timer win Task.any when no event comes", async () => {
    await start("approval", "approve-timeout");
    await settle();
    await advance(24 * HOUR, HOUR);
    expect(await status("approve-timeout")).toMatchObject({ runtimeStatus: "Completed", output: "timed out" });
  });

  it("buffers external events that arrive before the orchestration waits for them", async () => {
    await start("twoEvents", "early");
    await raise("early", "second", 2);
    await raise("early", "first", 1);
    await settle();
    expect(await status("early")).toMatchObject({ runtimeStatus: "Completed", output: [1, 2] });
  });

  it("runs sub-orchestrations", async () => {
    await start("parent", "parent");
    await settle();
    expect(await status("parent")).toMatchObject({ runtimeStatus: "Completed", output: { child: ["Hello Oslo!", "Hello Lima!"], doubled: 12 } });
  });

  it("races batches of sub-orchestrations with their own ids against a cancel event listened for from the start", async () => {
    await start("cancellableBatches", "batches");
    await settle();
    expect(await status("batches")).toMatchObject({
      runtimeStatus: "Completed",
      output: { canceled: false, results: ["Hello b0i0!", "Hello b0i1!", "Hello b1i0!", "Hello b1i1!"] },
    });
  });

  it("retries a failing activity on durable timers", async () => {
    await start("retrying", "retry");
    await settle();
    expect((await status("retry")).runtimeStatus).toBe("Running");
    await advance(10_000, 500);
    expect(await status("retry")).toMatchObject({ runtimeStatus: "Completed", output: "succeeded after 3 attempts" });
  });

  it("continues as new with fresh input", async () => {
    await start("countdown", "countdown", 3);
    await settle();
    expect(await status("countdown")).toMatchObject({ runtimeStatus: "Completed", output: "liftoff", input: 0 });
  });

  it("publishes custom status as the orchestration moves on", async () => {
    await start("statusReporter", "custom");
    await settle();
    expect(await status("custom")).toMatchObject({ runtimeStatus: "Running", customStatus: { stage: "waiting for go" } });
    await raise("custom", "go", "went");
    await settle();
    expect(await status("custom")).toMatchObject({ runtimeStatus: "Completed", customStatus: { stage: "done" }, output: "went" });
  });

  it("terminates a running orchestration", async () => {
    await start("waitForever", "terminated");
    await settle();
    expect((await call(`${host.url}/api/instances/terminated/terminate?reason=no%20longer%20needed`, { method: "POST" })).status).toBe(202);
    await settle();
    expect(await status("terminated")).toMatchObject({ runtimeStatus: "Terminated", output: "no longer needed" });
  });

  it("suspends and resumes, holding events until resumed", async () => {
    await start("statusReporter", "suspended");
    await settle();
    await call(`${host.url}/api/instances/suspended/suspend`, { method: "POST" });
    await settle();
    await raise("suspended", "go", "after resume");
    await settle();
    expect((await status("suspended")).runtimeStatus).toBe("Suspended");
    await call(`${host.url}/api/instances/suspended/resume`, { method: "POST" });
    await settle();
    expect(await status("suspended")).toMatchObject({ runtimeStatus: "Completed", output: "after resume" });
  });

  it("calls entities from orchestrations and signals and reads them from the client", async () => {
    await start("entityUser", "entities");
    await settle();
    expect(await status("entities")).toMatchObject({ runtimeStatus: "Completed", output: 7 });
    await call(`${host.url}/api/entities/counter/shared/add`, { method: "POST", json: 4 });
    await call(`${host.url}/api/entities/counter/shared/add`, { method: "POST", json: 6 });
    await settle();
    expect((await call(`${host.url}/api/entities/counter/shared`)).body).toEqual({ entityExists: true, entityState: 10 });
  });

  it("fails an orchestration with the activity's error details", async () => {
    await start("failingWorkflow", "failing");
    await settle();
    const failed = await status("failing");
    expect(failed.runtimeStatus).toBe("Failed");
    expect(String(failed.output)).toContain("Activity function 'explode' failed: kaboom");
    expect(String(failed.output)).toContain("ExplodedError");
  });

  it("fails a non-deterministic orchestrator with a clear message instead of corrupting it", async () => {
    await start("nondeterministic", "nondeterministic");
    await settle();
    const failed = await status("nondeterministic");
    expect(failed.runtimeStatus).toBe("Failed");
    expect(String(failed.output)).toMatch(/Non-deterministic workflow detected/);
  });

  it("shows history through the status webhook and purges finished instances", async () => {
    const response = await call(`${host.url}/runtime/webhooks/durabletask/instances/seq?showHistory=true&code=${KEYS.system}`);
    const events = (response.body as { historyEvents: { EventType: string }[] }).historyEvents.map((event) => event.EventType);
    expect(events).toEqual(["ExecutionStarted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"]);
    expect((await call(`${host.url}/api/instances/seq`, { method: "DELETE" })).body).toEqual({ instancesDeleted: 1 });
    expect((await call(`${host.url}/api/instances/seq`)).status).toBe(404);
  });
});
