// Webhook and probe calls to URLs written in a plan. A plan is data, so every call is checked again here, at call
// time, against the app's allow-list from configuration as well as the plan's own (a plan saved before the
// app's list shrank must not keep calling), and the host's resolved addresses are checked too, because a name can
// resolve to the metadata service or to the machine itself. The connection goes to the checked addresses only (see
// `sendPinned`). Redirects are not followed: they would lead to hosts nobody checked. Problems name a URL by origin and
// path only: its query often carries the webhook's own signature, and problems reach the operation's readers.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { PLAN_DEFAULTS } from "@standby/client/contract";
import { isForbiddenAddress, isLoopbackHost, outboundUrlProblem } from "../../core/plan/outbound-url";
import type { OutboundResult, ProbeInput, WebhookInput } from "../contracts";
import { sendPinned, type PinnedRequest } from "./pinned-request";

export interface OutboundActivityDeps {
  /** The app's allow-list (configuration). */
  allowedHosts: readonly string[];
  /** Only the local lab calls loopback targets. */
  allowLoopback: boolean;
  /** Replaces the pinned request in unit tests; it receives the URL and connects wherever it likes. */
  fetch?: typeof fetch;
  /** Resolves a host name to its addresses; defaults to the system resolver. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface OutboundActivities {
  callWebhook(input: WebhookInput): Promise<OutboundResult>;
  probeOnce(input: ProbeInput): Promise<OutboundResult>;
}

const systemResolve = async (host: string): Promise<string[]> => (await lookup(host, { all: true })).map((entry) => entry.address);

type Refusal = { problem: string; addresses?: undefined } | { problem?: undefined; addresses: string[] };

/** The URL without its query, fragment or credentials: enough to say which endpoint answered. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export function createOutboundActivities(deps: OutboundActivityDeps): OutboundActivities {
  const resolve = deps.resolve ?? systemResolve;
  const testFetch = deps.fetch;
  const transmit = async (url: string, addresses: string[], init: PinnedRequest): Promise<number> => {
    if (testFetch === undefined) return sendPinned(url, addresses, init);
    const response = await testFetch(url, {
      method: init.method,
      headers: init.headers,
      redirect: "manual",
      signal: AbortSignal.timeout(init.timeoutSeconds * 1000),
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  };

  /** Why the URL may not be called, or the checked addresses the call may connect to. */
  const check = async (url: string, planAllowedHosts: readonly string[]): Promise<Refusal> => {
    const app = outboundUrlProblem(url, { allowedHosts: deps.allowedHosts, allowLoopback: deps.allowLoopback });
    if (app !== undefined) return { problem: `refused by the app's allow-list: ${app}` };
    const plan = outboundUrlProblem(url, { allowedHosts: planAllowedHosts, allowLoopback: deps.allowLoopback });
    if (plan !== undefined) return { problem: `refused by the plan's allow-list: ${plan}` };
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await resolve(host);
    } catch (error) {
      return { problem: `cannot resolve ${host}: ${(error as Error).message}` };
    }
    if (addresses.length === 0) return { problem: `cannot resolve ${host}: no address` };
    const forbidden = addresses.find((address) => isForbiddenAddress(address));
    if (forbidden !== undefined) return { problem: `${host} resolves to ${forbidden}, a link-local, metadata or platform address` };
    const loopback = deps.allowLoopback ? undefined : addresses.find((address) => isLoopbackHost(address));
    if (loopback !== undefined) return { problem: `${host} resolves to ${loopback}, a loopback address, which only the local lab may call` };
    return { addresses };
  };

  const send = async (url: string, init: PinnedRequest, planAllowedHosts: readonly string[], expect: (status: number) => boolean): Promise<OutboundResult> => {
    const checked = await check(url, planAllowedHosts);
    if (checked.problem !== undefined) return { ok: false, problem: checked.problem };
    try {
      const status = await transmit(url, checked.addresses, init);
      return expect(status) ? { ok: true, status } : { ok: false, status, problem: `${describeUrl(url)} answered ${status}` };
    } catch (error) {
      return { ok: false, problem: `${describeUrl(url)} could not be reached: ${(error as Error).message}` };
    }
  };

  return {
    async callWebhook(input) {
      const { action } = input;
      const method = action.method ?? PLAN_DEFAULTS.webhookMethod;
      const headers: Record<string, string> = { ...(action.headers ?? {}), "Idempotency-Key": input.idempotencyKey };
      const withBody = method !== "GET" && action.body !== undefined;
      if (withBody) headers["Content-Type"] = "application/json";
      const timeoutSeconds = action.timeoutSeconds ?? PLAN_DEFAULTS.webhookTimeoutSeconds;
      return send(
        action.url,
        { method, headers, timeoutSeconds, ...(withBody ? { body: JSON.stringify(action.body) } : {}) },
        input.planAllowedHosts,
        (status) => status >= 200 && status < 300,
      );
    },

    async probeOnce(input) {
      return send(input.url, { method: "GET", headers: {}, timeoutSeconds: input.timeoutSeconds }, input.planAllowedHosts, (status) => status === input.expectStatus);
    },
  };
}
