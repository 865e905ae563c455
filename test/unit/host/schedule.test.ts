import { parseSchedule } from "../../../local/host/timers/schedule";

const at = (iso: string) => Date.parse(iso);

describe("timer trigger schedules", () => {
  it("reads six-field NCRONTAB expressions through the shared parser", () => {
    const everyFiveMinutes = parseSchedule("0 */5 * * * *");
    expect(everyFiveMinutes.nextAfter(at("2026-01-01T10:02:30Z"))).toBe(at("2026-01-01T10:05:00Z"));
    expect(everyFiveMinutes.nextAfter(at("2026-01-01T10:05:00Z"))).toBe(at("2026-01-01T10:10:00Z"));
  });

  it("reads TimeSpan schedules as a fixed interval", () => {
    expect(parseSchedule("00:00:30").nextAfter(1_000)).toBe(31_000);
    expect(parseSchedule("1.02:00:00").nextAfter(0)).toBe(26 * 3600 * 1000);
  });

  it("refuses malformed schedules", () => {
    expect(() => parseSchedule("00:61:00")).toThrow(/not a valid positive TimeSpan/);
    expect(() => parseSchedule("00:00:00")).toThrow(/not a valid positive TimeSpan/);
    expect(() => parseSchedule("every minute")).toThrow();
  });
});
