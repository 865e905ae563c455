// With 20 % of ARM calls answered 429 and 5 % answered 500, a failover of shop still completes, and no item gets
// a second accepted action (a refused POST changed nothing, so trying it again is safe).
import { startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";
import { countBy, itemActionPosts, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(900_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

it("completes under 429s and 500s with one accepted action per item and one traffic change", async () => {
  expect((await lab.control("POST", "/_emulator/faults", { rate429: 0.2, rate5xx: 0.05 })).status).toBe(200);
  const failover = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "under load" })).id);
  expect(failover.status).toBe("succeeded");
  const commit = await runUntil(lab, (await startOperation(lab, "/plans/shop/commit", { reason: "under load" })).id);
  expect(commit.status).toBe("succeeded");

  const log = await lab.emulatorRequests();
  const refused = log.filter((entry) => entry.status === 429 || entry.status === 500);
  expect(refused.length).toBeGreaterThan(0);
  const accepted = itemActionPosts(log).filter((entry) => entry.status === 202);
  const perItemAndAction = countBy(accepted, (entry) => entry.path.split("/").slice(-2).join("/"));
  const itemCount = failover.steps.filter((step) => step.item !== undefined).length;
  expect(Object.keys(perItemAndAction)).toHaveLength(2 * itemCount);
  expect(Object.values(perItemAndAction).every((count) => count === 1)).toBe(true);
  expect(trafficChanges(log).filter((entry) => entry.status === 200)).toHaveLength(1);
});
