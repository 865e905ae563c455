// The token buckets, on a fake wall clock: capacity, refill rate, separate read and write buckets, Retry-After.
import { Throttle, requestKind } from "../../../local/arm/server/throttling";

describe("Throttle", () => {
  it("allows a full bucket, then refuses with the seconds until the next token", () => {
    let now = 0;
    const throttle = new Throttle({ enabled: true, readsPerSecond: 2, readBucket: 3, writesPerSecond: 1, writeBucket: 1 }, () => now);
    expect([1, 2, 3].map(() => throttle.take("reads"))).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
    ]);
    expect(throttle.take("reads")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(throttle.take("writes")).toEqual({ allowed: true, remaining: 0 });
    expect(throttle.take("writes")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 500;
    expect(throttle.take("reads")).toEqual({ allowed: true, remaining: 0 });
    now += 10_000;
    expect(throttle.take("reads")).toEqual({ allowed: true, remaining: 2 });
  });

  it("rounds Retry-After up for slow refills", () => {
    const throttle = new Throttle({ enabled: true, readsPerSecond: 0.25, readBucket: 1, writesPerSecond: 1, writeBucket: 1 }, () => 0);
    throttle.take("reads");
    expect(throttle.take("reads")).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it("does nothing when disabled and refuses nonsense settings", () => {
    const throttle = new Throttle({ enabled: false, readsPerSecond: 1, readBucket: 1, writesPerSecond: 1, writeBucket: 1 }, () => 0);
    expect(throttle.take("reads")).toBeUndefined();
    expect(() => throttle.configure({ enabled: true, readsPerSecond: 0, readBucket: 1, writesPerSecond: 1, writeBucket: 1 })).toThrow(RangeError);
    expect(throttle.settings.enabled).toBe(false);
  });

  it("counts GET and HEAD as reads, everything else as writes", () => {
    expect(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].map(requestKind)).toEqual(["reads", "reads", "writes", "writes", "writes", "writes"]);
  });
});
