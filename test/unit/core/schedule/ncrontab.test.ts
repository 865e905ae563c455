import fc from "fast-check";
import { NcrontabError, parseNcrontab } from "../../../../functions/core/schedule/ncrontab";

const at = (iso: string): number => Date.parse(iso);
const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/** The next `count` occurrences after `fromIso`, as ISO strings. */
function occurrences(expression: string, fromIso: string, count: number): string[] {
  const schedule = parseNcrontab(expression);
  const result: string[] = [];
  let cursor = at(fromIso);
  for (let i = 0; i < count; i++) {
    cursor = schedule.nextAfter(cursor);
    result.push(iso(cursor));
  }
  return result;
}

function errorOf(expression: string): NcrontabError {
  try {
    parseNcrontab(expression);
  } catch (error) {
    if (error instanceof NcrontabError) return error;
    throw error;
  }
  throw new Error(`"${expression}" was accepted`);
}

describe("NCRONTAB schedules", () => {
  describe("next occurrence", () => {
    it("runs every five minutes on the minute, strictly after the given time", () => {
      expect(occurrences("0 */5 * * * *", "2026-03-01T18:55:00Z", 3)).toEqual([
        "2026-03-01T19:00:00.000Z",
        "2026-03-01T19:05:00.000Z",
        "2026-03-01T19:10:00.000Z",
      ]);
    });

    it("never returns the given time itself even when it matches", () => {
      const schedule = parseNcrontab("0 0 3 * * *");
      expect(iso(schedule.nextAfter(at("2026-05-10T03:00:00Z")))).toBe("2026-05-11T03:00:00.000Z");
    });

    it("moves past a fraction of a second to the next whole matching second", () => {
      const schedule = parseNcrontab("* * * * * *");
      expect(iso(schedule.nextAfter(at("2026-05-10T03:00:00.250Z")))).toBe("2026-05-10T03:00:01.000Z");
      expect(iso(schedule.nextAfter(at("2026-05-10T03:00:00.999Z")))).toBe("2026-05-10T03:00:01.000Z");
    });

    it("runs the weekly drill at 03:00 every Sunday (0)", () => {
      expect(occurrences("0 0 3 * * 0", "2026-11-25T12:00:00Z", 2)).toEqual([
        "2026-11-29T03:00:00.000Z",
        "2026-12-06T03:00:00.000Z",
      ]);
    });

    it("treats hour ranges as inclusive", () => {
      expect(occurrences("0 0 9-17 * * *", "2026-01-05T16:30:00Z", 3)).toEqual([
        "2026-01-05T17:00:00.000Z",
        "2026-01-06T09:00:00.000Z",
        "2026-01-06T10:00:00.000Z",
      ]);
    });

    it("steps through a range (a-b/n) and from a value to the maximum (a/n)", () => {
      expect(occurrences("0 10-40/15 * * * *", "2026-01-05T16:00:00Z", 4)).toEqual([
        "2026-01-05T16:10:00.000Z",
        "2026-01-05T16:25:00.000Z",
        "2026-01-05T16:40:00.000Z",
        "2026-01-05T17:10:00.000Z",
      ]);
      expect(occurrences("5/20 0 0 * * *", "2026-01-05T00:00:00Z", 3)).toEqual([
        "2026-01-05T00:00:05.000Z",
        "2026-01-05T00:00:25.000Z",
        "2026-01-05T00:00:45.000Z",
      ]);
    });

    it("combines lists, ranges and steps in one field", () => {
      expect(occurrences("0 0 1,5-6,20/2 * * *", "2026-01-05T00:00:00Z", 8)).toEqual([
        "2026-01-05T01:00:00.000Z",
        "2026-01-05T05:00:00.000Z",
        "2026-01-05T06:00:00.000Z",
        "2026-01-05T20:00:00.000Z",
        "2026-01-05T22:00:00.000Z",
        "2026-01-06T01:00:00.000Z",
        "2026-01-06T05:00:00.000Z",
        "2026-01-06T06:00:00.000Z",
      ]);
    });

    it("accepts month and day names in any case, as in '9:30 every Monday in January'", () => {
      expect(occurrences("0 30 9 * Jan Mon", "2026-01-06T00:00:00Z", 4)).toEqual([
        "2026-01-12T09:30:00.000Z",
        "2026-01-19T09:30:00.000Z",
        "2026-01-26T09:30:00.000Z",
        "2027-01-04T09:30:00.000Z",
      ]);
      expect(occurrences("0 0 0 1 DECEMBER friday", "2026-01-01T00:00:00Z", 1)).toEqual(["2028-12-01T00:00:00.000Z"]);
    });

    it("accepts name ranges such as mon-fri", () => {
      expect(occurrences("0 30 7 * * mon-fri", "2026-11-27T08:00:00Z", 2)).toEqual([
        "2026-11-30T07:30:00.000Z",
        "2026-12-01T07:30:00.000Z",
      ]);
    });

    it("requires BOTH day-of-month and day-of-week to match, as the Functions host does", () => {
      // Friday the 13th, not "every 13th or every Friday".
      expect(occurrences("0 0 0 13 * 5", "2026-01-01T00:00:00Z", 3)).toEqual([
        "2026-02-13T00:00:00.000Z",
        "2026-03-13T00:00:00.000Z",
        "2026-11-13T00:00:00.000Z",
      ]);
    });

    it("skips months that lack the day (the 31st)", () => {
      expect(occurrences("0 0 12 31 * *", "2026-01-31T12:00:00Z", 3)).toEqual([
        "2026-03-31T12:00:00.000Z",
        "2026-05-31T12:00:00.000Z",
        "2026-07-31T12:00:00.000Z",
      ]);
    });

    it("finds the 29th of February only in leap years", () => {
      expect(occurrences("0 0 0 29 2 *", "2026-01-01T00:00:00Z", 2)).toEqual([
        "2028-02-29T00:00:00.000Z",
        "2032-02-29T00:00:00.000Z",
      ]);
      // 2100 is not a leap year: the Gregorian century rule applies.
      expect(occurrences("0 0 0 29 2 *", "2096-03-01T00:00:00Z", 1)).toEqual(["2104-02-29T00:00:00.000Z"]);
    });

    it("finds a leap day that also falls on a given weekday years later", () => {
      // 29 February on a Monday: 2044 is the next one after 2026.
      expect(occurrences("0 0 0 29 feb mon", "2026-01-01T00:00:00Z", 1)).toEqual(["2044-02-29T00:00:00.000Z"]);
    });

    it("rolls over the end of a day, a month and a year", () => {
      expect(occurrences("59 59 23 * * *", "2026-12-31T23:59:59Z", 1)).toEqual(["2027-01-01T23:59:59.000Z"]);
      expect(occurrences("* * * * * *", "2026-12-31T23:59:59Z", 1)).toEqual(["2027-01-01T00:00:00.000Z"]);
      expect(occurrences("0 0 0 1 * *", "2026-02-15T00:00:00Z", 1)).toEqual(["2026-03-01T00:00:00.000Z"]);
    });

    it("restarts minutes and seconds from their first allowed value in a later hour", () => {
      expect(occurrences("30 45 10,14 * * *", "2026-06-01T10:50:00Z", 1)).toEqual(["2026-06-01T14:45:30.000Z"]);
    });

    it("accepts the five-field form without seconds, as the host does (second 0)", () => {
      expect(occurrences("30 9 * * 1-5", "2026-11-27T10:00:00Z", 1)).toEqual(["2026-11-30T09:30:00.000Z"]);
    });

    it("tolerates extra whitespace between fields", () => {
      expect(occurrences("  0  0   3 * *\t0 ", "2026-11-25T12:00:00Z", 1)).toEqual(["2026-11-29T03:00:00.000Z"]);
    });

    it("keeps the expression it was parsed from", () => {
      expect(parseNcrontab("0 0 3 * * 0").expression).toBe("0 0 3 * * 0");
    });

    it("refuses a non-finite time", () => {
      expect(() => parseNcrontab("* * * * * *").nextAfter(Number.NaN)).toThrow(RangeError);
    });
  });

  it("agrees with a second-by-second scan for any lists of values", () => {
    const values = (min: number, max: number) =>
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((list) => [...list].sort((a, b) => a - b));
    fc.assert(
      fc.property(
        values(0, 59),
        values(0, 59),
        values(0, 23),
        fc.option(values(0, 6), { nil: undefined }),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (seconds, minutes, hours, weekdays, from) => {
          const expression = `${seconds.join(",")} ${minutes.join(",")} ${hours.join(",")} * * ${weekdays?.join(",") ?? "*"}`;
          const next = parseNcrontab(expression).nextAfter(from);
          const matches = (t: number): boolean => {
            const d = new Date(t);
            return (
              seconds.includes(d.getUTCSeconds()) &&
              minutes.includes(d.getUTCMinutes()) &&
              hours.includes(d.getUTCHours()) &&
              (weekdays === undefined || weekdays.includes(d.getUTCDay()))
            );
          };
          expect(next).toBeGreaterThan(from);
          expect(matches(next)).toBe(true);
          for (let t = Math.floor(from / 1000) * 1000 + 1000; t < next; t += 1000) {
            if (matches(t)) throw new Error(`${expression}: ${iso(t)} matches before ${iso(next)}`);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  describe("bad input", () => {
    it.each([
      ["", /expected 6 fields/],
      ["0 0 3 * *  * *", /got 7/],
      ["0 0 3 *", /got 4/],
    ])("refuses %j for its field count", (expression, message) => {
      const error = errorOf(expression);
      expect(error.message).toMatch(message);
      expect(error.field).toBeUndefined();
    });

    it.each([
      ["60 * * * * *", "second", /60, outside 0-59/],
      ["* 60 * * * *", "minute", /outside 0-59/],
      ["* * 24 * * *", "hour", /24, outside 0-23/],
      ["* * * 0 * *", "day", /0, outside 1-31/],
      ["* * * 32 * *", "day", /outside 1-31/],
      ["* * * * 13 *", "month", /outside 1-12/],
      ["* * * * 0 *", "month", /outside 1-12/],
      ["* * * * * 7", "day-of-week", /outside 0-6 \(Sunday is 0\)/],
      ["* * * * * funday", "day-of-week", /not a day name/],
      ["* * * * ju *", "month", /not a month name/],
      ["* * x * * *", "hour", /not a number between 0 and 23/],
      ["* * 1,,2 * * *", "hour", /empty list element/],
      ["* * 1- * * *", "hour", /empty value/],
      ["*/0 * * * * *", "second", /step of 0/],
      ["*/x * * * * *", "second", /not a whole number/],
      ["*/5/2 * * * * *", "second", /more than one "\/"/],
      ["* * 1-2-3 * * *", "hour", /more than one "-"/],
      ["* * 22-2 * * *", "hour", /reversed range 22-2/],
      ["* * -1 * * *", "hour", /empty value/],
      ["* * 1.5 * * *", "hour", /not a number/],
    ])("refuses %j naming the %s field", (expression, field, message) => {
      const error = errorOf(expression);
      expect(error.field).toBe(field);
      expect(error.message).toContain(`${field} field`);
      expect(error.message).toMatch(message);
      expect(error.name).toBe("NcrontabError");
    });

    it("refuses a day and month that never coincide instead of never running", () => {
      const error = errorOf("0 0 0 30,31 2 *");
      expect(error.field).toBe("day");
      expect(error.message).toMatch(/never/);
      expect(() => parseNcrontab("0 0 0 31 4,5 *")).not.toThrow();
    });

    it("refuses a value that is not a string", () => {
      expect(() => parseNcrontab(42 as unknown as string)).toThrow(NcrontabError);
    });
  });
});
