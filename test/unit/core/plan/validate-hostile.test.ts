import fc from "fast-check";
import { MAX_REPORTED_ERRORS, validatePlan } from "../../../../functions/core/plan/validate";
import { aPlan, anItem, planWith } from "../fixtures";

const POINTER = /^(\/([^~/]|~[01])*)*$/;

describe("plan validation under hostile input", () => {
  it("never throws on arbitrary JSON, and every error has an RFC 6901 pointer and a message", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const result = validatePlan(value);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(error.pointer).toMatch(POINTER);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws when parts of a valid plan are replaced by arbitrary JSON", () => {
    const fields = ["name", "vault", "objectives", "groups", "traffic", "drill", "autoFailover", "allowedHosts", "failover"];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 3 }), (field, value, action) => {
        const broken = planWith((plan) => {
          plan[field] = value;
          if (Array.isArray(plan.groups) && plan.groups[0] && typeof plan.groups[0] === "object") plan.groups[0].before = [action];
        });
        expect(() => validatePlan(broken, { knownItems: [anItem("db-1")] })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("reports a bounded number of errors for a body full of mistakes, and says how many were left out", () => {
    const items = Array.from({ length: 50_000 }, () => "same");
    const result = validatePlan(planWith((plan) => (plan.groups[0].items = items)), { knownItems: [anItem("db-1")] });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(result.errors.at(-1)).toEqual({ pointer: "", message: expect.stringMatching(/^…and \d+ more errors\.$/) });
  });

  it("treats __proto__ and constructor keys as unknown properties, without touching prototypes", () => {
    const input = JSON.parse(JSON.stringify(aPlan()).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":1,'));
    const result = validatePlan(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => error.pointer).sort()).toEqual(["/__proto__", "/constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("survives deeply nested values where a plan expects something flat", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 2_000; i++) deep = [deep];
    const result = validatePlan(planWith((plan) => (plan.groups[0].before = [{ type: "delay", seconds: deep }])));
    expect(result.ok).toBe(false);
  });
});
