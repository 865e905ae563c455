// Helpers for the drill tests: a plan over the lab's `shop` estate with drill settings (the estate's test network,
// probes against the test instances the emulator serves), drill reads through the API, and ARM reads of what
// Site Recovery shows afterwards.
import type { Operation, ProbeAction } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { runUntil, startOperation } from "../workflows/workflow-lab";

export interface EstateApps {
  subscriptionId: string;
  resourceGroup: string;
  testNetworkId: string;
  vaults: { name: string }[];
  protectedItems: { id: string; name: string; vmName: string; tier: string; recoveryRegion: string; primaryRegion: string }[];
  apps: { tier: string; region: string; url: string; testUrl: string }[];
}

export async function estate(lab: Lab): Promise<EstateApps> {
  return (await lab.control<EstateApps>("GET", "/_emulator/estate")).body;
}

/** The probe of a tier's test instance in its recovery region: answers 200 only while its test copies run. */
export async function testInstanceProbe(lab: Lab, tier: string, region?: "primary"): Promise<ProbeAction> {
  const view = await estate(lab);
  const item = view.protectedItems.find((candidate) => candidate.tier === tier);
  if (item === undefined) throw new Error(`the estate has no tier ${tier}`);
  const where = region === "primary" ? item.primaryRegion : item.recoveryRegion;
  const app = view.apps.find((candidate) => candidate.tier === tier && candidate.region === where);
  if (app === undefined) throw new Error(`the estate serves no app for ${tier} in ${where}`);
  return { type: "probe", name: `${tier} test instance in ${where}`, url: app.testUrl, retries: 0 };
}

/**
 * Starts a lab on the `shop` estate whose probes may call 127.0.0.1 before the file's tests, and stops it after
 * them; the answer's `lab` is that lab once started.
 */
export function useDrillLab(): { readonly lab: Lab } {
  let started: Lab | undefined;
  beforeAll(async () => {
    started = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get lab(): Lab {
      if (started === undefined) throw new Error("the drill lab is used before it started");
      return started;
    },
  };
}

export interface DrillPlanOptions {
  name?: string;
  probes: ProbeAction[];
  schedule?: string;
  groups?: string[];
  rtoBudgetSeconds?: number;
}

/** The shop plan with drill settings; `groups` keeps only those tiers. */
export async function drillPlan(lab: Lab, options: DrillPlanOptions): Promise<Record<string, unknown>> {
  const plan = await shopPlan(lab, options.name ?? "shop");
  const view = await estate(lab);
  const groups = (plan.groups as { name: string }[]).filter((group) => options.groups === undefined || options.groups.includes(group.name));
  return {
    ...plan,
    groups,
    allowedHosts: ["127.0.0.1"],
    drill: {
      // Once a year by default, so the scheduler never starts a drill the test did not ask for.
      schedule: options.schedule ?? "0 0 3 1 1 *",
      testNetworkId: view.testNetworkId,
      probes: options.probes,
      ...(options.rtoBudgetSeconds === undefined ? {} : { rtoBudgetSeconds: options.rtoBudgetSeconds }),
    },
  };
}

export async function putPlan(lab: Lab, plan: Record<string, unknown>): Promise<void> {
  const name = plan.name as string;
  const existing = await api(lab, "GET", `/plans/${name}`);
  const headers: Record<string, string> = existing.status === 200 ? { "If-Match": existing.headers.get("etag") as string } : {};
  const answer = await api(lab, "PUT", `/plans/${name}`, { json: plan, headers });
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`PUT /plans/${name} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Starts a drill through the API and moves simulated time until it ends. */
export async function runDrill(lab: Lab, plan: string, body: unknown = { reason: "drill test" }): Promise<Operation> {
  const started = await startOperation(lab, `/plans/${plan}/drills`, body);
  return runUntil(lab, started.id, { stepMs: 30_000 });
}

export interface ItemWire {
  id: string;
  name: string;
  properties: { testFailoverState?: string; allowedOperations?: string[]; friendlyName?: string };
}

/** Every protected item as Site Recovery shows it now (the vault-wide list). */
export async function protectedItems(lab: Lab): Promise<ItemWire[]> {
  const view = await estate(lab);
  const vault = view.vaults[0]?.name as string;
  const url = `${lab.armUrl}/subscriptions/${view.subscriptionId}/resourceGroups/${view.resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vault}/replicationProtectedItems?api-version=2023-06-01`;
  const items: ItemWire[] = [];
  for (let next: string | undefined = url; next !== undefined; ) {
    const page = (await fetch(next).then((response) => response.json())) as { value: ItemWire[]; nextLink?: string };
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

/** The recovery point times Site Recovery lists for an item (epoch ms). */
export async function recoveryPointTimes(lab: Lab, itemId: string): Promise<number[]> {
  const page = (await fetch(`${lab.armUrl}${itemId}/recoveryPoints?api-version=2023-06-01`).then((response) => response.json())) as {
    value: { properties: { recoveryPointTime: string } }[];
  };
  return page.value.map((point) => Date.parse(point.properties.recoveryPointTime));
}

/** Action POSTs on one item's path, by action name (lowercase). */
export function actionsOn(log: readonly { method: string; path: string }[], itemName: string): string[] {
  return log
    .filter((entry) => entry.method === "POST" && entry.path.toLowerCase().includes(`/replicationprotecteditems/${itemName.toLowerCase()}/`))
    .map((entry) => (entry.path.split("/").pop() as string).toLowerCase());
}
