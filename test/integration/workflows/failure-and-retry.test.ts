// A Site Recovery job that fails in group 2 (app) stops the failover before group 3 (web) and before any traffic
// switch, and the operation names the item with ASR's error. A retry, a new operation on the same plan, resumes:
// the items already failed over are skipped, only the failed one is tried again.
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { countBy, itemActionPosts, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(600_000);

interface EstateItem {
  id: string;
  name: string;
  vmName: string;
  tier: string;
}

let lab: Lab;
let items: EstateItem[];

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  items = (await lab.control<{ protectedItems: EstateItem[] }>("GET", "/_emulator/estate")).body.protectedItems;
  expect((await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) })).status).toBe(201);
});

afterAll(async () => {
  await lab?.stop();
});

const accepted = (log: Awaited<ReturnType<Lab["emulatorRequests"]>>) => itemActionPosts(log).filter((entry) => entry.status === 202);
const itemOf = (path: string): string => path.split("/").slice(-2, -1)[0] as string;

describe("a failing job in group 2", () => {
  let failedApp: EstateItem;
  let first: Operation;

  it("stops the failover before group 3 and the traffic switch, naming the item and ASR's error", async () => {
    failedApp = items.find((item) => item.tier === "app") as EstateItem;
    const faults = await lab.control("POST", "/_emulator/faults", {
      failJobs: { items: [failedApp.vmName], code: "70038", message: "The replica virtual machine could not be started." },
    });
    expect(faults.status).toBe(200);
    first = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "first try" })).id);
    expect(first.status).toBe("failed");
    expect(first.error).toMatchObject({ code: "70038", message: "The replica virtual machine could not be started." });
    expect(first.error?.item?.toLowerCase()).toBe(failedApp.id.toLowerCase());
    expect(first.steps.filter((step) => step.group === "web").every((step) => step.status === "skipped")).toBe(true);
    expect(first.steps.find((step) => step.id === "traffic")?.status).toBe("skipped");

    const log = await lab.emulatorRequests();
    const webNames = new Set(items.filter((item) => item.tier === "web").map((item) => item.name));
    expect(accepted(log).filter((entry) => webNames.has(itemOf(entry.path)))).toHaveLength(0);
    expect(trafficChanges(log)).toHaveLength(0);
  });

  it("resumes on retry without repeating the items that had finished", async () => {
    expect((await lab.control("POST", "/_emulator/faults", {})).status).toBe(200);
    const retry = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "retry" })).id);
    expect(retry.status).toBe("succeeded");

    const finishedBefore = first.steps.filter((step) => step.item !== undefined && step.status === "succeeded").map((step) => step.item as string);
    expect(finishedBefore.length).toBeGreaterThan(0);
    for (const item of finishedBefore) expect(retry.steps.find((step) => step.item === item)?.status).toBe("skipped");

    const log = await lab.emulatorRequests();
    const perItem = countBy(accepted(log), (entry) => itemOf(entry.path));
    expect(Object.keys(perItem).sort()).toEqual(items.map((item) => item.name).sort());
    for (const item of items) expect(perItem[item.name]).toBe(item.name === failedApp.name ? 2 : 1);
    expect(trafficChanges(log)).toHaveLength(1);
  });
});
