// The generated large estate served through the real client (many pages, one read per page), and random input
// thrown at the ARM write routes: ARM's error shape or a complete LRO answer, never a crash.
import fc from "fast-check";
import { generateLargeEstate } from "../../../local/estates/large";
import { type Lab, startLab } from "./harness";

interface LoggedRequest {
  path: string;
  status: number;
}

describe("large estate", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ estate: generateLargeEstate({ items: 1200, vaults: 2, containersPerVault: 3, plansPerVault: 2 }) });
  });
  afterAll(async () => lab.emulator.stop());

  it("lists a vault's 600 items in pages of 100, one read per page", async () => {
    const vault = lab.estate.vaults[1].name;
    await lab.control("DELETE", "/_emulator/requests");
    let count = 0;
    for await (const page of lab.clients.siteRecovery.replicationProtectedItems.list(vault, lab.rg).byPage()) {
      expect(page.length).toBeLessThanOrEqual(100);
      count += page.length;
    }
    expect(count).toBe(600);
    const log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    expect(log.filter((entry) => entry.path.endsWith("/replicationProtectedItems") && entry.status === 200)).toHaveLength(6);
  });

  it("serves plans of at most 100 items across the estate", async () => {
    expect(lab.estate.recoveryPlans).toHaveLength(4);
    const plan = await lab.clients.siteRecovery.replicationRecoveryPlans.get(lab.estate.recoveryPlans[0].vault, lab.rg, lab.estate.recoveryPlans[0].name);
    const size = plan.properties!.groups!.reduce((sum, group) => sum + group.replicationProtectedItems!.length, 0);
    expect(size).toBe(100);
  });
});

describe("random bad input", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());

  it("answers random requests with ARM's error shape (never a 5xx) or a complete success, and keeps priorities unique", async () => {
    const item = lab.item("shop-web-1");
    const plan = lab.estate.recoveryPlans[0];
    const profile = lab.estate.trafficManagerProfiles[0];
    const targets = [
      ...["testFailover", "testFailoverCleanup", "plannedFailover", "unplannedFailover", "reProtect", "failoverCommit", "failoverCancel", "repairReplication"].map(
        (action) => ({ method: "POST", path: `${item.id}/${action}`, version: "2023-06-01" }),
      ),
      ...["testFailover", "unplannedFailover", "plannedFailover", "reProtect"].map((action) => ({ method: "POST", path: `${plan.id}/${action}`, version: "2023-06-01" })),
      { method: "POST", path: `${lab.estate.vaults[0].id}/replicationJobs/nope/cancel`, version: "2023-06-01" },
      { method: "PATCH", path: profile.endpoints[0].id, version: "2022-04-01" },
      { method: "PUT", path: profile.endpoints[1].id, version: "2022-04-01" },
      { method: "PUT", path: profile.id, version: "2022-04-01" },
      { method: "DELETE", path: `${item.id}`, version: "2023-06-01" },
      { method: "PATCH", path: profile.id, version: "2022-04-01" },
    ];
    const jsonValue = fc.oneof(
      fc.constant("{"),
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.record({ properties: fc.dictionary(fc.constantFrom("failoverDirection", "networkId", "networkType", "priority", "endpointStatus", "weight", "providerSpecificDetails", "dnsConfig", "trafficRoutingMethod"), fc.jsonValue()) }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), jsonValue, fc.constantFrom("2023-06-01", "2022-04-01", "1999-01-01", ""), async (target, body, version) => {
        const query = version === "" ? "" : `?api-version=${version}`;
        const response = await fetch(`${lab.emulator.url}${target.path}${query}`, { method: target.method, body, headers: { "Content-Type": "application/json" } });
        const text = await response.text();
        if (response.status >= 400) {
          const parsed = JSON.parse(text) as { error: { code: string; message: string } };
          expect(typeof parsed.error.code).toBe("string");
          expect(typeof parsed.error.message).toBe("string");
          expect(response.status).toBeLessThan(500);
        } else if (response.status === 202) {
          expect(response.headers.get("azure-asyncoperation")).toBeTruthy();
          expect(response.headers.get("location")).toBeTruthy();
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    const profileAfter = await lab.clients.trafficManager.profiles.get(lab.rg, profile.name);
    const priorities = profileAfter.endpoints!.map((endpoint) => endpoint.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    const log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    expect(log.filter((entry) => entry.status >= 500)).toHaveLength(0);
  });
});
