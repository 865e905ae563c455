// The whole round trip through the real app: failover, commit, then failback (reprotect -> healthy reverse
// replication -> failover back -> commit -> reprotect -> traffic back to the primary endpoint), for the A2A `shop`
// estate; failover and failback of the `hybrid` one (Hyper-V and VMware/InMageRcm items, whose providers need
// different calls and inputs).
import type { Operation } from "@standby/client/contract";
import type { RequestLogEntry } from "../../../local/arm/server/request-log";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { countBy, itemActionPosts, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(1_200_000);

interface EstateView {
  subscriptionId: string;
  resourceGroup: string;
  vaults: { name: string }[];
  protectedItems: { id: string; name: string; tier: string; instanceType: string }[];
  trafficManagerProfiles: { id: string; endpoints: { name: string; priority: number }[] }[];
}

/** Action name -> count, per item name, of the accepted action POSTs. */
function actionsPerItem(log: readonly RequestLogEntry[]): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const entry of itemActionPosts(log).filter((candidate) => candidate.status === 202)) {
    const [item, action] = entry.path.split("/").slice(-2) as [string, string];
    result[item] = { ...(result[item] ?? {}), [action]: (result[item]?.[action] ?? 0) + 1 };
  }
  return result;
}

async function endpointStatuses(lab: Lab, profileId: string): Promise<Record<string, string>> {
  const profile = (await fetch(`${lab.armUrl}${profileId}?api-version=2022-04-01`).then((response) => response.json())) as {
    properties: { endpoints: { name: string; properties: { endpointStatus: string } }[] };
  };
  return Object.fromEntries(profile.properties.endpoints.map((endpoint) => [endpoint.name, endpoint.properties.endpointStatus]));
}

async function roundTrip(lab: Lab, plan: Record<string, unknown>): Promise<Operation> {
  expect((await api(lab, "PUT", `/plans/${plan.name as string}`, { json: plan })).status).toBe(201);
  const failover = await runUntil(lab, (await startOperation(lab, `/plans/${plan.name as string}/failover`, { mode: "planned", reason: "move out" })).id);
  expect(failover.status).toBe("succeeded");
  const commit = await runUntil(lab, (await startOperation(lab, `/plans/${plan.name as string}/commit`, { reason: "make it final" })).id);
  expect(commit.status).toBe("succeeded");
  const failback = await runUntil(lab, (await startOperation(lab, `/plans/${plan.name as string}/failback`, { reason: "come home" })).id, { limitMs: 12 * 3600_000 });
  return failback;
}

describe("failback of shop (A2A)", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ estate: "shop" });
  });
  afterAll(async () => lab?.stop());

  it("brings every item back and traffic back to the primary endpoint, each action once per direction", async () => {
    const plan = await shopPlan(lab);
    const failback = await roundTrip(lab, plan);
    expect({ status: failback.status, error: failback.error }).toEqual({ status: "succeeded", error: undefined });
    expect(failback.steps.find((step) => step.id === "replication/healthy")?.status).toBe("succeeded");
    const traffic = plan.traffic as { profile: string; primaryEndpoint: string; standbyEndpoint: string };
    const statuses = await endpointStatuses(lab, traffic.profile);
    expect(statuses[traffic.primaryEndpoint]).toBe("Enabled");

    const log = await lab.emulatorRequests();
    expect(trafficChanges(log).filter((entry) => entry.status === 200)).toHaveLength(2);
    for (const actions of Object.values(actionsPerItem(log))) {
      // A2A: out and back are both unplanned failovers (the planned way shuts the source down first).
      expect(actions).toEqual({ unplannedFailover: 2, failoverCommit: 2, reProtect: 2 });
    }
  });
});

describe("failover and failback of hybrid (Hyper-V and InMageRcm)", () => {
  let lab: Lab;
  let estate: EstateView;
  let providerOf: Map<string, string>;
  let plan: Record<string, unknown>;
  beforeAll(async () => {
    lab = await startLab({ estate: "hybrid" });
    estate = (await lab.control<EstateView>("GET", "/_emulator/estate")).body;
    providerOf = new Map(estate.protectedItems.map((item) => [item.name, item.instanceType]));
    const tiers = [...new Set(estate.protectedItems.map((item) => item.tier))];
    const profile = estate.trafficManagerProfiles[0];
    const [primary, standby] = [...(profile?.endpoints ?? [])].sort((a, b) => a.priority - b.priority);
    plan = {
      name: "hybrid",
      vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name },
      objectives: { rpoSeconds: 3600, rtoSeconds: 7200 },
      groups: tiers.map((tier) => ({ name: tier, items: estate.protectedItems.filter((item) => item.tier === tier).map((item) => item.id) })),
      ...(profile === undefined ? {} : { traffic: { profile: profile.id, primaryEndpoint: primary?.name, standbyEndpoint: standby?.name } }),
    };
  });
  afterAll(async () => lab?.stop());

  it("fails over with each provider's planned path: Hyper-V plannedFailover, InMageRcm unplannedFailover with shutdown", async () => {
    expect((await api(lab, "PUT", "/plans/hybrid", { json: plan })).status).toBe(201);
    const failover = await runUntil(lab, (await startOperation(lab, "/plans/hybrid/failover", { mode: "planned", reason: "move out" })).id);
    expect({ status: failover.status, error: failover.error }).toEqual({ status: "succeeded", error: undefined });
    const perItem = actionsPerItem(await lab.emulatorRequests());
    const byProvider = countBy(Object.keys(perItem), (item) => providerOf.get(item) ?? "?");
    expect(byProvider.HyperVReplicaAzure).toBeGreaterThan(0);
    expect(byProvider.InMageRcm).toBeGreaterThan(0);
    for (const [item, actions] of Object.entries(perItem)) {
      expect(actions).toEqual(providerOf.get(item) === "HyperVReplicaAzure" ? { plannedFailover: 1 } : { unplannedFailover: 1 });
    }
    const commit = await runUntil(lab, (await startOperation(lab, "/plans/hybrid/commit", { reason: "make it final" })).id);
    expect(commit.status).toBe("succeeded");
  });

  it("fails every item back without force: Hyper-V with no reprotect first, InMageRcm after a reprotect to on-premises", async () => {
    // Without force: a Hyper-V item running in Azure reports no RPO, and neither planned failback is held to the RPO
    // budget because both synchronize the data themselves. The InMageRcm reprotects carry the ids the SDK insists on
    // (reprotect agent, datastore and log storage towards on-premises; process server and policy back to Azure): the
    // real client refuses to send them otherwise, so each accepted reProtect POST shows they were read from live state.
    const before = actionsPerItem(await lab.emulatorRequests());
    const failback = await runUntil(lab, (await startOperation(lab, "/plans/hybrid/failback", { reason: "come home" })).id, { limitMs: 12 * 3600_000 });
    expect({ status: failback.status, error: failback.error }).toEqual({ status: "succeeded", error: undefined });
    const after = actionsPerItem(await lab.emulatorRequests());
    const added = (item: string): Record<string, number> =>
      Object.fromEntries(
        Object.entries(after[item] ?? {})
          .map(([action, count]): [string, number] => [action, count - (before[item]?.[action] ?? 0)])
          .filter(([, count]) => count > 0),
      );
    const kinds = countBy(estate.protectedItems, (item) => item.instanceType);
    expect(kinds.HyperVReplicaAzure).toBeGreaterThan(0);
    expect(kinds.InMageRcm).toBeGreaterThan(0);
    for (const item of estate.protectedItems) {
      expect({ item: item.name, actions: added(item.name) }).toEqual({
        item: item.name,
        actions:
          item.instanceType === "HyperVReplicaAzure"
            ? { plannedFailover: 1, failoverCommit: 1, reProtect: 1 }
            : { reProtect: 2, plannedFailover: 1, failoverCommit: 1 },
      });
    }
    const traffic = plan.traffic as { profile: string; primaryEndpoint: string };
    expect((await endpointStatuses(lab, traffic.profile))[traffic.primaryEndpoint]).toBe("Enabled");
  });
});
