/** Whether the URL names this machine: the only place the lab serves, and the only place plain http is let through unasked. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname;
  return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
}
