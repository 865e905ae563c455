// Parsers for app-setting values. Each takes the raw text of one setting and returns its typed value or throws a
// SettingValueError saying what was expected. Messages do not repeat the value (the caller adds it for settings
// that are not secret), so a mistyped key or connection string never reaches a log through an error message.
import { allowedHostProblem } from "../core/plan/outbound-url";
import { NcrontabError, parseNcrontab } from "../core/schedule/ncrontab";

export class SettingValueError extends Error {
  override readonly name = "SettingValueError";
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseText(raw: string): string {
  return raw.trim();
}

export function parseGuid(raw: string): string {
  const value = raw.trim();
  if (!GUID.test(value)) throw new SettingValueError("must be a GUID such as 00000000-0000-0000-0000-000000000000");
  return value.toLowerCase();
}

export function parseBoolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new SettingValueError("must be true or false");
}

export function integerParser(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = raw.trim();
    if (!/^\d+$/.test(value)) throw new SettingValueError(`must be a whole number from ${min} to ${max}`);
    const parsed = Number(value);
    if (parsed < min || parsed > max) throw new SettingValueError(`must be a whole number from ${min} to ${max}`);
    return parsed;
  };
}

/** An absolute http(s) URL without credentials, normalized without a trailing slash. Plain http only on loopback. */
export function parseServiceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new SettingValueError("must be an absolute URL such as https://example.com");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new SettingValueError("must be an http or https URL");
  if (url.username !== "" || url.password !== "") throw new SettingValueError("must not carry a user name or password");
  if (url.search !== "" || url.hash !== "") throw new SettingValueError("must not carry a query string or fragment");
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new SettingValueError("must use https (plain http is accepted only for a loopback address such as 127.0.0.1)");
  }
  return url.toString().replace(/\/+$/, "");
}

/** True for names and addresses that always mean this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A six-field (or five-field) NCRONTAB expression, checked by the same parser the app schedules with. */
export function parseSchedule(raw: string): string {
  const value = raw.trim().replace(/\s+/g, " ");
  try {
    parseNcrontab(value);
  } catch (error) {
    if (error instanceof NcrontabError) throw new SettingValueError(`must be an NCRONTAB schedule: ${error.message}`);
    throw error;
  }
  return value;
}

/**
 * A comma-separated list of hosts webhooks and probes may call, each checked by the same rule plans' own allow-lists
 * are (core/plan/outbound-url): a host name or IP address, `*.example.com` for any subdomain, and never a
 * link-local, metadata or platform address. The entries are not secret, so the message names the bad ones.
 */
export function parseHostList(raw: string): readonly string[] {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);
  const problems = entries.map(allowedHostProblem).filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) {
    throw new SettingValueError(`must list allowed hosts separated by commas: ${problems.join("; ")}`);
  }
  return [...new Set(entries)];
}

/** Azure Storage task hub names: 3 to 45 letters and digits, starting with a letter. */
export function parseTaskHubName(raw: string): string {
  const value = raw.trim();
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(value)) {
    throw new SettingValueError("must be 3 to 45 letters and digits, starting with a letter");
  }
  return value;
}

/** Blob container names are built as `<prefix>-<purpose>`, so the prefix must leave room within 63 characters. */
export function parseContainerPrefix(raw: string): string {
  const value = raw.trim();
  if (!/^[a-z0-9](?:[a-z0-9]|-(?!-)){1,38}[a-z0-9]$/.test(value)) {
    throw new SettingValueError(
      "must be 3 to 40 lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
    );
  }
  return value;
}

/** A storage account name as Azure allows it: 3 to 24 lowercase letters and digits. */
export function parseStorageAccountName(raw: string): string {
  const value = raw.trim();
  if (!/^[a-z0-9]{3,24}$/.test(value)) throw new SettingValueError("must be 3 to 24 lowercase letters and digits");
  return value;
}

/** A storage connection string: `Key=Value` pairs separated by semicolons, naming an account or the emulator. */
export function parseStorageConnectionString(raw: string): string {
  const value = raw.trim();
  const pairs = value.split(";").filter((part) => part.trim().length > 0);
  const keys = pairs.map((pair) => pair.slice(0, Math.max(0, pair.indexOf("="))).trim().toLowerCase());
  if (pairs.length === 0 || keys.some((key) => key.length === 0)) {
    throw new SettingValueError("must be a storage connection string made of Key=Value pairs separated by semicolons");
  }
  const usable =
    keys.includes("usedevelopmentstorage") ||
    keys.includes("accountname") ||
    keys.includes("blobendpoint") ||
    keys.includes("sharedaccesssignature");
  if (!usable) throw new SettingValueError("must name an account (AccountName=…), endpoints or UseDevelopmentStorage=true");
  return value;
}

/** The only credential kind the Functions host accepts for identity-based connections. */
export function parseManagedIdentityCredential(raw: string): "managedidentity" {
  if (raw.trim().toLowerCase() !== "managedidentity") throw new SettingValueError('must be "managedidentity"');
  return "managedidentity";
}

/** `Authorization=AAD` with an optional `ClientId=<guid>`, as the Application Insights agent reads it. */
export function parseAppInsightsAuthentication(raw: string): string {
  const value = raw.trim();
  const pairs = new Map(
    value
      .split(";")
      .filter((part) => part.includes("="))
      .map((part) => {
        const at = part.indexOf("=");
        return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
      }),
  );
  const clientId = pairs.get("clientid");
  if (pairs.get("authorization")?.toLowerCase() !== "aad" || (clientId !== undefined && !GUID.test(clientId))) {
    throw new SettingValueError('must be "Authorization=AAD" optionally followed by ";ClientId=<identity client id>"');
  }
  return value;
}

/** An Application Insights connection string: it must at least carry the instrumentation key. */
export function parseAppInsightsConnectionString(raw: string): string {
  const value = raw.trim();
  if (!/(^|;)\s*InstrumentationKey\s*=\s*[0-9a-f-]{36}\s*(;|$)/i.test(value)) {
    throw new SettingValueError("must be an Application Insights connection string with InstrumentationKey=<guid>");
  }
  return value;
}
