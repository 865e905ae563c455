// Import of the emulator's ASR recovery plan through the real app and the real Site Recovery client.
import type { Plan, Readiness } from "@standby/client/contract";
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;
let vault: { subscriptionId: string; resourceGroup: string; name: string };

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const estate = (await lab.control<{ subscriptionId: string; resourceGroup: string; vaults: { name: string }[] }>("GET", "/_emulator/estate")).body;
  vault = { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name as string };
});

afterAll(async () => {
  await lab?.stop();
});

describe("POST /plans/{plan}/import", () => {
  it("creates the plan from the recovery plan's boot groups, in ASR's order, and the plan validates", async () => {
    const answer = await api<Plan>(lab, "POST", "/plans/imported/import", { json: { vault, recoveryPlanName: "shop-plan" }, headers: { "if-none-match": "*" } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("etag")).toBeTruthy();
    expect(answer.body.groups.map((group) => group.name)).toEqual(["group-1", "group-2", "group-3"]);
    expect(answer.body.groups.every((group) => group.items.length === 2)).toBe(true);
    const stored = await api<Plan>(lab, "GET", "/plans/imported");
    expect(stored.body).toEqual(answer.body);
    const readiness = await api<Readiness>(lab, "POST", "/plans/imported/validate");
    expect(readiness.body.findings.filter((finding) => finding.code === "ItemNotFound")).toEqual([]);
  });

  it("refuses to create it twice with If-None-Match: *", async () => {
    const again = await api(lab, "POST", "/plans/imported/import", { json: { vault, recoveryPlanName: "shop-plan" }, headers: { "if-none-match": "*" } });
    expect(again.status).toBe(412);
  });

  it("answers 404 problem+json for a recovery plan the vault does not have", async () => {
    const answer = await api(lab, "POST", "/plans/other/import", { json: { vault, recoveryPlanName: "no-such-plan" } });
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain("application/problem+json");
    expect((await api(lab, "GET", "/plans/other")).status).toBe(404);
  });
});

describe("POST /plans/{plan}/import of a recovery plan with a script action", () => {
  let hybrid: Lab;

  beforeAll(async () => {
    hybrid = await startLab({ estate: "hybrid" });
  });

  afterAll(async () => {
    await hybrid?.stop();
  });

  it("refuses with 422, locating the script action in the ASR plan, and stores nothing", async () => {
    const estate = (await hybrid.control<{ subscriptionId: string; resourceGroup: string; vaults: { name: string }[] }>("GET", "/_emulator/estate")).body;
    const hybridVault = { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name as string };
    const answer = await api<{ type: string; errors: { pointer: string; message: string }[] }>(hybrid, "POST", "/plans/erp/import", {
      json: { vault: hybridVault, recoveryPlanName: "erp-plan" },
    });
    expect(answer.status).toBe(422);
    expect(answer.contentType).toContain("application/problem+json");
    expect(answer.body.type).toMatch(/ImportUnsupported$/);
    expect(answer.body.errors).toEqual([{ pointer: expect.stringMatching(/^\/properties\/groups\/\d+\/startGroupActions\/0$/), message: expect.stringContaining("FlushErpQueues") }]);
    expect((await api(hybrid, "GET", "/plans/erp")).status).toBe(404);
  });
});
