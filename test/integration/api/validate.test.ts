// Readiness of a plan against the emulator's live Site Recovery and Traffic Manager state, read by the real app
// through the real ARM clients.
import type { Readiness } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  // A plan that names an item the vault does not have and endpoints the profile does not have.
  const broken = { ...plan, name: "broken", groups: [...(plan.groups as object[]), { name: "ghost", items: ["no-such-item"] }], traffic: { ...(plan.traffic as object), standbyEndpoint: "nowhere" } };
  expect((await api(lab, "PUT", "/plans/broken", { json: broken })).status).toBe(201);
});

afterAll(async () => {
  await lab?.stop();
});

describe("POST /plans/{plan}/validate", () => {
  it("scores a healthy estate high, finding no errors, after reading the vault by listing", async () => {
    await lab.control("DELETE", "/_emulator/requests");
    const answer = await api<Readiness>(lab, "POST", "/plans/shop/validate");
    expect(answer.status).toBe(200);
    expect(answer.body.plan).toBe("shop");
    expect(answer.body.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(answer.body.score).toBeGreaterThanOrEqual(90);
    const reads = await lab.emulatorRequests();
    // Items are listed vault-wide, never read one GET per item.
    expect(reads.filter((entry) => /\/replicationProtectedItems\/[^/]+$/i.test(entry.path))).toEqual([]);
    expect(reads.some((entry) => /\/vaults\/[^/]+\/replicationProtectedItems$/i.test(entry.path))).toBe(true);
  });

  it("reports items and endpoints that do not exist, with pointers into the plan", async () => {
    const answer = await api<Readiness>(lab, "POST", "/plans/broken/validate");
    expect(answer.status).toBe(200);
    const codes = answer.body.findings.map((finding) => `${finding.code} ${finding.pointer}`);
    expect(codes).toEqual(expect.arrayContaining(["ItemNotFound /groups/3/items/0", "EndpointNotFound /traffic/standbyEndpoint"]));
    expect(answer.body.score).toBeLessThan(90);
  });

  it("scores lower once a region outage stalls replication", async () => {
    const before = (await api<Readiness>(lab, "POST", "/plans/shop/validate")).body;
    expect((await lab.control("POST", "/_emulator/regions/eastus/outage")).status).toBe(200);
    await lab.advance(30 * 60_000, { stepMs: 5 * 60_000 });
    const after = await api<Readiness>(lab, "POST", "/plans/shop/validate");
    expect(after.status).toBe(200);
    expect(after.body.score).toBeLessThan(before.score);
    expect(after.body.findings.some((finding) => finding.severity === "error")).toBe(true);
  });

  it("answers 404 for an unknown plan", async () => {
    const answer = await api(lab, "POST", "/plans/nothing-here/validate");
    expect(answer.status).toBe(404);
    expect(answer.contentType).toContain("application/problem+json");
  });
});
