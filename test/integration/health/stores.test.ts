// The monitor's blob stores against Azurite: the health snapshot is only ever replaced by a newer one, and signals
// delivered side by side all survive the ETag-guarded updates; redelivered events add nothing.
import { BlobServiceClient } from "@azure/storage-blob";
import { AlertStore } from "../../../functions/activities/alerts/alert-store";
import type { HealthSnapshot } from "../../../functions/activities/health/health-snapshot";
import { HealthStore } from "../../../functions/activities/health/health-store";
import type { Signal } from "../../../functions/core/alerts/signals";
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";

let azurite: RunningAzurite;
let service: BlobServiceClient;
let count = 0;
const container = () => service.getContainerClient(`monitor-store-${++count}`);

beforeAll(async () => {
  azurite = await startAzurite();
  service = BlobServiceClient.fromConnectionString(azurite.connectionString);
});

afterAll(async () => {
  await azurite?.stop();
});

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);
const snapshot = (sweepId: string, atMs: number): HealthSnapshot => ({ sweepId, asOf: new Date(atMs).toISOString(), vaults: [], plans: [] });

const signal = (eventId: string, resource: string, atMs = AT): Signal => ({
  eventId,
  source: "resourceHealth",
  key: `resourceHealth:${resource}`,
  resourceId: resource,
  state: "down",
  atMs,
  summary: `${resource} down`,
});

describe("health store", () => {
  it("keeps the newest snapshot: a slow sweep that ends late does not roll health back", async () => {
    const store = new HealthStore(container());
    expect(await store.latest()).toBeUndefined();
    expect(await store.update(() => snapshot("new", AT))).toMatchObject({ sweepId: "new" });
    expect(await store.update((previous) => ({ ...snapshot("old", AT - 60_000), plans: previous?.plans ?? [] }))).toBeUndefined();
    expect((await store.latest())?.sweepId).toBe("new");
    expect(await store.update(() => snapshot("newer", AT + 60_000))).toMatchObject({ sweepId: "newer" });
  });
});

describe("alert store", () => {
  it("keeps every signal of events delivered side by side, once each", async () => {
    const store = new AlertStore(container());
    await Promise.all(Array.from({ length: 8 }, (_, index) => store.addSignals("shop", [signal(`e${index}`, `vm-${index}`)], AT)));
    await store.addSignals("shop", [signal("e3", "vm-3")], AT);
    const kept = await store.signals("shop");
    expect(kept.signals.map((entry) => entry.eventId).sort()).toEqual(["e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7"]);
  });

  it("drops signals older than a day and remembers the last automatic start", async () => {
    const store = new AlertStore(container());
    await store.addSignals("shop", [signal("old", "vm-1", AT - 25 * 3_600_000)], AT - 25 * 3_600_000);
    await store.addSignals("shop", [signal("new", "vm-2", AT)], AT);
    await store.setLastAutoStart("shop", { operationId: "failover-1", atMs: AT });
    expect(await store.signals("shop")).toEqual({ signals: [signal("new", "vm-2", AT)], lastAutoStart: { operationId: "failover-1", atMs: AT } });
  });

  it("lists decisions and events newest first, and refuses a plan name that is not one", async () => {
    const store = new AlertStore(container());
    await store.recordEvent({ receivedAtMs: AT, outcome: "ignored", reason: "first", signals: [], plans: [] });
    await store.recordEvent({ receivedAtMs: AT + 1000, outcome: "ignored", reason: "second", signals: [], plans: [] });
    expect((await store.events()).map((event) => event.reason)).toEqual(["second", "first"]);
    await expect(store.signals("../etc")).rejects.toMatchObject({ code: "RequestInvalid" });
  });
});
