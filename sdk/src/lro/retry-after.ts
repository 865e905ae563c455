import type { PipelineResponse } from "@azure/core-rest-pipeline";

/**
 * How long the service asked to wait before the next request, in ms: `retry-after-ms`, then `Retry-After` as
 * seconds or an HTTP date. Undefined when it did not say (or said something unreadable).
 */
export function retryAfterInMs(response: PipelineResponse, now: () => number = Date.now): number | undefined {
  const milliseconds = Number(response.headers.get("retry-after-ms"));
  if (response.headers.has("retry-after-ms") && Number.isFinite(milliseconds) && milliseconds >= 0) {
    return milliseconds;
  }
  const value = response.headers.get("retry-after");
  if (value === undefined || value.trim() === "") {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return seconds >= 0 ? seconds * 1000 : undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
