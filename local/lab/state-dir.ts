// The lab's state folder: one lab at a time per folder (a pid lock), keys that survive restarts (so STANDBY_KEY
// stays valid), the simulated time reached (so a restart resumes the clock instead of going back in
// simulated time, where durable timers would wait longer), and lab.json for the SDK and CLI.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateKey } from "../host/http/auth";

export interface LabDescription {
  endpoint: string;
  /** The function key every API route takes. */
  key: string;
  armEndpoint: string;
  storage: string;
  /** The host's master key: the admin API (run a timer now, the clock). */
  masterKey: string;
}

export class LabStateDir {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
    mkdirSync(this.path, { recursive: true });
  }

  get azuriteLocation(): string {
    return join(this.path, "azurite");
  }

  /** Takes the folder for this process; refuses when a live lab holds it. */
  lock(): void {
    const file = join(this.path, "lab.pid");
    if (existsSync(file)) {
      const pid = Number(readFileSync(file, "utf8"));
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
        throw new Error(`another lab (pid ${pid}) is using ${this.path}; stop it or pass --state-dir`);
      }
    }
    writeFileSync(file, String(process.pid));
  }

  unlock(): void {
    rmSync(join(this.path, "lab.pid"), { force: true });
  }

  /** A key kept in the folder, made on first use. */
  key(name: "key" | "master-key"): string {
    const file = join(this.path, name);
    if (existsSync(file)) return readFileSync(file, "utf8").trim();
    const key = generateKey();
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }

  /** The simulated time the last run reached, if any. */
  savedSimulatedTime(): number | undefined {
    const file = join(this.path, "clock.json");
    if (!existsSync(file)) return undefined;
    const saved = (JSON.parse(readFileSync(file, "utf8")) as { simulatedNowMs?: unknown }).simulatedNowMs;
    return typeof saved === "number" && Number.isFinite(saved) ? saved : undefined;
  }

  saveSimulatedTime(nowMs: number): void {
    writeFileSync(join(this.path, "clock.json"), JSON.stringify({ simulatedNowMs: nowMs }));
  }

  writeDescription(description: LabDescription): string {
    const file = join(this.path, "lab.json");
    writeFileSync(file, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
    return file;
  }
}

/** Whether a process with this id still runs (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
