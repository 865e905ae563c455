// Unplanned failover of shop to the newest application-consistent recovery points, and the operation's events on
// the Event Grid topic (CloudEvents with the plan as source).
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { itemActionPosts, runUntil, startOperation } from "./workflow-lab";

jest.setTimeout(600_000);

interface RecordedEvent {
  type: string;
  event: { source?: string; subject?: string; id?: string; data?: { operationId?: string; status?: string } };
}

let lab: Lab;
let operation: Operation;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  expect((await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) })).status).toBe(201);
  // Past the first hour of replication, so every item has an application-consistent point behind it.
  await lab.advance(70 * 60_000, { stepMs: 10 * 60_000 });
  operation = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "unplanned", recoveryPoint: "latestApplicationConsistent", reason: "region down" })).id);
});

afterAll(async () => {
  await lab?.stop();
});

it("fails every item over without waiting for the source, to an application-consistent point", async () => {
  expect(operation.status).toBe("succeeded");
  const posts = itemActionPosts(await lab.emulatorRequests()).filter((entry) => entry.status === 202);
  expect(posts.length).toBe(operation.steps.filter((step) => step.item !== undefined).length);
  expect(posts.every((entry) => entry.path.endsWith("/unplannedFailover"))).toBe(true);
  const points = operation.result?.recoveryPoints ?? [];
  expect(points).toHaveLength(posts.length);
  // The emulator takes application-consistent points on the hour (its policy's frequency), crash-consistent ones every 5 minutes.
  for (const point of points) {
    expect(Date.parse(point.recoveryPointTime) % 3_600_000).toBe(0);
    expect(point.dataLossSeconds).toBeGreaterThan(0);
  }
});

it("published Started and Completed as CloudEvents from /standby/plans/shop", async () => {
  const events = (await lab.control<RecordedEvent[]>("GET", "/_emulator/eventgrid/events")).body.filter((event) => event.type.startsWith("Standby.Operation."));
  const mine = events.filter((event) => event.event.data?.operationId === operation.id);
  expect(mine.map((event) => event.type)).toEqual(["Standby.Operation.Started", "Standby.Operation.Completed"]);
  for (const event of mine) {
    expect(event.event.source).toBe("/standby/plans/shop");
    expect(event.event.subject).toBe(`operations/${operation.id}`);
  }
  expect(mine[1]?.event.data?.status).toBe("succeeded");
});
