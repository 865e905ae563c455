// Fault injection for ARM calls and ASR jobs. Rates draw from a seeded generator so a run can be repeated.

export interface JobFailureRule {
  /** Fail the next N jobs. */
  count?: number;
  /** Fail each job with this probability (0-1). */
  rate?: number;
  /** Fail jobs on these items (item names or VM names, any case). */
  items?: string[];
  code?: string;
  message?: string;
}

export interface FaultSettings {
  /** Probability (0-1) that an ARM call answers 429 with Retry-After: 1. */
  rate429?: number;
  /** Probability (0-1) that an ARM call answers 500. */
  rate5xx?: number;
  failJobs?: JobFailureRule;
  /**
   * The next N actions the emulator accepts (POST answered 202) are carried out, but the connection closes before
   * the answer is sent: the caller cannot tell whether the action happened, as after a network failure or a crash.
   */
  loseAcceptedAnswers?: number;
}

export type InjectedFault = { status: 429 } | { status: 500 } | undefined;

export interface JobFailure {
  code: string;
  message: string;
}

export class Faults {
  private settings: FaultSettings = {};
  private random: () => number;

  constructor(seed = 0x5eed) {
    this.random = mulberry32(seed);
  }

  get current(): FaultSettings {
    return structuredClone(this.settings);
  }

  /** Replaces the fault settings; throws RangeError (and keeps the old ones) when a value is out of range. */
  configure(input: unknown): void {
    this.settings = parseFaults(input);
  }

  drawRequestFault(): InjectedFault {
    if (this.settings.rate429 && this.random() < this.settings.rate429) return { status: 429 };
    if (this.settings.rate5xx && this.random() < this.settings.rate5xx) return { status: 500 };
    return undefined;
  }

  /** Whether the answer to this accepted action is lost (see FaultSettings.loseAcceptedAnswers). */
  drawLostAnswer(method: string, status: number): boolean {
    if (method !== "POST" || status !== 202 || !this.settings.loseAcceptedAnswers) return false;
    this.settings.loseAcceptedAnswers -= 1;
    return true;
  }

  /** Decides, when a job starts, whether it will fail; item names are the item's name and its VM name. */
  drawJobFailure(itemNames: readonly string[]): JobFailure | undefined {
    const rule = this.settings.failJobs;
    if (!rule) return undefined;
    const wanted = rule.items?.map((name) => name.toLowerCase()) ?? [];
    let fail = itemNames.some((name) => wanted.includes(name.toLowerCase()));
    if (!fail && rule.count && rule.count > 0) {
      rule.count -= 1;
      fail = true;
    }
    if (!fail && rule.rate && this.random() < rule.rate) fail = true;
    if (!fail) return undefined;
    return {
      code: rule.code ?? "70038",
      message: rule.message ?? "The operation failed because of an injected fault: the replica virtual machine could not be started.",
    };
  }
}

function parseFaults(input: unknown): FaultSettings {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new RangeError("faults must be a JSON object");
  const raw = input as Record<string, unknown>;
  const unknownKeys = Object.keys(raw).filter((key) => !["rate429", "rate5xx", "failJobs", "loseAcceptedAnswers"].includes(key));
  if (unknownKeys.length) throw new RangeError(`unknown fault settings: ${unknownKeys.join(", ")}`);
  const settings: FaultSettings = {};
  for (const key of ["rate429", "rate5xx"] as const) {
    if (raw[key] === undefined) continue;
    settings[key] = probability(raw[key], key);
  }
  if (raw.loseAcceptedAnswers !== undefined) settings.loseAcceptedAnswers = count(raw.loseAcceptedAnswers, "loseAcceptedAnswers");
  const failJobs = raw.failJobs;
  if (failJobs === undefined || failJobs === null) return settings;
  if (typeof failJobs === "number") {
    settings.failJobs = { count: count(failJobs, "failJobs") };
  } else if (Array.isArray(failJobs)) {
    settings.failJobs = { items: names(failJobs, "failJobs") };
  } else if (typeof failJobs === "object") {
    const rule = failJobs as Record<string, unknown>;
    settings.failJobs = {
      count: rule.count === undefined ? undefined : count(rule.count, "failJobs.count"),
      rate: rule.rate === undefined ? undefined : probability(rule.rate, "failJobs.rate"),
      items: rule.items === undefined ? undefined : names(rule.items, "failJobs.items"),
      code: rule.code === undefined ? undefined : text(rule.code, "failJobs.code"),
      message: rule.message === undefined ? undefined : text(rule.message, "failJobs.message"),
    };
  } else {
    throw new RangeError("failJobs must be a count, a list of item names or {count, rate, items, code, message}");
  }
  return settings;
}

function probability(value: unknown, name: string): number {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) throw new RangeError(`${name} must be a number from 0 to 1`);
  return value;
}

function count(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number of 0 or more`);
  return value;
}

function names(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === "string")) throw new RangeError(`${name} must be a list of item names`);
  return value as string[];
}

function text(value: unknown, name: string): string {
  if (typeof value !== "string" || value === "") throw new RangeError(`${name} must be a non-empty string`);
  return value;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
