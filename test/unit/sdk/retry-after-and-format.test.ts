import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { retryAfterInMs } from "../../../sdk/src/lro/retry-after";
import { formatDuration, formatSeconds, table } from "../../../sdk/src/cli/format";

function answer(headers: Record<string, string>): PipelineResponse {
  return { request: createPipelineRequest({ url: "http://127.0.0.1/" }), status: 200, headers: createHttpHeaders(headers) };
}

describe("how long the service asked to wait", () => {
  it("reads retry-after-ms first, then Retry-After in seconds or as an HTTP date", () => {
    expect(retryAfterInMs(answer({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
    expect(retryAfterInMs(answer({ "retry-after": "3" }))).toBe(3000);
    const now = Date.parse("2026-01-05T10:00:00Z");
    expect(retryAfterInMs(answer({ "retry-after": "Mon, 05 Jan 2026 10:00:07 GMT" }), () => now)).toBe(7000);
    expect(retryAfterInMs(answer({ "retry-after": "Mon, 05 Jan 2026 09:00:00 GMT" }), () => now)).toBe(0);
  });

  it("is undefined when the service did not say, or said nonsense", () => {
    expect(retryAfterInMs(answer({}))).toBeUndefined();
    expect(retryAfterInMs(answer({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterInMs(answer({ "retry-after": "-5" }))).toBeUndefined();
  });
});

describe("terminal formatting", () => {
  it("writes durations short: tenths under a minute, then minutes and seconds, then hours and minutes", () => {
    expect(formatDuration(4_000)).toBe("4.0s");
    expect(formatDuration(59_940)).toBe("59.9s");
    expect(formatDuration(250_000)).toBe("4m 10s");
    expect(formatDuration(3_720_000)).toBe("1h 2m");
    expect(formatSeconds(null)).toBe("-");
    expect(formatSeconds(300)).toBe("5m 0s");
  });

  it("aligns table columns under upper-case headers", () => {
    expect(table(["plan", "status"], [["shop", "healthy"], ["a-longer-name", "warning"]])).toBe(
      ["PLAN           STATUS", "shop           healthy", "a-longer-name  warning"].join("\n"),
    );
  });
});
