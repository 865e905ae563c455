// One keyed JSON call to the app in the local host, for benchmarks that set up plans and read results over HTTP
// without the SDK (the SDK's own cost is measured apart, in api-load).
export async function call(url: string, method: string, key: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { "x-functions-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}
