// Webhooks and probes make the app call URLs written in a plan. A plan is data anyone with write access can change,
// so each URL must name an allow-listed host, use https, and never reach the instance metadata service, the Azure
// platform endpoint or link-local addresses (classic server-side request forgery targets, where a managed identity
// token could be read). Loopback is refused too, except in the local lab. The activity that makes the call checks
// the resolved address again with `isForbiddenAddress` and `isLoopbackHost`, because a name can resolve anywhere.

export interface OutboundUrlPolicy {
  /** Hosts the plan allows: exact names or IP literals, or `*.example.com` for any subdomain. */
  allowedHosts: readonly string[];
  /** The local lab's emulated apps listen on 127.0.0.1 over http. */
  allowLoopback: boolean;
}

/** Why a URL may not be called, or undefined when it may. */
export function outboundUrlProblem(url: string, policy: OutboundUrlPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL`;
  }
  const host = bareHost(parsed.hostname);
  const loopback = isLoopbackHost(host);
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && loopback && policy.allowLoopback)) {
    return `only https URLs may be called, got ${parsed.protocol.replace(/:$/, "")}`;
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return "credentials in the URL are not allowed; use headers";
  }
  if (isForbiddenAddress(host) || isMetadataName(host)) {
    return `host ${host} is a link-local, metadata or platform address and is never called`;
  }
  if (loopback && !policy.allowLoopback) {
    return `host ${host} is loopback, which only the local lab may call`;
  }
  if (!policy.allowedHosts.some((pattern) => hostMatches(host, pattern))) {
    return `host ${host} is not in allowedHosts`;
  }
  return undefined;
}

/** Whether an allowedHosts entry is well formed (and not something that may never be allowed). */
export function allowedHostProblem(pattern: string): string | undefined {
  const host = bareHost(pattern.replace(/^\*\./, ""));
  if (!isHostName(host) && !isIpv6(host)) {
    return `"${pattern}" is not a host name ("api.example.com", "*.example.com") or an IP address`;
  }
  if (isForbiddenAddress(host) || isMetadataName(host)) {
    return `"${pattern}" is a link-local, metadata or platform address and can never be allowed`;
  }
  return undefined;
}

/** True for addresses no webhook or probe may reach, whatever the allow-list says. */
export function isForbiddenAddress(address: string): boolean {
  const host = bareHost(address.toLowerCase());
  const ipv4 = ipv4Of(host);
  if (ipv4 !== undefined) {
    const [a, b] = ipv4;
    // 169.254.0.0/16 holds the instance metadata service; 168.63.129.16 is the Azure platform (wire server)
    // endpoint; 0.0.0.0/8 reaches the local machine on many stacks.
    return (a === 169 && b === 254) || ipv4.join(".") === "168.63.129.16" || a === 0;
  }
  if (isIpv6(host)) {
    const first = parseInt(host.split(":")[0] || "0", 16);
    // fe80::/10 is link-local; "::" is the unspecified address.
    return (first & 0xffc0) === 0xfe80 || /^[0:]+$/.test(host);
  }
  return false;
}

/** True for `localhost` names and loopback addresses (127.0.0.0/8, ::1, and IPv4-mapped 127.x). */
export function isLoopbackHost(address: string): boolean {
  const host = bareHost(address);
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const ipv4 = ipv4Of(host);
  if (ipv4 !== undefined) return ipv4[0] === 127;
  return host === "::1" || /^(0{1,4}:){7}0{0,3}1$/.test(host);
}

function isMetadataName(host: string): boolean {
  return host === "metadata" || host === "metadata.azure.internal" || host === "metadata.google.internal";
}

function hostMatches(host: string, pattern: string): boolean {
  const lower = bareHost(pattern.toLowerCase());
  if (lower.startsWith("*.")) return host.endsWith(lower.slice(1)) && host.length > lower.length - 1;
  return host === lower;
}

/** Lowercase host without IPv6 brackets, zone id (`fe80::1%eth0`, as DNS answers may carry) or trailing dot. */
function bareHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/%.*$/, "")
    .replace(/\.$/, "");
}

function isHostName(host: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host);
}

function isIpv6(host: string): boolean {
  return host.includes(":") && /^[0-9a-f:.]+$/.test(host);
}

/**
 * The four octets when `host` is an IPv4 address, including one embedded in IPv6 (`::ffff:a9fe:a9fe`). URL parsing has
 * already turned decimal, octal and hex spellings of IPv4 into dotted form.
 */
function ipv4Of(host: string): [number, number, number, number] | undefined {
  const dotted = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (dotted) {
    const octets = dotted.slice(1).map(Number) as [number, number, number, number];
    return octets.every((octet) => octet <= 255) ? octets : undefined;
  }
  // IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) addresses reach the embedded IPv4 address.
  const mappedDotted = /^(?:::ffff|64:ff9b:):(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(host);
  if (mappedDotted) return ipv4Of(mappedDotted[1] as string);
  const mappedHex = /^(?:::ffff|64:ff9b:):([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mappedHex) {
    const high = parseInt(mappedHex[1] as string, 16);
    const low = parseInt(mappedHex[2] as string, 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff];
  }
  return undefined;
}
