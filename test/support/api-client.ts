// Small helpers for tests that call the API over HTTP: a JSON call with the lab's key, a raw call for bodies and
// paths that fetch would refuse or normalize, and a plan for the lab's estate.
import { request as httpRequest } from "node:http";
import { startLab, type Lab } from "./lab";

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  contentType: string;
  body: T;
}

/** fetch with the function key, a JSON body when given, and the answer parsed when it is JSON. */
export async function api<T = unknown>(
  lab: Lab,
  method: string,
  path: string,
  options: { json?: unknown; body?: string; headers?: Record<string, string>; key?: string | null } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...(options.key === null ? {} : { "x-functions-key": options.key ?? lab.key }), ...(options.headers ?? {}) };
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${lab.apiUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text itself is the body.
  }
  return { status: response.status, headers: response.headers, contentType: response.headers.get("content-type") ?? "", body: parsed as T };
}

/** A request with the path sent exactly as written (no URL normalization), for hostile paths. */
export function rawRequest(lab: Lab, method: string, rawPath: string, body?: string): Promise<{ status: number; contentType: string; body: string }> {
  const url = new URL(lab.hostUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path: rawPath, headers: { "x-functions-key": lab.key, ...(body === undefined ? {} : { "content-type": "application/json" }) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

interface EstateView {
  subscriptionId: string;
  resourceGroup: string;
  vaults: { name: string }[];
  protectedItems: { id: string; vmName: string; tier: string; vault: string }[];
  trafficManagerProfiles: { id: string; endpoints: { name: string; priority: number }[] }[];
}

/** A plan over the whole `shop` estate: db, then app, then web, then the Traffic Manager switch. */
export async function shopPlan(lab: Lab, name = "shop"): Promise<Record<string, unknown>> {
  const estate = (await lab.control<EstateView>("GET", "/_emulator/estate")).body;
  const tier = (tierName: string) => estate.protectedItems.filter((item) => item.tier === tierName).map((item) => item.id);
  const profile = estate.trafficManagerProfiles[0];
  if (profile === undefined) throw new Error("the estate has no Traffic Manager profile");
  const [primary, standby] = [...profile.endpoints].sort((a, b) => a.priority - b.priority);
  return {
    name,
    vault: { subscriptionId: estate.subscriptionId, resourceGroup: estate.resourceGroup, name: estate.vaults[0]?.name },
    objectives: { rpoSeconds: 900, rtoSeconds: 3600 },
    groups: [
      { name: "db", items: tier("db") },
      { name: "app", items: tier("app") },
      { name: "web", items: tier("web") },
    ],
    traffic: { profile: profile.id, primaryEndpoint: primary?.name, standbyEndpoint: standby?.name },
  };
}

/** A lab on the `shop` estate with the `shop` plan stored: where most API and workflow tests start. */
export async function startShopLab(): Promise<Lab> {
  const lab = await startLab({ estate: "shop" });
  const stored = await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) });
  if (stored.status !== 201) {
    await lab.stop();
    throw new Error(`storing the shop plan answered ${stored.status}`);
  }
  return lab;
}
