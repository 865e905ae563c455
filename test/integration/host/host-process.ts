// Starts the compiled local host in a child process (test/fixtures/host-runner.js), as the lab and `npm run host`
// run it: a real process that the tests can stop, or kill with SIGKILL. Needs `npm run build` first.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ClockSpec } from "../../../local/clock/clock";

export const REPO_ROOT = resolve(__dirname, "../../..");
export const FIXTURE_APP = join(REPO_ROOT, "test/fixtures/durable-app");
export const KEYS = { function: "test-function-key", master: "test-master-key", system: "test-system-key" };

export interface HostProcess {
  url: string;
  /** Everything the host wrote to stderr so far (errors, and logs with HOST_RUNNER_LOGS=1). */
  errors(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface HostProcessOptions {
  engine: "fake" | "real";
  clock?: ClockSpec;
  env?: Record<string, string>;
  appFolder?: string;
  port?: number;
}

export async function spawnHost(options: HostProcessOptions): Promise<HostProcess> {
  const runner = join(REPO_ROOT, "test/fixtures/host-runner.js");
  if (!existsSync(join(REPO_ROOT, "dist/local/host/host.js"))) throw new Error("the host is not built: run `npm run build` first");
  const child = spawn(
    process.execPath,
    [runner, options.appFolder ?? FIXTURE_APP, options.engine, JSON.stringify(options.clock ?? { mode: "virtual" })],
    { env: { ...process.env, ...options.env, ...(options.port !== undefined ? { HOST_RUNNER_PORT: String(options.port) } : {}) }, stdio: ["pipe", "pipe", "pipe"] },
  );
  // The runner exits when this pipe closes, so a crashed test run leaves no host behind.
  child.stdin?.on("error", () => undefined);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = "";
    const timeout = setTimeout(() => reject(new Error(`the host did not start within 30 s:\n${stderr}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("{"));
      if (line) {
        clearTimeout(timeout);
        resolveUrl((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timeout);
      reject(new Error(`the host exited with code ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    errors: () => stderr,
    stop: () => endProcess(child, "SIGTERM"),
    kill: () => endProcess(child, "SIGKILL"),
  };
}

function endProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    child.once("exit", () => resolveExit());
    child.kill(signal);
  });
}

/** fetch with the JSON body parsed (undefined when empty). */
export async function call(url: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const { json, ...rest } = init;
  const response = await fetch(url, json === undefined ? rest : { ...rest, body: JSON.stringify(json), headers: { "content-type": "application/json", ...(rest.headers ?? {}) } });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, body };
}
