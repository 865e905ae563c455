// The lab's start-up drill: once the lab is up, run one drill of the `shop` plan through the public API, print its
// progress step by step as the operation reports it, and print where the report is. The plan is created from the
// emulator's estate when the lab has none yet (or given drill settings when it has none), so a fresh lab shows a
// complete drill: test failover of db, app and web into the test network, probes against the test instances,
// cleanup, report.
export interface StartupDrillTarget {
  /** The host's origin, e.g. http://127.0.0.1:7071. */
  endpoint: string;
  key: string;
  armEndpoint: string;
}

export interface StartupDrillOptions {
  plan?: string;
  /** Waits between two reads of the drill's progress; the lab waits a second of real time. */
  pause?: () => Promise<void>;
  /** Gives up following the drill after this many reads. */
  maxReads?: number;
}

export type StartupDrillOutcome = { ran: true; status: string; reportUrl?: string } | { ran: false; reason: string };

interface Step {
  id: string;
  name: string;
  item?: string;
  status: string;
  durationMs?: number;
  error?: { message: string };
}

interface OperationView {
  id: string;
  status: string;
  steps: Step[];
  result?: { rtoSeconds: number };
  error?: { message: string };
}

interface EstateView {
  subscriptionId: string;
  resourceGroup: string;
  testNetworkId: string;
  vaults: { name: string }[];
  protectedItems: { id: string; tier: string; vmName: string; recoveryRegion: string }[];
  trafficManagerProfiles: { id: string; endpoints: { name: string; priority: number }[] }[];
  apps: { tier: string; region: string; testUrl: string }[];
}

const ENDED = new Set(["succeeded", "failed", "canceled"]);
const TIERS = ["db", "app", "web"];
const LAB_PROBE_HOST = "localhost";

export async function runStartupDrill(target: StartupDrillTarget, print: (line: string) => void, options: StartupDrillOptions = {}): Promise<StartupDrillOutcome> {
  const plan = options.plan ?? "shop";
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 1000)));
  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${target.endpoint}/api/v1${path}`, {
      method,
      headers: { "x-functions-key": target.key, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get("etag") ?? undefined, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
  };
  try {
    const ready = await ensureDrillPlan(target, plan, api, print);
    if (!ready.ok) return { ran: false, reason: ready.reason };
    const started = await api("POST", `/plans/${plan}/drills`, { reason: "Start-up drill of the local lab" });
    if (started.status !== 202) {
      const reason = `the drill of ${plan} was not started: ${started.status} ${String(started.body?.detail ?? "")}`;
      print(reason);
      return { ran: false, reason };
    }
    const id = String(started.body?.id);
    print(`Drill of ${plan} started: ${id}`);
    const shown = new Map<string, string>();
    for (let read = 0; read < (options.maxReads ?? 3600); read += 1) {
      const current = (await api("GET", `/operations/${id}`)).body as OperationView | undefined;
      if (current !== undefined) {
        for (const step of current.steps) {
          if (shown.get(step.id) === step.status || step.status === "pending") continue;
          shown.set(step.id, step.status);
          print(`  ${stepLine(step)}`);
        }
        if (ENDED.has(current.status)) return await finish(target, id, current, api, print);
      }
      await pause();
    }
    return { ran: true, status: "running" };
  } catch (error) {
    const reason = `the start-up drill could not run: ${(error as Error).message}`;
    print(reason);
    return { ran: false, reason };
  }
}

type Api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; etag?: string; body?: Record<string, unknown> }>;

async function finish(target: StartupDrillTarget, id: string, operation: OperationView, api: Api, print: (line: string) => void): Promise<StartupDrillOutcome> {
  const drill = (await api("GET", `/drills/${id}`)).body as { rtoSeconds?: number; cleanup?: string; failures?: string[]; reportUrl?: string } | undefined;
  const rto = drill?.rtoSeconds === undefined ? "" : `, RTO ${Math.round(drill.rtoSeconds)} s`;
  print(`Drill ${operation.status}${rto}, cleanup ${drill?.cleanup ?? "unknown"}`);
  for (const failure of drill?.failures ?? []) print(`  ! ${failure}`);
  if (drill?.reportUrl === undefined) return { ran: true, status: operation.status };
  const reportUrl = `${target.endpoint}${drill.reportUrl}`;
  print(`Drill report: ${reportUrl}?code=${encodeURIComponent(target.key)}`);
  return { ran: true, status: operation.status, reportUrl };
}

function stepLine(step: Step): string {
  const mark = step.status === "succeeded" ? "✓" : step.status === "running" ? "…" : step.status === "failed" ? "✗" : "-";
  const item = step.item === undefined ? "" : ` ${step.item.split("/").pop() ?? step.item}`;
  const took = step.durationMs === undefined ? "" : ` (${Math.round(step.durationMs / 1000)} s simulated)`;
  const why = step.error === undefined ? "" : `: ${step.error.message}`;
  return `${mark} ${step.name}${item} ${step.status}${took}${why}`;
}

/** The plan to drill: created from the estate when missing, given drill settings when it has none. */
async function ensureDrillPlan(target: StartupDrillTarget, plan: string, api: Api, print: (line: string) => void): Promise<{ ok: true } | { ok: false; reason: string }> {
  const existing = await api("GET", `/plans/${plan}`);
  if (existing.status === 200 && existing.body?.drill !== undefined) return { ok: true };
  const estate = (await fetch(`${target.armEndpoint}/_emulator/estate`).then((response) => response.json())) as EstateView;
  const drill = drillSettings(estate);
  if (existing.status === 200) {
    const answer = await api("PUT", `/plans/${plan}`, { ...existing.body, drill }, existing.etag === undefined ? {} : { "If-Match": existing.etag });
    if (answer.status !== 200) return refused(`plan ${plan} could not be given drill settings: ${answer.status}`, print);
    print(`Plan ${plan}: drill settings added (test network ${estate.testNetworkId}).`);
    return { ok: true };
  }
  if (existing.status !== 404) return refused(`plan ${plan} could not be read: ${existing.status}`, print);
  const answer = await api("PUT", `/plans/${plan}`, planFromEstate(plan, estate, drill), { "If-None-Match": "*" });
  if (answer.status !== 201) return refused(`plan ${plan} could not be created: ${answer.status} ${JSON.stringify(answer.body)}`, print);
  print(`Plan ${plan} created from the lab's estate (groups db, app, web).`);
  return { ok: true };
}

function refused(reason: string, print: (line: string) => void): { ok: false; reason: string } {
  print(reason);
  return { ok: false, reason };
}

/** Probes of each tier's test instance in its recovery region, on the host name the lab's allow-list admits. */
function drillSettings(estate: EstateView): Record<string, unknown> {
  const probes = TIERS.flatMap((tier) => {
    const region = estate.protectedItems.find((item) => item.tier === tier)?.recoveryRegion;
    const app = estate.apps.find((candidate) => candidate.tier === tier && candidate.region === region);
    if (app === undefined) return [];
    const url = new URL(app.testUrl);
    url.hostname = LAB_PROBE_HOST;
    return [{ type: "probe", name: `${tier} answers in the test network`, url: url.toString(), retries: 2 }];
  });
  return { schedule: "0 0 3 * * 0", testNetworkId: estate.testNetworkId, probes };
}

function planFromEstate(plan: string, estate: EstateView, drill: Record<string, unknown>): Record<string, unknown> {
  const profile = estate.trafficManagerProfiles[0];
  const [primary, standby] = [...(profile?.endpoints ?? [])].sort((a, b) => a.priority - b.priority);
  return {
    name: plan,
    vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name },
    objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
    groups: TIERS.map((tier) => ({ name: tier, items: estate.protectedItems.filter((item) => item.tier === tier).map((item) => item.id) })).filter((group) => group.items.length > 0),
    ...(profile === undefined || primary === undefined || standby === undefined
      ? {}
      : { traffic: { profile: profile.id, primaryEndpoint: primary.name, standbyEndpoint: standby.name } }),
    allowedHosts: [LAB_PROBE_HOST],
    drill,
  };
}
