import "../../unit/host-durable/registrations";
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";
import { createClock, type Clock } from "../../../local/clock/clock";
import { AzureStorageTaskHubStore } from "../../../local/host/durable/azure-store";
import { createDurableEngine, type LocalDurableEngine } from "../../../local/host/durable/engine";
import { EventType, historyEvent } from "../../../local/host/durable/history";
import type { TaskHubStore } from "../../../local/host/durable/store";
import { BlobServiceClient } from "@azure/storage-blob";
import { TableClient } from "@azure/data-tables";
import { resetApp, runs } from "../../unit/host-durable/app";
import { CrashSwitch, crashableInvoker, crashableStore } from "../../unit/host-durable/crash";
import { createTestInvoker } from "../../unit/host-durable/registrations";

const ORIGIN_MS = Date.UTC(2026, 2, 1, 12, 0, 0);
const CRASHED: unique symbol = Symbol("crashed");
let hubCounter = 0;

describe("durable engine on Azure Storage (Azurite)", () => {
  let azurite: RunningAzurite;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });

  const newStore = (taskHub = `Hub${++hubCounter}x${process.pid}`) => new AzureStorageTaskHubStore({ connectionString: azurite.connectionString, taskHub });

  async function startEngine(store: TaskHubStore, clock: Clock, crash?: CrashSwitch): Promise<LocalDurableEngine> {
    const invoker = createTestInvoker();
    const engine = createDurableEngine({ invoker: crash ? crashableInvoker(invoker, crash) : invoker, store: crash ? crashableStore(store, crash) : store, clock, taskHub: "Hub" });
    await engine.start();
    return engine;
  }

  it("keeps instances, history and work in the task hub's tables, and large payloads in blobs", async () => {
    const store = newStore("LayoutHub");
    await store.open();
    const big = "x".repeat(100_000);
    const events = Array.from({ length: 150 }, (_, index) => historyEvent(EventType.TaskCompleted, new Date(ORIGIN_MS).toISOString(), { TaskScheduledId: index, Result: index === 7 ? JSON.stringify(big) : "1" }));
    const record = { instanceId: "big/one", name: "Big", executionId: "exec1", runtimeStatus: "Running" as const, customStatus: JSON.stringify(big), createdTime: "t", lastUpdatedTime: "t", historyLength: 150, nextEventId: 0, composites: {}, internalEventIds: [], lastConsumedMessageIds: [] };
    // 150 events and the record take more than one transaction; the record commits last.
    await store.putInstance(record, { fromIndex: 0, events });
    expect(await store.readHistory("big/one", "exec1", 150)).toEqual(events);
    expect(await store.loadInstances()).toEqual([record]);
    expect(await store.readHistory("big/one", "other-execution", 0)).toEqual([]);
    await store.putEntity({ entityId: "@account@key/with#odd?chars", exists: true, state: JSON.stringify(big), lastModifiedTime: "t", lastBatch: { requestIds: [], sent: [] } });
    expect((await store.loadEntities())[0]!.state).toBe(JSON.stringify(big));

    const tables = ["LayoutHubInstances", "LayoutHubHistory", "LayoutHubWork"];
    for (const table of tables) {
      const client = TableClient.fromConnectionString(azurite.connectionString, table, { allowInsecureConnection: true });
      const rows = [];
      for await (const row of client.listEntities()) rows.push(row);
      // History: the 150 events and the instance's sentinel row; Instances: the entity.
      expect(rows.length).toBe(table === "LayoutHubHistory" ? 151 : table === "LayoutHubInstances" ? 1 : 0);
    }
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient("layouthub-largemessages");
    const blobNames = async () => {
      const names: string[] = [];
      for await (const blob of container.listBlobsFlat()) names.push(blob.name);
      return names.sort();
    };
    // The large event, the large record and the large entity state.
    expect(await blobNames()).toHaveLength(3);

    // A newer record replaces the blob of the one before (never overwrites it in place) and the old blob goes.
    const before = await blobNames();
    await store.putInstance({ ...record, customStatus: JSON.stringify(`${big}!`) });
    const after = await blobNames();
    expect(after).toHaveLength(3);
    expect(after).not.toEqual(before);
    expect((await store.loadInstances())[0]!.customStatus).toBe(JSON.stringify(`${big}!`));

    await store.deleteInstance("big/one");
    expect(await store.readHistory("big/one", "exec1", 0)).toEqual([]);
    expect(await store.loadInstances()).toEqual([]);
    expect(await blobNames()).toEqual([expect.stringMatching(/^entities\//)]);
  });

  it("reads instance records a task hub from before the sentinel rows kept in its Instances table", async () => {
    const store = newStore("LegacyHub");
    await store.open();
    const record = { instanceId: "old/one", name: "Old", executionId: "exec1", runtimeStatus: "Running" as const, createdTime: "t", lastUpdatedTime: "t", historyLength: 0, nextEventId: 0, composites: {}, internalEventIds: [], lastConsumedMessageIds: [] };
    const instancesTable = TableClient.fromConnectionString(azurite.connectionString, "LegacyHubInstances", { allowInsecureConnection: true });
    await instancesTable.createEntity({ partitionKey: encodeURIComponent(record.instanceId), rowKey: "", Kind: "orchestration", Data: JSON.stringify(record) });
    expect(await store.loadInstances()).toEqual([record]);

    // Once the engine commits the instance, its sentinel row is what counts.
    await store.putInstance({ ...record, runtimeStatus: "Completed", historyLength: 1 }, { fromIndex: 0, events: [historyEvent(EventType.OrchestratorStarted, "t")] });
    expect(await store.loadInstances()).toEqual([{ ...record, runtimeStatus: "Completed", historyLength: 1 }]);

    await store.deleteInstance(record.instanceId);
    expect(await store.loadInstances()).toEqual([]);
  });

  it("runs orchestrations to completion on the Azure store and a new engine reads their state back", async () => {
    resetApp();
    const taskHub = `Restart${process.pid}`;
    const clock = createClock({ mode: "virtual", originMs: ORIGIN_MS });
    const engine = await startEngine(newStore(taskHub), clock);
    const id = await engine.startNew("HelloSequence", { instanceId: "hello", input: { big: "y".repeat(50_000) } });
    await engine.startNew("FanOut", { instanceId: "fan", input: 120 });
    await engine.whenIdle();
    await engine.stop();

    const again = await startEngine(newStore(taskHub), clock);
    expect(await again.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: ["Hello Tokyo!", "Hello Seattle!", "Hello London!"] });
    expect(((await again.getStatus(id))!.input as { big: string }).big).toHaveLength(50_000);
    expect(await again.getStatus("fan")).toMatchObject({ runtimeStatus: "Completed", output: 119 * 120 });
    expect((await again.getHistory("fan")).length).toBeGreaterThan(240);
    await again.stop();
  });

  // The crash points span the start, activities in flight, the sub-orchestration, the entity calls and the timer.
  it.each([2, 5, 8, 12, 16, 20, 24, 28, 32])(
    "after the engine dies at write %i, a new engine on the same storage finishes with the uninterrupted output",
    async (afterWrites) => {
      resetApp();
      const taskHub = `Crash${afterWrites}x${process.pid}`;
      const clock = createClock({ mode: "virtual", originMs: ORIGIN_MS });
      const crash = new CrashSwitch(afterWrites);
      const first = await startEngine(newStore(taskHub), clock, crash);
      const started = await Promise.race([first.startNew("Journey", { instanceId: "trip" }), crash.crashedSignal.then((): typeof CRASHED => CRASHED)]);
      if (started !== CRASHED) await drive(first, clock, "trip", crash.crashedSignal);
      expect(crash.crashed).toBe(true);

      const survivor = newStore(taskHub);
      const pendingActivities = (await survivor.loadMessages()).filter((message) => message.kind === "activity").length;
      // Dropping the dead engine without stop(): the new one sees only what reached storage.
      const second = await startEngine(survivor, clock);
      if (!(await second.getStatus("trip"))) await second.startNew("Journey", { instanceId: "trip" });
      expect(await drive(second, clock, "trip")).toBe("done");
      expect((await second.getStatus("trip"))?.output).toEqual({ hello: "Hello Journey!", doubled: [2, 4], child: "Hello Paris!", balance: 3, approval: "yes" });
      const total = [...runs.values()].reduce((sum, value) => sum + value, 0);
      expect(total - 4).toBeLessThanOrEqual(pendingActivities);
      await second.stop();
    },
  );
});

async function drive(engine: LocalDurableEngine, clock: Clock, id: string, stop: Promise<void> = new Promise(() => undefined)): Promise<"done" | "crashed"> {
  const crashed = stop.then((): typeof CRASHED => CRASHED);
  const orCrash = <T>(work: Promise<T>) => Promise.race([work, crashed]);
  for (let step = 0; step < 20; step++) {
    if ((await orCrash(engine.whenIdle())) === CRASHED) return "crashed";
    const status = await orCrash(engine.getStatus(id, { showHistory: true }));
    if (status === CRASHED) return "crashed";
    if (status?.runtimeStatus === "Completed") return "done";
    const events = (status?.historyEvents ?? []) as { EventType: string; Name?: string }[];
    if (events.some((event) => event.EventType === "TimerFired") && !events.some((event) => event.EventType === "EventRaised" && event.Name === "Approve")) {
      if ((await orCrash(engine.raiseEvent(id, "Approve", "yes"))) === CRASHED) return "crashed";
    }
    await clock.advance(30_000);
  }
  throw new Error(`instance ${id} did not finish`);
}
