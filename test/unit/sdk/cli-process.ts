import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeStandbyServer } from "./fake-standby-server";

/** The built CLI, run as a user runs it: a separate node process. */
export const CLI_MAIN = join(__dirname, "../../../sdk/dist/commonjs/cli/main.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `standby args…` in `cwd` with exactly the environment given (plus PATH). */
export function runStandby(args: string[], options: { env: Record<string, string>; cwd: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? "", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // A CLI that hangs fails its test instead of holding the suite.
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface CliFakes {
  /** The Standby API the CLI talks to (STANDBY_ENDPOINT, key "cli-key"). */
  server: FakeStandbyServer;
  /** The lab's ARM emulator, for `standby lab …`. */
  arm: FakeStandbyServer;
  /** A folder outside the repository, so that no .standby/lab.json is found unless a test writes one. */
  folder(): string;
  /** Runs the CLI in `folder()` against `server`; `env` adds or overrides variables. */
  standby(args: string[], options?: { env?: Record<string, string>; cwd?: string }): Promise<CliRun>;
}

/** Starts the fake service and emulator for the file's tests, resets them before each test and stops them after all. */
export function useCliFakes(): CliFakes {
  const server = new FakeStandbyServer();
  const arm = new FakeStandbyServer();
  let folder = "";
  beforeAll(async () => {
    await server.start();
    await arm.start();
    folder = mkdtempSync(join(tmpdir(), "standby-cli-"));
  });
  afterAll(async () => {
    await server.stop();
    await arm.stop();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => {
    server.reset();
    arm.reset();
  });
  return {
    server,
    arm,
    folder: () => folder,
    standby: (args, options = {}) =>
      runStandby(args, {
        cwd: options.cwd ?? folder,
        env: { STANDBY_ENDPOINT: server.endpoint, STANDBY_KEY: "cli-key", ...options.env },
      }),
  };
}
