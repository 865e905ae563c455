// The health sweep on the lab: the app reads the vault by pages, answers the health routes from its snapshot, and
// an RPO lag injected through the emulator raises exactly one RpoBreached event, then one recovery when it clears.
import type { EstateHealth, PlanHealth, ProblemDetails } from "@standby/client/contract";
import { HEALTH_EVENT_TYPE } from "../../../functions/core/alerts/health-alerts";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { publishedEvents, sweepMinutes } from "./monitor-lab";

let lab: Lab;
let dbItem: string;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  plan.objectives = { rpoSeconds: 300, rtoSeconds: 3600 };
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  dbItem = ((plan.groups as { items: string[] }[])[0]?.items[0] as string).split("/").pop() as string;
});

afterAll(async () => {
  await lab?.stop();
});

describe("health sweep", () => {
  it("answers unknown, with no time, before the first sweep", async () => {
    const answer = await api<PlanHealth>(lab, "GET", "/plans/shop/health");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ plan: "shop", status: "unknown", asOf: null, ageSeconds: null, items: [] });
  });

  it("reads the vault with one list call per page, never one GET per item, and stores a healthy snapshot", async () => {
    await lab.control("DELETE", "/_emulator/requests");
    const health = await sweepMinutes(lab, "shop", 1);
    expect(health).toMatchObject({ plan: "shop", status: "healthy", rpoObjectiveSeconds: 300 });
    expect(health.items).toHaveLength(6);
    expect(health.items.every((item) => item.status === "healthy" && typeof item.rpoSeconds === "number")).toBe(true);
    expect(health.ageSeconds).toBeGreaterThanOrEqual(0);
    const reads = (await lab.emulatorRequests()).filter((request) => /replicationProtectedItems/i.test(request.path));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.method === "GET" && /\/vaults\/[^/]+\/replicationProtectedItems$/i.test(request.path))).toBe(true);
  });

  it("lists every plan on GET /health, and needs a function key", async () => {
    const estate = await api<EstateHealth>(lab, "GET", "/health");
    expect(estate.status).toBe(200);
    expect(estate.body.plans.map((plan) => plan.plan)).toEqual(["shop"]);
    expect(estate.body.asOf).not.toBeNull();
    expect((await api(lab, "GET", "/health", { key: null })).status).toBe(401);
    const missing = await api<ProblemDetails>(lab, "GET", "/plans/nothing/health");
    expect(missing.status).toBe(404);
    expect(missing.contentType).toContain("application/problem+json");
  });

  it("raises exactly one RpoBreached event for a sustained lag and one RpoRecovered when it clears", async () => {
    await sweepMinutes(lab, "shop", 3);
    expect(await publishedEvents(lab, HEALTH_EVENT_TYPE.rpoBreached)).toHaveLength(0);

    expect((await lab.control("POST", `/_emulator/items/${dbItem}/replication`, { rpoSeconds: 3600 })).status).toBe(200);
    const lagging = await sweepMinutes(lab, "shop", 6);
    expect(lagging.status).toBe("critical");
    expect(lagging.worstRpoSeconds).toBe(3600);
    const breached = await publishedEvents(lab, HEALTH_EVENT_TYPE.rpoBreached);
    expect(breached).toHaveLength(1);
    expect(breached[0]?.event.source).toBe("/standby/plans/shop");
    expect(breached[0]?.event.data).toMatchObject({ plan: "shop", worstRpoSeconds: 3600, rpoObjectiveSeconds: 300 });

    expect((await lab.control("POST", `/_emulator/items/${dbItem}/replication`, { rpoSeconds: null })).status).toBe(200);
    const cleared = await sweepMinutes(lab, "shop", 7);
    expect(cleared.status).toBe("healthy");
    expect(await publishedEvents(lab, HEALTH_EVENT_TYPE.rpoBreached)).toHaveLength(1);
    const recovered = await publishedEvents(lab, HEALTH_EVENT_TYPE.rpoRecovered);
    expect(recovered).toHaveLength(1);
    expect(recovered[0]?.event.data).toMatchObject({ plan: "shop", status: "healthy" });
  });
});
