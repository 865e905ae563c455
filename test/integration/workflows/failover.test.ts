// Failover of the lab's `shop` estate through the real app in the local host, against the ARM emulator and
// Azurite, on a virtual clock: the API starts it, the durable workflow runs it, the emulator's request log shows
// what reached ARM.
import type { Operation } from "@standby/client/contract";
import { api, startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";
import { countBy, itemActionPosts, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(600_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

describe("planned failover of shop", () => {
  let operation: Operation;

  it("succeeds with every item failed over group by group and traffic on the standby endpoint", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "planned move" });
    operation = await runUntil(lab, started.id);
    expect(operation.status).toBe("succeeded");
    const items = operation.steps.filter((step) => step.item !== undefined);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((step) => step.status === "succeeded" && step.jobId !== undefined)).toBe(true);
    // Groups in order: every db item ended before any app item started, every app item before any web item.
    const endOf = (group: string) => Math.max(...items.filter((step) => step.group === group).map((step) => Date.parse(step.endedAt as string)));
    const startOf = (group: string) => Math.min(...items.filter((step) => step.group === group).map((step) => Date.parse(step.startedAt as string)));
    expect(endOf("db")).toBeLessThanOrEqual(startOf("app"));
    expect(endOf("app")).toBeLessThanOrEqual(startOf("web"));
  });

  it("sent exactly one action POST per item (A2A planned = unplannedFailover) and one Traffic Manager change", async () => {
    const log = await lab.emulatorRequests();
    const posts = itemActionPosts(log);
    const perItem = countBy(posts, (entry) => entry.path.split("/").slice(-2, -1)[0] as string);
    const items = operation.steps.filter((step) => step.item !== undefined);
    expect(Object.keys(perItem)).toHaveLength(items.length);
    expect(Object.values(perItem).every((count) => count === 1)).toBe(true);
    expect(posts.every((entry) => entry.path.toLowerCase().endsWith("/unplannedfailover"))).toBe(true);
    expect(trafficChanges(log)).toHaveLength(1);
  });

  it("measured the RTO up to the traffic switch and the recovery point of each item", () => {
    const traffic = operation.steps.find((step) => step.id === "traffic");
    expect(traffic?.status).toBe("succeeded");
    expect(operation.result?.rtoSeconds).toBeCloseTo((Date.parse(traffic?.endedAt as string) - Date.parse(operation.createdAt)) / 1000, 0);
    expect(operation.result?.recoveryPoints).toHaveLength(operation.steps.filter((step) => step.item !== undefined).length);
    // The default choice, latest processed: the newest point, crash-consistent ones being taken every 5 minutes.
    for (const point of operation.result?.recoveryPoints ?? []) {
      expect(Date.parse(point.recoveryPointTime) % 300_000).toBe(0);
      expect(point.dataLossSeconds).toBeGreaterThanOrEqual(0);
      expect(point.dataLossSeconds).toBeLessThan(30 * 60);
    }
  });

  it("left the standby endpoint enabled and the primary disabled, and released the plan", async () => {
    const estate = (await lab.control<{ trafficManagerProfiles: { id: string }[] }>("GET", "/_emulator/estate")).body;
    expect(estate.trafficManagerProfiles.length).toBeGreaterThan(0);
    const plan = (await api<{ traffic: { primaryEndpoint: string; standbyEndpoint: string } }>(lab, "GET", "/plans/shop")).body;
    const profileId = estate.trafficManagerProfiles[0]?.id as string;
    const profile = await fetch(`${lab.armUrl}${profileId}?api-version=2022-04-01`).then((response) => response.json() as Promise<{ properties: { endpoints: { name: string; properties: { endpointStatus: string } }[] } }>);
    const status = (name: string) => profile.properties.endpoints.find((endpoint) => endpoint.name === name)?.properties.endpointStatus;
    expect(status(plan.traffic.primaryEndpoint)).toBe("Disabled");
    expect(status(plan.traffic.standbyEndpoint)).toBe("Enabled");
    // The plan lock is free again: another operation is accepted.
    const commit = await api<Operation>(lab, "POST", "/plans/shop/commit", { json: { reason: "make it final" } });
    expect(commit.status).toBe(202);
    const committed = await runUntil(lab, commit.body.id);
    expect(committed.status).toBe("succeeded");
  });
});
