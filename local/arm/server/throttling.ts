// ARM's regional token buckets, per subscription: reads refill at 25/s up to 250, writes at 10/s up to 200. They run
// on the wall clock, never on simulated time, because they model ARM's capacity, not the estate's life.

export interface ThrottlingSettings {
  enabled: boolean;
  readsPerSecond: number;
  readBucket: number;
  writesPerSecond: number;
  writeBucket: number;
}

export const ARM_THROTTLING: ThrottlingSettings = { enabled: true, readsPerSecond: 25, readBucket: 250, writesPerSecond: 10, writeBucket: 200 };

export type RequestKind = "reads" | "writes";

export type ThrottleDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

class TokenBucket {
  private tokens: number;
  private lastRefillMs: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly nowMs: () => number,
  ) {
    this.tokens = capacity;
    this.lastRefillMs = nowMs();
  }

  take(): ThrottleDecision {
    const now = this.nowMs();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.lastRefillMs) / 1000) * this.perSecond);
    this.lastRefillMs = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, remaining: Math.floor(this.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }
}

export class Throttle {
  private buckets!: Record<RequestKind, TokenBucket>;
  private current!: ThrottlingSettings;

  constructor(
    settings: ThrottlingSettings = ARM_THROTTLING,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.configure(settings);
  }

  get settings(): ThrottlingSettings {
    return { ...this.current };
  }

  configure(settings: ThrottlingSettings): void {
    for (const key of ["readsPerSecond", "readBucket", "writesPerSecond", "writeBucket"] as const) {
      const value = settings[key];
      if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) throw new RangeError(`throttling ${key} must be a positive number`);
    }
    this.current = { ...settings };
    this.buckets = {
      reads: new TokenBucket(settings.readBucket, settings.readsPerSecond, this.nowMs),
      writes: new TokenBucket(settings.writeBucket, settings.writesPerSecond, this.nowMs),
    };
  }

  take(kind: RequestKind): ThrottleDecision | undefined {
    return this.current.enabled ? this.buckets[kind].take() : undefined;
  }
}

export function requestKind(method: string): RequestKind {
  return method === "GET" || method === "HEAD" ? "reads" : "writes";
}
