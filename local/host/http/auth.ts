// Keys, as the Functions host checks them: a function key (or host key) opens `function` routes, the master key
// opens everything including `admin` routes and the admin API, and a system key opens the extension webhooks
// (durable task API, Event Grid). The key travels in the `x-functions-key` header or the `code` query parameter.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface HostKeys {
  /** Function/host keys: accepted by `function`-level routes. */
  functionKeys: string[];
  /** Accepted everywhere, and the only key for `admin` routes and the admin API. */
  masterKey: string;
  /** Accepted by the extension webhooks; put in the durable management URLs the app hands out. */
  systemKey: string;
}

export type AccessLevel = "anonymous" | "function" | "admin" | "system";

/** A random key that never starts with "-", so it can follow `--key` on any command line. */
export function generateKey(): string {
  for (;;) {
    const key = randomBytes(30).toString("base64url");
    if (!key.startsWith("-")) return key;
  }
}

export function hostKeys(options: { functionKey?: string; masterKey?: string; systemKey?: string }): HostKeys {
  const masterKey = options.masterKey ?? generateKey();
  return {
    functionKeys: [options.functionKey ?? generateKey()],
    masterKey,
    systemKey: options.systemKey ?? generateKey(),
  };
}

export function presentedKey(headers: IncomingHttpHeaders, url: URL): string | undefined {
  const header = headers["x-functions-key"];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader ?? url.searchParams.get("code") ?? undefined;
}

export function isAuthorized(level: AccessLevel, key: string | undefined, keys: HostKeys): boolean {
  if (level === "anonymous") return true;
  if (key === undefined) return false;
  const accepted = [keys.masterKey];
  if (level === "function") accepted.push(...keys.functionKeys);
  if (level === "system") accepted.push(keys.systemKey);
  return accepted.some((candidate) => sameKey(candidate, key));
}

function sameKey(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
