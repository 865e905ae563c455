// The blob stores and the plan lock against Azurite: conditional writes, paging, the operation indexes, and the
// lock's atomicity under concurrent starters.
import { BlobServiceClient } from "@azure/storage-blob";
import type { Operation } from "@standby/client/contract";
import { OperationStore } from "../../../functions/activities/storage/operation-store";
import { PlanLock, type HolderState } from "../../../functions/activities/storage/plan-lock";
import { PlanStore } from "../../../functions/activities/storage/plan-store";
import { createStorageActivities } from "../../../functions/activities/storage/activities";
import { isDomainError } from "../../../functions/core/errors";
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";

let azurite: RunningAzurite;
let service: BlobServiceClient;
let containerCount = 0;
const container = () => service.getContainerClient(`store-test-${++containerCount}`);

beforeAll(async () => {
  azurite = await startAzurite();
  service = BlobServiceClient.fromConnectionString(azurite.connectionString);
});

afterAll(async () => {
  await azurite?.stop();
});

const plan = (name: string, description?: string) => ({
  name,
  ...(description ? { description } : {}),
  vault: { subscriptionId: "s", resourceGroup: "rg", name: "v" },
  objectives: { rpoSeconds: 300, rtoSeconds: 1800 },
  groups: [{ name: "db", items: ["db-1"] }],
});

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("PlanStore", () => {
  it("creates, replaces under If-Match and deletes under If-Match", async () => {
    const store = new PlanStore(container());
    const created = await store.put(plan("a"), { ifNoneMatch: "*" });
    expect(created.created).toBe(true);
    expect(await codeOf(store.put(plan("a"), { ifNoneMatch: "*" }))).toBe("PlanVersionConflict");
    const replaced = await store.put(plan("a", "v2"), { ifMatch: created.etag });
    expect(replaced).toMatchObject({ created: false });
    expect(replaced.etag).not.toBe(created.etag);
    expect(await codeOf(store.put(plan("a", "v3"), { ifMatch: created.etag }))).toBe("PlanVersionConflict");
    expect((await store.get("a"))?.plan.description).toBe("v2");
    expect(await codeOf(store.delete("a", { ifMatch: created.etag }))).toBe("PlanVersionConflict");
    await store.delete("a", { ifMatch: replaced.etag });
    expect(await store.get("a")).toBeUndefined();
    expect(await codeOf(store.delete("a"))).toBe("PlanNotFound");
  });

  it("overwrites without conditions and says whether it created", async () => {
    const store = new PlanStore(container());
    expect((await store.put(plan("b"))).created).toBe(true);
    expect((await store.put(plan("b", "again"))).created).toBe(false);
    expect((await store.get("b"))?.plan.description).toBe("again");
  });

  it("refuses names that are not plan names before touching storage", async () => {
    const store = new PlanStore(container());
    for (const name of ["../x", "a/b", "A", "", "x".repeat(64), "a.json"]) expect(await codeOf(store.get(name))).toBe("RequestInvalid");
    expect(await codeOf(store.put(plan("../evil")))).toBe("RequestInvalid");
  });

  it("pages through every plan exactly once, passing over blobs it did not write", async () => {
    const client = container();
    const store = new PlanStore(client);
    await client.createIfNotExists();
    await client.getBlockBlobClient("Not A Plan.json").upload("{}", 2);
    await client.getBlockBlobClient("notes.txt").upload("hi", 2);
    const names = ["p1", "p2", "p3", "p4", "p5"];
    await Promise.all(names.map((name) => store.put(plan(name))));
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await store.list({ maxPageSize: 2, ...(token ? { continuationToken: token } : {}) });
      expect(page.plans.length).toBeLessThanOrEqual(2);
      seen.push(...page.plans.map((stored) => stored.plan.name));
      token = page.continuationToken;
    } while (token !== undefined);
    expect(seen.sort()).toEqual(names);
  });
});

const operation = (id: string, planName: string, status: Operation["status"], createdAt: string): Operation => ({
  id,
  plan: planName,
  kind: "failover",
  status,
  startedBy: "tester",
  reason: "test",
  createdAt,
  updatedAt: createdAt,
  steps: [],
});

describe("OperationStore", () => {
  it("lists newest first, by plan and by status, following saves", async () => {
    const store = new OperationStore(container());
    await store.save(operation("op-1", "shop", "succeeded", "2026-01-01T00:00:00.000Z"));
    await store.save(operation("op-2", "shop", "running", "2026-01-02T00:00:00.000Z"));
    await store.save(operation("op-3", "other", "running", "2026-01-03T00:00:00.000Z"));
    expect((await store.list({ maxPageSize: 10 })).operations.map((op) => op.id)).toEqual(["op-3", "op-2", "op-1"]);
    expect((await store.list({ maxPageSize: 10, plan: "shop" })).operations.map((op) => op.id)).toEqual(["op-2", "op-1"]);
    expect((await store.list({ maxPageSize: 10, status: "running" })).operations.map((op) => op.id)).toEqual(["op-3", "op-2"]);

    await store.save({ ...operation("op-2", "shop", "failed", "2026-01-02T00:00:00.000Z"), updatedAt: "2026-01-02T01:00:00.000Z" });
    expect((await store.list({ maxPageSize: 10, plan: "shop", status: "running" })).operations).toEqual([]);
    expect((await store.get("op-2"))?.status).toBe("failed");
  });

  it("lists an operation once even when a later version carries another creation time", async () => {
    const store = new OperationStore(container());
    await store.save(operation("op-5", "shop", "running", "2026-01-01T00:00:00.000Z"));
    await store.save(operation("op-5", "shop", "succeeded", "2026-01-01T00:00:07.000Z"));
    expect((await store.list({ maxPageSize: 10 })).operations.map((op) => [op.id, op.status])).toEqual([["op-5", "succeeded"]]);
    expect((await store.list({ maxPageSize: 10, plan: "shop", status: "succeeded" })).operations.map((op) => op.id)).toEqual(["op-5"]);
  });

  it("keeps a newer document when the starter's first version arrives late", async () => {
    const store = new OperationStore(container());
    await store.save(operation("op-9", "shop", "running", "2026-01-01T00:00:00.000Z"));
    const newer = { ...operation("op-9", "shop", "succeeded", "2026-01-01T00:00:00.000Z") };
    await store.save(newer);
    expect(await store.saveIfAbsent(operation("op-9", "shop", "running", "2026-01-01T00:00:00.000Z"))).toBe(false);
    expect((await store.get("op-9"))?.status).toBe("succeeded");
  });
});

describe("PlanLock", () => {
  const states = new Map<string, HolderState>();
  const probe = async (id: string): Promise<HolderState> => states.get(id) ?? "unknown";

  it("admits exactly one of many concurrent starters, and the others learn who holds the plan", async () => {
    const lock = new PlanLock(container());
    const ids = Array.from({ length: 20 }, (_, index) => `op-${index}`);
    for (const id of ids) states.set(id, "active");
    const results = await Promise.all(ids.map((id) => lock.acquire("shop", id, "failover", probe)));
    const winners = ids.filter((_, index) => results[index]?.acquired);
    expect(winners).toHaveLength(1);
    for (const result of results) if (!result.acquired) expect(result.holder.operationId).toBe(winners[0]);
  });

  it("takes over a lock whose operation has ended, and only one of several takes it", async () => {
    const lock = new PlanLock(container());
    states.set("old", "active");
    expect((await lock.acquire("shop", "old", "failover", probe)).acquired).toBe(true);
    states.set("old", "ended");
    const ids = ["n1", "n2", "n3", "n4", "n5"];
    for (const id of ids) states.set(id, "active");
    const results = await Promise.all(ids.map((id) => lock.acquire("shop", id, "failover", probe)));
    expect(results.filter((result) => result.acquired)).toHaveLength(1);
  });

  it("respects an unknown holder during the grace period and takes over after it", async () => {
    let now = 1_000_000;
    const lock = new PlanLock(container(), { unknownHolderGraceMs: 60_000, now: () => now });
    expect((await lock.acquire("shop", "starting", "failover", probe)).acquired).toBe(true);
    const early = await lock.acquire("shop", "second", "failover", probe);
    expect(early).toEqual({ acquired: false, holder: expect.objectContaining({ operationId: "starting" }) });
    now += 60_001;
    expect((await lock.acquire("shop", "second", "failover", probe)).acquired).toBe(true);
  });

  it("releases only for the holder, and releasing twice is harmless", async () => {
    const lock = new PlanLock(container());
    states.set("holder", "active");
    expect((await lock.acquire("shop", "holder", "commit", probe)).acquired).toBe(true);
    expect(await lock.release("shop", "intruder")).toBe(false);
    expect((await lock.activeHolder("shop", probe))?.operationId).toBe("holder");
    const activities = createStorageActivities({ operations: new OperationStore(container()), lock });
    expect(await activities.releasePlanLock({ plan: "shop", operationId: "holder" })).toBe(true);
    expect(await activities.releasePlanLock({ plan: "shop", operationId: "holder" })).toBe(false);
    expect(await lock.activeHolder("shop", probe)).toBeUndefined();
    expect((await lock.acquire("shop", "next", "failover", probe)).acquired).toBe(true);
  });
});
