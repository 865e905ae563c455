import "./registrations";
import { resetApp } from "./app";
import { startTestEngine, type TestEngine } from "./setup";

describe("durable engine: entities", () => {
  let test: TestEngine;
  beforeEach(async () => {
    resetApp();
    test = await startTestEngine();
  });
  afterEach(() => test.engine.stop());

  it("applies signals one at a time so no update is lost, and keeps the state", async () => {
    const account = { name: "Account", key: "alice" };
    await Promise.all(Array.from({ length: 25 }, () => test.engine.signalEntity(account, "deposit", 4)));
    await test.engine.whenIdle();
    expect(await test.engine.readEntityState(account)).toEqual({ exists: true, state: 100 });
    const stored = await test.store.loadEntities();
    expect(stored.find((record) => record.entityId === "@account@alice")?.state).toBe("100");
  });

  it("answers calls from orchestrations, after earlier signals from the same orchestration", async () => {
    const id = await test.engine.startNew("UsesEntity", { input: "bob" });
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: 15 });
    const sent = (await test.engine.getHistory(id)).filter((event) => event.EventType === 14);
    expect(sent.map((event) => [event.EventId, event.InstanceId, event.Name])).toEqual([
      [0, "@account@bob", "deposit"], [1, "@account@bob", "deposit"], [2, "@account@bob", "get"],
    ]);
  });

  it("reports a missing entity as not existing, and one that destructs itself as gone", async () => {
    const account = { name: "Account", key: "carol" };
    expect(await test.engine.readEntityState(account)).toEqual({ exists: false, state: undefined });
    await test.engine.signalEntity(account, "deposit", 1);
    await test.engine.whenIdle();
    await test.engine.signalEntity(account, "delete");
    await test.engine.whenIdle();
    expect(await test.engine.readEntityState(account)).toEqual({ exists: false, state: undefined });
  });

  it("hands an operation's failure to the calling orchestration as an error", async () => {
    const id = await test.engine.startNew("EntityFailure");
    await test.engine.whenIdle();
    expect(await test.engine.getStatus(id)).toMatchObject({ runtimeStatus: "Completed", output: { caught: true } });
  });

  it("delivers signals an entity sends to another entity", async () => {
    await test.engine.signalEntity({ name: "Account", key: "from" }, "deposit", 50);
    await test.engine.signalEntity({ name: "Account", key: "from" }, "transfer", { to: "to", amount: 20 });
    await test.engine.whenIdle();
    expect(await test.engine.readEntityState({ name: "Account", key: "from" })).toEqual({ exists: true, state: 30 });
    expect(await test.engine.readEntityState({ name: "Account", key: "to" })).toEqual({ exists: true, state: 20 });
  });
});
