// The host SIGKILLed at several points of a failover and started again on the same storage: the failover still
// completes, and the emulator's log shows exactly one accepted action POST per item and one Traffic Manager change.
import { startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";
import { countBy, itemActionPosts, readOperation, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(900_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

it("completes through crashes with one action per item and one traffic change", async () => {
  const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "crash drill" });
  // Right after the start (the first POSTs may be in flight), in the middle of the db group, during the app group,
  // and once the web group runs.
  await lab.restartHost({ kill: "SIGKILL" });
  await lab.advance(5 * 60_000, { stepMs: 60_000 });
  await lab.restartHost({ kill: "SIGKILL" });
  await runUntil(lab, started.id, { until: (operation) => operation.steps.some((step) => step.group === "app" && step.status === "running") });
  await lab.restartHost({ kill: "SIGKILL" });
  await runUntil(lab, started.id, { until: (operation) => operation.steps.some((step) => step.group === "web" && step.status === "running") });
  await lab.restartHost({ kill: "SIGKILL" });
  const operation = await runUntil(lab, started.id);
  expect(operation.status).toBe("succeeded");
  expect((await readOperation(lab, started.id)).result?.rtoSeconds).toBeGreaterThan(0);

  const log = await lab.emulatorRequests();
  const posts = itemActionPosts(log).filter((entry) => entry.status === 202);
  const perItem = countBy(posts, (entry) => entry.path.split("/").slice(-2, -1)[0] as string);
  const itemCount = operation.steps.filter((step) => step.item !== undefined).length;
  expect(Object.keys(perItem)).toHaveLength(itemCount);
  expect(Object.values(perItem).every((count) => count === 1)).toBe(true);
  expect(trafficChanges(log).filter((entry) => entry.status === 200)).toHaveLength(1);
});
