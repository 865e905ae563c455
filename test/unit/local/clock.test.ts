import { createClock } from "../../../local/clock/clock";

describe("the lab clock", () => {
  it("fires virtual timers in time order only when advanced", async () => {
    const clock = createClock({ mode: "virtual", originMs: 1_000 });
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push("c"));
    clock.setTimer(100, () => fired.push("a"));
    clock.setTimer(200, () => fired.push("b"));
    expect(fired).toEqual([]);
    await clock.advance(150);
    expect(fired).toEqual(["a"]);
    expect(clock.now()).toBe(1_150);
    await clock.advance(1_000);
    expect(fired).toEqual(["a", "b", "c"]);
    expect(clock.now()).toBe(2_150);
  });

  it("lets a timer that fires schedule another one within the same advance", async () => {
    const clock = createClock({ mode: "virtual", originMs: 0 });
    const fired: number[] = [];
    clock.setTimer(10, () => {
      fired.push(clock.now());
      clock.setTimer(10, () => fired.push(clock.now()));
    });
    await clock.advance(25);
    expect(fired).toEqual([10, 20]);
  });

  it("does not fire canceled timers", async () => {
    const clock = createClock({ mode: "virtual", originMs: 0 });
    const timer = clock.setTimer(5, () => {
      throw new Error("should not fire");
    });
    timer.cancel();
    await clock.advance(10);
    expect(clock.now()).toBe(10);
  });

  it("gives two scaled clocks built from one spec the same time", () => {
    const first = createClock({ mode: "scaled", speed: 60 });
    const second = createClock(first.spec());
    expect(Math.abs(first.now() - second.now())).toBeLessThan(200);
  });

  it("runs scaled time faster than the wall clock", async () => {
    const clock = createClock({ mode: "scaled", speed: 1_000 });
    const before = clock.now();
    await clock.sleep(5_000);
    expect(clock.now() - before).toBeGreaterThanOrEqual(5_000);
  });

  it("refuses to advance a real clock", async () => {
    await expect(createClock({ mode: "real" }).advance(10)).rejects.toThrow(/only a virtual clock/);
  });
});
