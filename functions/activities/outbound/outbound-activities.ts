// Webhook and probe calls to URLs written in a plan. A plan is data, so every call is checked again here, at call
// time, against the app's allow-list from configuration as well as the plan's own (a plan saved before the
// app's list shrank must not keep calling), and the host's resolved addresses are checked too, because a name can
// resolve to the metadata service. Redirects are not followed: they would lead to hosts nobody checked.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { PLAN_DEFAULTS } from "@standby/client/contract";
import { isForbiddenAddress, outboundUrlProblem } from "../../core/plan/outbound-url";
import type { OutboundResult, ProbeInput, WebhookInput } from "../contracts";

export interface OutboundActivityDeps {
  /** The app's allow-list (configuration). */
  allowedHosts: readonly string[];
  /** Only the local lab calls loopback targets. */
  allowLoopback: boolean;
  fetch?: typeof fetch;
  /** Resolves a host name to its addresses; defaults to the system resolver. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface OutboundActivities {
  callWebhook(input: WebhookInput): Promise<OutboundResult>;
  probeOnce(input: ProbeInput): Promise<OutboundResult>;
}

const systemResolve = async (host: string): Promise<string[]> => (await lookup(host, { all: true })).map((entry) => entry.address);

export function createOutboundActivities(deps: OutboundActivityDeps): OutboundActivities {
  const doFetch = deps.fetch ?? fetch;
  const resolve = deps.resolve ?? systemResolve;

  const refusal = async (url: string, planAllowedHosts: readonly string[]): Promise<string | undefined> => {
    const app = outboundUrlProblem(url, { allowedHosts: deps.allowedHosts, allowLoopback: deps.allowLoopback });
    if (app !== undefined) return `refused by the app's allow-list: ${app}`;
    const plan = outboundUrlProblem(url, { allowedHosts: planAllowedHosts, allowLoopback: deps.allowLoopback });
    if (plan !== undefined) return `refused by the plan's allow-list: ${plan}`;
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : await resolve(host);
    } catch (error) {
      return `cannot resolve ${host}: ${(error as Error).message}`;
    }
    const forbidden = addresses.find((address) => isForbiddenAddress(address));
    return forbidden === undefined ? undefined : `${host} resolves to ${forbidden}, a link-local, metadata or platform address`;
  };

  const send = async (url: string, init: RequestInit, timeoutSeconds: number, expect: (status: number) => boolean): Promise<OutboundResult> => {
    try {
      const response = await doFetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutSeconds * 1000) });
      // The body is not needed; reading it lets the connection be reused.
      await response.arrayBuffer().catch(() => undefined);
      return expect(response.status)
        ? { ok: true, status: response.status }
        : { ok: false, status: response.status, problem: `${url} answered ${response.status}` };
    } catch (error) {
      return { ok: false, problem: `${url} could not be reached: ${(error as Error).message}` };
    }
  };

  return {
    async callWebhook(input) {
      const { action } = input;
      const problem = await refusal(action.url, input.planAllowedHosts);
      if (problem !== undefined) return { ok: false, problem };
      const method = action.method ?? PLAN_DEFAULTS.webhookMethod;
      const headers: Record<string, string> = { ...(action.headers ?? {}), "Idempotency-Key": input.idempotencyKey };
      const withBody = method !== "GET" && action.body !== undefined;
      if (withBody) headers["Content-Type"] = "application/json";
      return send(
        action.url,
        { method, headers, ...(withBody ? { body: JSON.stringify(action.body) } : {}) },
        action.timeoutSeconds ?? PLAN_DEFAULTS.webhookTimeoutSeconds,
        (status) => status >= 200 && status < 300,
      );
    },

    async probeOnce(input) {
      const problem = await refusal(input.url, input.planAllowedHosts);
      if (problem !== undefined) return { ok: false, problem };
      return send(input.url, { method: "GET" }, input.timeoutSeconds, (status) => status === input.expectStatus);
    },
  };
}
