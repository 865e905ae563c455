import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import { retryAfterInMs } from "../../../sdk/src/lro/retry-after";
import { formatDuration, formatSeconds, table } from "../../../sdk/src/cli/format";
// The CLI modules import each other with .js specifiers, so the built module is loaded (the CLI tests run it too).
import { ProgressPrinter } from "../../../sdk/dist/commonjs/cli/watch";
import { at, operation, step } from "./fixtures";

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

describe("watch lines", () => {
  const item = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/${name}`;
  const shared = { name: "Test failover of group db", group: "db" };

  it("name each item by the last segment of its ARM id, and date each change from the operation's own start", () => {
    const lines: string[] = [];
    let nowMs = Date.parse(at(20));
    const printer = new ProgressPrinter((line) => lines.push(line), () => nowMs);
    const steps = (first: "running" | "succeeded", second: "pending" | "running") => [
      step("db/items/vm-1", first, {
        ...shared,
        item: item("vm-1"),
        startedAt: at(5),
        ...(first === "succeeded" ? { endedAt: at(95), durationMs: 90_000 } : {}),
      }),
      step("db/items/vm-2", second, { ...shared, item: item("vm-2"), ...(second === "running" ? { startedAt: at(95) } : {}) }),
      step("traffic", "pending", { name: "Switch traffic to standby", group: undefined, item: undefined }),
    ];
    printer.update(operation("op-1", "running", steps("running", "pending")));
    nowMs = Date.parse(at(100));
    printer.update(operation("op-1", "running", steps("succeeded", "running")));
    expect(lines).toEqual([
      "   +5.0s  [db] Test failover of group db (vm-1)  running for 15.0s",
      " +1m 35s  [db] Test failover of group db (vm-1)  succeeded in 1m 30s",
      " +1m 35s  [db] Test failover of group db (vm-2)  running for 5.0s",
    ]);
  });

  it("count a running step up to the operation's last change at least, when the service's clock runs ahead (the lab's simulated time)", () => {
    const lines: string[] = [];
    const printer = new ProgressPrinter((line) => lines.push(line), () => Date.parse(at(-3600)));
    printer.update(operation("op-1", "running", [step("db-1", "running", { startedAt: at(30) })], { updatedAt: at(90) }));
    expect(lines).toEqual(["  +30.0s  [db] Fail over db-1 (db-1)  running for 1m 0s"]);
  });
});
