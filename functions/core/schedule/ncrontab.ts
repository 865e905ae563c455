// NCRONTAB, the schedule format of Azure Functions timer triggers and of plan drills:
//   {second} {minute} {hour} {day} {month} {day-of-week}
// It follows what the Functions host accepts (the NCrontab library with seconds): `*`, lists, ranges, steps
// (`*/5`, `10-40/10`, `5/15` = from 5 to the field's maximum), month and day names, Sunday = 0, and a five-field
// form without seconds (second 0), which the host also accepts. Day-of-month and day-of-week must BOTH match
// (NCrontab semantics, unlike Vixie cron's "either"). All times are UTC, the host's default time zone.
//
// Where NCrontab is lenient in ways that hide mistakes, this parser refuses with a message naming the field:
// reversed ranges (NCrontab silently swaps `22-2`, which is never the midnight wrap the author meant), step 0
// (NCrontab turns it into 1), 7 for Sunday (NCrontab rejects it too), and day/month pairs that never occur
// (`0 0 0 30 2 *` parses in NCrontab and then never fires).

export class NcrontabError extends Error {
  override readonly name = "NcrontabError";
  constructor(
    message: string,
    /** The field at fault, when one is (`second`, `minute`, `hour`, `day`, `month`, `day-of-week`). */
    readonly field?: NcrontabFieldName,
  ) {
    super(message);
  }
}

export type NcrontabFieldName = "second" | "minute" | "hour" | "day" | "month" | "day-of-week";

export interface NcrontabSchedule {
  /** The expression as given. */
  readonly expression: string;
  /** The first occurrence strictly after `epochMs` (UTC), as epoch milliseconds on a whole second. */
  nextAfter(epochMs: number): number;
}

interface FieldSpec {
  name: NcrontabFieldName;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
] as const;
const DAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: "second", min: 0, max: 59 },
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTH_NAMES },
  { name: "day-of-week", min: 0, max: 6, names: DAY_NAMES },
];

/** Longest day of each month over all years (February has 29 in leap years). */
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const DAY_MS = 86_400_000;
/** The Gregorian calendar repeats every 400 years, so a match exists within that span or never. */
const SEARCH_LIMIT_DAYS = 146_097;

/** A parsed field: the sorted allowed values and a membership table indexed by value. */
interface FieldValues {
  sorted: number[];
  allowed: boolean[];
}

export function parseNcrontab(expression: string): NcrontabSchedule {
  if (typeof expression !== "string") {
    throw new NcrontabError(`an NCRONTAB expression must be a string, got ${typeof expression}`);
  }
  const tokens = expression.trim().split(/\s+/).filter((token) => token.length > 0);
  if (tokens.length !== 6 && tokens.length !== 5) {
    throw new NcrontabError(
      `"${expression}" is not a valid NCRONTAB expression: expected 6 fields ` +
        `"{second} {minute} {hour} {day} {month} {day-of-week}" (or 5 without seconds), got ${tokens.length}`,
    );
  }
  const fieldTokens = tokens.length === 5 ? ["0", ...tokens] : tokens;
  const [second, minute, hour, day, month, dayOfWeek] = FIELDS.map((spec, index) =>
    parseField(expression, spec, fieldTokens[index] as string),
  ) as [FieldValues, FieldValues, FieldValues, FieldValues, FieldValues, FieldValues];
  assertDayAndMonthCanCoincide(expression, day, month);
  return new Schedule(expression, second, minute, hour, day, month, dayOfWeek);
}

function parseField(expression: string, spec: FieldSpec, token: string): FieldValues {
  const fail = (reason: string): never => {
    throw new NcrontabError(`"${expression}": ${spec.name} field "${token}" ${reason}`, spec.name);
  };
  const allowed = new Array<boolean>(spec.max + 1).fill(false);
  for (const element of token.split(",")) {
    if (element.length === 0) fail("has an empty list element");
    const [rangePart, stepPart, extra] = element.split("/");
    if (extra !== undefined) fail(`has more than one "/" in "${element}"`);
    const step = stepPart === undefined ? 1 : parseStep(stepPart, fail);
    let first: number;
    let last: number;
    if (rangePart === "*") {
      first = spec.min;
      last = spec.max;
    } else {
      const bounds = (rangePart as string).split("-");
      if (bounds.length > 2) fail(`has more than one "-" in "${element}"`);
      first = parseValue(spec, bounds[0] as string, fail);
      // A single value with a step runs to the field's maximum, as in NCrontab (`5/15` = 5,20,35,50).
      last = bounds.length === 2 ? parseValue(spec, bounds[1] as string, fail) : stepPart === undefined ? first : spec.max;
      if (first > last) fail(`has a reversed range ${first}-${last}; write the values in increasing order`);
    }
    for (let value = first; value <= last; value += step) allowed[value] = true;
  }
  const sorted: number[] = [];
  allowed.forEach((isAllowed, value) => {
    if (isAllowed) sorted.push(value);
  });
  return { sorted, allowed };
}

function parseStep(text: string, fail: (reason: string) => never): number {
  if (!/^\d+$/.test(text)) fail(`has a step "${text}" that is not a whole number`);
  const step = Number(text);
  if (step < 1) fail("has a step of 0; steps start at 1");
  return step;
}

function parseValue(spec: FieldSpec, text: string, fail: (reason: string) => never): number {
  if (text.length === 0) fail("has an empty value");
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      const sundayHint = spec.name === "day-of-week" && value === 7 ? " (Sunday is 0)" : "";
      fail(`has ${value}, outside ${spec.min}-${spec.max}${sundayHint}`);
    }
    return value;
  }
  if (spec.names === undefined) fail(`has "${text}", which is not a number between ${spec.min} and ${spec.max}`);
  const lower = text.toLowerCase();
  // Names match as in NCrontab (a case-insensitive prefix of the full name), but at least three letters so that
  // "ju" cannot quietly mean June.
  const index = lower.length >= 3 ? (spec.names as readonly string[]).findIndex((name) => name.startsWith(lower)) : -1;
  if (index < 0) {
    const example = spec.name === "month" ? "month name such as \"feb\"" : "day name such as \"mon\"";
    fail(`has "${text}", which is not a ${example}`);
  }
  return index + spec.min;
}

function assertDayAndMonthCanCoincide(expression: string, day: FieldValues, month: FieldValues): void {
  const possible = month.sorted.some((m) => day.sorted.some((d) => d <= (LONGEST_MONTH[m - 1] as number)));
  if (!possible) {
    throw new NcrontabError(
      `"${expression}": day field and month field never coincide (no month given has those days), so it would never run`,
      "day",
    );
  }
}

class Schedule implements NcrontabSchedule {
  constructor(
    readonly expression: string,
    private readonly second: FieldValues,
    private readonly minute: FieldValues,
    private readonly hour: FieldValues,
    private readonly day: FieldValues,
    private readonly month: FieldValues,
    private readonly dayOfWeek: FieldValues,
  ) {}

  nextAfter(epochMs: number): number {
    if (!Number.isFinite(epochMs)) throw new RangeError(`nextAfter needs a finite epoch time in ms, got ${epochMs}`);
    const start = Math.floor(epochMs / 1000) * 1000 + 1000;
    const startDate = new Date(start);
    let dayStart = start - (start % DAY_MS + DAY_MS) % DAY_MS;
    let fromSecondOfDay = Math.round((start - dayStart) / 1000);
    for (let days = 0; days <= SEARCH_LIMIT_DAYS; days++) {
      const date = new Date(dayStart);
      const m = date.getUTCMonth() + 1;
      if (!this.month.allowed[m]) {
        // Jump to the first day of the next month; the time of day starts from midnight there.
        dayStart = Date.UTC(date.getUTCFullYear(), m, 1);
        fromSecondOfDay = 0;
        continue;
      }
      if (this.day.allowed[date.getUTCDate()] && this.dayOfWeek.allowed[date.getUTCDay()]) {
        const secondOfDay = this.firstTimeOfDayFrom(fromSecondOfDay);
        if (secondOfDay !== undefined) return dayStart + secondOfDay * 1000;
      }
      dayStart += DAY_MS;
      fromSecondOfDay = 0;
    }
    throw new NcrontabError(`"${this.expression}" has no occurrence after ${startDate.toISOString()}`);
  }

  /** The first second of the day, at or after `fromSecondOfDay`, that the time fields allow. */
  private firstTimeOfDayFrom(fromSecondOfDay: number): number | undefined {
    const fromHour = Math.floor(fromSecondOfDay / 3600);
    const fromMinute = Math.floor((fromSecondOfDay % 3600) / 60);
    const fromSecond = fromSecondOfDay % 60;
    for (const h of this.hour.sorted) {
      if (h < fromHour) continue;
      for (const min of this.minute.sorted) {
        if (h === fromHour && min < fromMinute) continue;
        const lowest = h === fromHour && min === fromMinute ? fromSecond : 0;
        const s = this.second.sorted.find((candidate) => candidate >= lowest);
        if (s !== undefined) return h * 3600 + min * 60 + s;
      }
    }
    return undefined;
  }
}
