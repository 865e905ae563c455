// Crash safety of the whole host process: the host is SIGKILLed at several points while orchestrations run and is
// started again on the same Azurite task hub; every orchestration must end with the same output as in a run that
// was never interrupted.
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";
import { call, KEYS, spawnHost, type HostProcess } from "./host-process";

interface Workload {
  name: string;
  id: string;
  input?: unknown;
  events?: { name: string; data: unknown }[];
}

// Activities of this app sleep SLOW_ACTIVITY_MS, so kills land while some are in flight.
const WORKLOAD: Workload[] = [
  { name: "longSequence", id: "long", input: 80 },
  { name: "fanOut", id: "fan", input: 30 },
  { name: "parent", id: "parent" },
  { name: "sequence", id: "sequence", input: ["Rome", "Quito", "Accra"] },
  { name: "countdown", id: "countdown", input: 4 },
  { name: "entityUser", id: "entity" },
  { name: "twoEvents", id: "events", events: [{ name: "second", data: "b" }, { name: "first", data: "a" }] },
];
const TERMINAL = ["Completed", "Failed", "Terminated", "Canceled"];

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

function hostOn(taskHub: string): Promise<HostProcess> {
  return spawnHost({
    engine: "real",
    clock: { mode: "real" },
    env: { AzureWebJobsStorage: azurite.connectionString, TEST_TASK_HUB: taskHub, SLOW_ACTIVITY_MS: "40" },
  });
}

async function startWorkload(host: HostProcess): Promise<void> {
  for (const item of WORKLOAD) {
    const response = await call(`${host.url}/api/orchestrators/${item.name}/${item.id}`, { method: "POST", json: item.input ?? null, headers: { "x-functions-key": KEYS.function } });
    expect(response.status).toBe(202);
    for (const event of item.events ?? []) {
      expect((await call(`${host.url}/api/instances/${item.id}/events/${event.name}`, { method: "POST", json: event.data })).status).toBe(202);
    }
  }
}

async function statuses(host: HostProcess): Promise<Map<string, { runtimeStatus: string; output: unknown }>> {
  const result = new Map<string, { runtimeStatus: string; output: unknown }>();
  for (const item of WORKLOAD) {
    const response = await call(`${host.url}/runtime/webhooks/durabletask/instances/${item.id}?code=${KEYS.system}`);
    if (response.status === 200 || response.status === 202) result.set(item.id, response.body as { runtimeStatus: string; output: unknown });
  }
  return result;
}

async function outputsWhenDone(host: HostProcess, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await statuses(host);
    const done = WORKLOAD.every((item) => TERMINAL.includes(current.get(item.id)?.runtimeStatus ?? ""));
    if (done) return Object.fromEntries(WORKLOAD.map((item) => [item.id, { status: current.get(item.id)?.runtimeStatus, output: current.get(item.id)?.output }]));
    if (Date.now() > deadline) throw new Error(`not finished in time: ${JSON.stringify(Object.fromEntries(current))}\n${host.errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a host process killed with SIGKILL and restarted", () => {
  it("finishes every orchestration with the output of an uninterrupted run", async () => {
    const reference = await hostOn("crashreference");
    let expected: Record<string, unknown>;
    try {
      await startWorkload(reference);
      expected = await outputsWhenDone(reference, 90_000);
    } finally {
      await reference.stop();
    }
    expect(Object.values(expected).every((entry) => (entry as { status: string }).status === "Completed")).toBe(true);

    let host = await hostOn("crashrun");
    await startWorkload(host);
    let killsWhileRunning = 0;
    for (const delayMs of [150, 400, 700, 250]) {
      await sleep(delayMs);
      const before = await statuses(host);
      if (WORKLOAD.some((item) => !TERMINAL.includes(before.get(item.id)?.runtimeStatus ?? "Pending"))) killsWhileRunning++;
      await host.kill();
      host = await hostOn("crashrun");
    }
    // The kills must have hit work in progress, or this test would prove nothing.
    expect(killsWhileRunning).toBeGreaterThanOrEqual(3);
    try {
      expect(await outputsWhenDone(host, 90_000)).toEqual(expected);
    } finally {
      await host.stop();
    }
    // Two full runs and five host starts: generous, since the machine is shared.
  }, 300_000);
});
