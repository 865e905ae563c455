// The emulator's call log: every call numbered from 1 in the order answered, numbers that keep counting when old
// entries are trimmed or the log is cleared, so "the calls after the ones I saw" stays exact.
import { RequestLog } from "../../../local/arm/server/request-log";
import { since } from "../../integration/resilience/action-ledger";

const call = (path: string) => ({ time: "2026-01-01T00:00:00.000Z", method: "GET", path, status: 200, apiVersion: "2023-06-01" });

describe("RequestLog", () => {
  it("numbers calls from 1 in the order they were recorded", () => {
    const log = new RequestLog();
    ["/a", "/b", "/c"].forEach((path) => log.record(call(path)));
    expect(log.list().map((entry) => [entry.seq, entry.path])).toEqual([[1, "/a"], [2, "/b"], [3, "/c"]]);
  });

  it("keeps only the newest entries, still numbered as they were", () => {
    const log = new RequestLog(3);
    for (let index = 1; index <= 5; index++) log.record(call(`/${index}`));
    expect(log.list().map((entry) => entry.seq)).toEqual([3, 4, 5]);
  });

  it("keeps counting after a clear", () => {
    const log = new RequestLog();
    log.record(call("/a"));
    log.clear();
    log.record(call("/b"));
    expect(log.list()).toEqual([expect.objectContaining({ seq: 2, path: "/b" })]);
  });

  it("refuses a size below one", () => {
    expect(() => new RequestLog(0)).toThrow(RangeError);
    expect(() => new RequestLog(1.5)).toThrow(RangeError);
  });
});

describe("since (the slice of the log one operation produced)", () => {
  it("takes the calls after the snapshot, also when older entries were trimmed meanwhile", () => {
    const log = new RequestLog(4);
    for (let index = 1; index <= 3; index++) log.record(call(`/${index}`));
    const before = [...log.list()];
    for (let index = 4; index <= 6; index++) log.record(call(`/${index}`));
    // Trimmed to 3..6: a slice by length (3) would have started at 6 and lost /4 and /5.
    expect(since(before, log.list()).map((entry) => entry.path)).toEqual(["/4", "/5", "/6"]);
  });

  it("refuses a slice whose first calls are no longer in the log", () => {
    const log = new RequestLog(2);
    log.record(call("/1"));
    const before = [...log.list()];
    for (let index = 2; index <= 5; index++) log.record(call(`/${index}`));
    expect(() => since(before, log.list())).toThrow("no longer holds calls 2 to 3");
  });

  it("takes everything after an empty snapshot", () => {
    const log = new RequestLog();
    log.record(call("/a"));
    expect(since([], log.list()).map((entry) => entry.path)).toEqual(["/a"]);
  });
});
