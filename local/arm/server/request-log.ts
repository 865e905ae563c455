// The log of ARM calls the control API exposes, so tests and benchmarks can count reads and writes.

export interface RequestLogEntry {
  /**
   * Position of the call since the emulator started (1, 2, ...). It survives the trimming of old entries, so a
   * reader can take "everything after what I saw last" exactly, and can tell when entries it needed are gone.
   */
  seq: number;
  /** Wall-clock time of the answer, ISO 8601. */
  time: string;
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  apiVersion: string | null;
}

const MAX_ENTRIES = 100_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private recorded = 0;

  constructor(private readonly maxEntries = MAX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError("maxEntries must be a whole number of 1 or more");
  }

  record(entry: Omit<RequestLogEntry, "seq">): void {
    this.recorded += 1;
    this.entries.push({ seq: this.recorded, ...entry });
    // Long lab sessions must not grow without bound; the oldest entries go first.
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  /** Forgets the entries; positions keep counting, so a reader's earlier snapshot still orders before new calls. */
  clear(): void {
    this.entries = [];
  }
}
