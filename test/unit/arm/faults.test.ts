// Fault settings: validation that keeps the old settings on bad input, seeded rates, and job failure rules.
import { Faults } from "../../../local/arm/server/faults";

describe("Faults", () => {
  it("refuses out-of-range and unknown settings and keeps the previous ones", () => {
    const faults = new Faults();
    faults.configure({ rate429: 0.5 });
    expect(() => faults.configure({ rate429: 2 })).toThrow(RangeError);
    expect(() => faults.configure({ rate5xx: -1 })).toThrow(RangeError);
    expect(() => faults.configure({ failJobs: "all" })).toThrow(RangeError);
    expect(() => faults.configure({ surprise: true })).toThrow(/unknown/);
    expect(faults.current).toEqual({ rate429: 0.5 });
  });

  it("draws request faults at the configured rate, the same way for the same seed", () => {
    const draw = (seed: number): string[] => {
      const faults = new Faults(seed);
      faults.configure({ rate429: 0.3, rate5xx: 0.2 });
      return Array.from({ length: 1000 }, () => String(faults.drawRequestFault()?.status ?? "none"));
    };
    const first = draw(7);
    expect(draw(7)).toEqual(first);
    const count = (status: string): number => first.filter((entry) => entry === status).length;
    expect(count("429")).toBeGreaterThan(220);
    expect(count("429")).toBeLessThan(380);
    expect(count("500")).toBeGreaterThan(80);
  });

  it("fails jobs by count, by item name (any case) and never otherwise", () => {
    const faults = new Faults();
    faults.configure({ failJobs: 2 });
    expect([1, 2, 3].map(() => faults.drawJobFailure(["item"]) !== undefined)).toEqual([true, true, false]);
    faults.configure({ failJobs: ["Shop-Web-1"] });
    expect(faults.drawJobFailure(["guid", "shop-web-1"])).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(faults.drawJobFailure(["guid", "shop-web-2"])).toBeUndefined();
    faults.configure({ failJobs: { rate: 1, code: "X1", message: "boom" } });
    expect(faults.drawJobFailure(["any"])).toEqual({ code: "X1", message: "boom" });
    faults.configure({});
    expect(faults.drawJobFailure(["any"])).toBeUndefined();
  });

  it("loses the answers of the next N accepted actions only: POSTs answered 202, nothing else", () => {
    const faults = new Faults();
    faults.configure({ loseAcceptedAnswers: 2 });
    expect(faults.drawLostAnswer("GET", 200)).toBe(false);
    expect(faults.drawLostAnswer("POST", 409)).toBe(false);
    expect(faults.drawLostAnswer("PATCH", 200)).toBe(false);
    expect([faults.drawLostAnswer("POST", 202), faults.drawLostAnswer("POST", 202), faults.drawLostAnswer("POST", 202)]).toEqual([true, true, false]);
    expect(() => faults.configure({ loseAcceptedAnswers: -1 })).toThrow(/loseAcceptedAnswers must be a whole number/);
  });
});
