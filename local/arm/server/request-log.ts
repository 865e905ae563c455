// The log of ARM calls the control API exposes, so tests and benchmarks can count reads and writes.

export interface RequestLogEntry {
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

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Long lab sessions must not grow without bound; the oldest entries go first.
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
