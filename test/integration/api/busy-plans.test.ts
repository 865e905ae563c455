// What a running operation holds, through the real app: its plan cannot be replaced or imported over, no operation of
// a plan sharing an item with it can start (drill or failover), and once its workflow is terminated from outside
// (it never records its end) the operations list says so, as GET does, and everything it held is free again.
import type { Operation, Plan, ProblemDetails } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { drillPlan, putPlan } from "../drills/drill-lab";

jest.setTimeout(600_000);

let lab: Lab;
let shop: Plan;
let failover: Operation;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  shop = (await shopPlan(lab)) as Plan;
  await putPlan(lab, shop as unknown as Record<string, unknown>);
  // The database tier on its own, as operators keep it beside the whole app: it shares the shop's db items.
  await putPlan(lab, await drillPlan(lab, { name: "shop-db", groups: ["db"], probes: [] }));
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "region down" } });
  expect(started.status).toBe(202);
  failover = started.body;
});

afterAll(async () => {
  await lab?.stop();
});

function expectNamesFailover(answer: { status: number; contentType: string; body: unknown }): void {
  expect(answer.status).toBe(409);
  expect(answer.contentType).toContain("application/problem+json");
  expect((answer.body as ProblemDetails).operationId).toBe(failover.id);
}

async function storedShop(): Promise<{ etag: string | null; body: unknown }> {
  const answer = await api(lab, "GET", "/plans/shop");
  return { etag: answer.headers.get("etag"), body: answer.body };
}

describe("while a failover of shop runs", () => {
  it("refuses to replace shop or import over it, naming the failover, and the stored plan stays as it was", async () => {
    const before = await storedShop();
    const withoutWeb = { ...shop, groups: shop.groups.filter((group) => group.name !== "web") };
    expectNamesFailover(await api(lab, "PUT", "/plans/shop", { json: withoutWeb, headers: { "If-Match": before.etag as string } }));
    expectNamesFailover(await api(lab, "POST", "/plans/shop/import", { json: { vault: shop.vault, recoveryPlanName: "shop-plan" } }));
    expect(await storedShop()).toEqual(before);
  });

  it("still creates a new plan", async () => {
    expect((await api(lab, "PUT", "/plans/shop-web", { json: { ...shop, name: "shop-web", groups: shop.groups.filter((group) => group.name === "web") } })).status).toBe(201);
  });

  it("refuses a drill and a failover of shop-db, which shares the db items, naming shop's failover and starting nothing", async () => {
    const drill = await api<ProblemDetails>(lab, "POST", "/plans/shop-db/drills", { json: { reason: "weekly" } });
    expectNamesFailover(drill);
    expect(drill.body.detail).toContain('plan "shop"');
    expectNamesFailover(await api(lab, "POST", "/plans/shop-db/failover", { json: { mode: "planned", reason: "db only" } }));
    const listed = await api<{ value: Operation[] }>(lab, "GET", "/operations");
    expect(listed.body.value.map((operation) => operation.id)).toEqual([failover.id]);
  });
});

describe("once the failover's workflow is terminated from outside, before it records its end", () => {
  beforeAll(async () => {
    const terminate = await fetch(
      `${lab.hostUrl}/runtime/webhooks/durabletask/instances/${failover.id}/terminate?reason=operator&code=${encodeURIComponent(lab.masterKey)}`,
      { method: "POST" },
    );
    await terminate.arrayBuffer();
    expect(terminate.status).toBe(202);
    let status = "running";
    for (let round = 0; round < 600 && status === "running"; round++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await api<Operation>(lab, "GET", `/operations/${failover.id}`)).body.status;
    }
    expect(status).toBe("canceled");
  });

  it("lists it as GET shows it, and no longer under ?status=running", async () => {
    const single = (await api<Operation>(lab, "GET", `/operations/${failover.id}`)).body;
    const listed = (await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=shop")).body.value;
    expect(listed).toEqual([single]);
    expect(single).toMatchObject({ status: "canceled", error: { code: "WorkflowTerminated" } });
    expect((await api<{ value: Operation[] }>(lab, "GET", "/operations?status=running")).body.value).toEqual([]);
  });

  it("frees shop for a replacement and shop-db for a drill", async () => {
    const before = await storedShop();
    const withoutWeb = { ...shop, groups: shop.groups.filter((group) => group.name !== "web") };
    expect((await api(lab, "PUT", "/plans/shop", { json: withoutWeb, headers: { "If-Match": before.etag as string } })).status).toBe(200);
    expect((await api(lab, "POST", "/plans/shop-db/drills", { json: { reason: "weekly" } })).status).toBe(202);
  });
});
