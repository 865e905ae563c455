import fc from "fast-check";
import {
  burnRate,
  EMPTY_RPO_MINUTES,
  RPO_SLO,
  recordRpoMinute,
  rpoSloView,
  windowShare,
  type RpoMinutes,
} from "../../../functions/core/health/rpo-slo";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** One sample per minute from T0: true = within objective. */
function history(samples: boolean[]): RpoMinutes {
  return samples.reduce((current, good, index) => recordRpoMinute(current, T0 + index * MINUTE, good), EMPTY_RPO_MINUTES);
}

const endOf = (samples: boolean[]): number => T0 + (samples.length - 1) * MINUTE;

describe("RPO SLO minutes", () => {
  it("count good and bad minutes over a window ending now", () => {
    const samples = [true, true, false, true, false, true];
    expect(windowShare(history(samples), endOf(samples), 60)).toEqual({ goodMinutes: 4, badMinutes: 2, share: 4 / 6 });
    expect(windowShare(history(samples), endOf(samples), 2)).toEqual({ goodMinutes: 1, badMinutes: 1, share: 0.5 });
  });

  it("make a minute bad when any sweep in it saw a breach", () => {
    const once = recordRpoMinute(EMPTY_RPO_MINUTES, T0, true);
    const twice = recordRpoMinute(once, T0 + 20_000, false);
    const thrice = recordRpoMinute(twice, T0 + 40_000, true);
    expect(windowShare(thrice, T0, 5)).toEqual({ goodMinutes: 0, badMinutes: 1, share: 0 });
  });

  it("fill a short gap between sweeps with the later sample and leave a long gap unknown", () => {
    const short = recordRpoMinute(recordRpoMinute(EMPTY_RPO_MINUTES, T0, true), T0 + 5 * MINUTE, false);
    expect(windowShare(short, T0 + 5 * MINUTE, 60)).toEqual({ goodMinutes: 1, badMinutes: 5, share: 1 / 6 });
    const long = recordRpoMinute(recordRpoMinute(EMPTY_RPO_MINUTES, T0, true), T0 + 30 * MINUTE, false);
    expect(windowShare(long, T0 + 30 * MINUTE, 60).badMinutes).toBe(RPO_SLO.maxFillMinutes + 1);
  });

  it("ignore a sample older than the newest one", () => {
    const newer = recordRpoMinute(EMPTY_RPO_MINUTES, T0 + 10 * MINUTE, true);
    expect(recordRpoMinute(newer, T0, false)).toBe(newer);
  });

  it("keep no more than the SLO window", () => {
    const samples = Array.from({ length: RPO_SLO.windowMinutes + 100 }, () => true);
    expect(history(samples).bits).toHaveLength(RPO_SLO.windowMinutes);
  });

  it("report no share and no burn rate before any data", () => {
    expect(rpoSloView(EMPTY_RPO_MINUTES, T0)).toMatchObject({ share: null, burning: false, longWindow: { burnRate: null } });
  });

  it("give burn rates between 0 and 1/budget, whatever the minutes", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 200 }), (samples) => {
        const rate = burnRate(history(samples), endOf(samples), RPO_SLO.longWindowMinutes) as number;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1 / (1 - RPO_SLO.targetShare) + 1e-9);
      }),
    );
  });
});

describe("multi-window burn-rate alert", () => {
  const goodHour = Array.from({ length: 60 }, () => true);

  it("does not fire on a single bad minute after a good hour", () => {
    const samples = [...goodHour, false];
    const view = rpoSloView(history(samples), endOf(samples));
    expect(view.shortWindow.burnRate).toBeGreaterThanOrEqual(RPO_SLO.burnRateThreshold);
    expect(view.longWindow.burnRate).toBeLessThan(RPO_SLO.burnRateThreshold);
    expect(view.burning).toBe(false);
  });

  it("fires once the last hour has burnt enough and the last minutes still burn", () => {
    const samples = [...goodHour, ...Array.from({ length: 10 }, () => false)];
    expect(rpoSloView(history(samples), endOf(samples)).burning).toBe(true);
  });

  it("clears after the short window is clean again, though the hour is still bad", () => {
    const bad = Array.from({ length: 10 }, () => false);
    const fourGood = [...goodHour, ...bad, true, true, true, true];
    const fiveGood = [...fourGood, true];
    expect(rpoSloView(history(fourGood), endOf(fourGood)).burning).toBe(true);
    const cleared = rpoSloView(history(fiveGood), endOf(fiveGood));
    expect(cleared.burning).toBe(false);
    expect(cleared.longWindow.burnRate).toBeGreaterThanOrEqual(RPO_SLO.burnRateThreshold);
  });

  it("reports the budget left over the SLO window", () => {
    const samples = [...Array.from({ length: 99 }, () => true), false];
    const view = rpoSloView(history(samples), endOf(samples));
    expect(view.share).toBeCloseTo(0.99);
    expect(view.budgetRemaining).toBeCloseTo(0);
  });
});
