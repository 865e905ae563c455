// The lab for integration and e2e tests: Azurite, the ARM emulator (in this process) and the local Functions host
// as a CHILD PROCESS running the compiled app (dist/functions/index.js, so `npm run build` must have run), all on
// free loopback ports and sharing one clock.
//
//   const lab = await startLab({ estate: "shop" });            // virtual clock by default
//   await fetch(`${lab.apiUrl}/plans`, { headers: lab.headers() });
//   await lab.advance(5 * 60_000);                            // moves emulator and host time together
//   await lab.restartHost({ kill: "SIGKILL" });               // a crash: same port, same storage, same key
//   await lab.stop();                                         // in afterAll
//
// Each lab uses its own task hub and container prefix, so labs never see each other's state even when they share
// nothing but the machine.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { startAzurite, type RunningAzurite } from "../../local/azurite/azurite";
import type { ClockSpec } from "../../local/clock/clock";
import { startArmEmulator, type RunningArmEmulator } from "../../local/arm/emulator";
import type { Estate } from "../../local/estates/estate";
import type { RequestLogEntry } from "../../local/arm/server/request-log";
import { generateKey } from "../../local/host/http/auth";
import { freePort } from "../../local/net/free-port";

export const REPO_ROOT = resolve(__dirname, "../..");

export interface LabOptions {
  /** The emulator's estate: a name under local/estates, or an estate object (a variant of one); default `shop`. */
  estate?: "shop" | "hybrid" | Estate;
  /** Default virtual: time moves only through advance(). Scaled runs simulated time `speed` times faster than real. */
  clock?: { mode: "virtual" } | { mode: "scaled"; speed: number };
  /** Extra app settings for the host (override the lab's). */
  settings?: Record<string, string>;
  /** Print the host's output to this process's stderr (or set LAB_HOST_LOGS=1). */
  hostLogs?: boolean;
  /**
   * The host stands in for App Service authentication (`--app-service-auth`): the app sees WEBSITE_AUTH_ENABLED=True
   * and the x-ms-client-principal* headers a test sends, as from a signed-in person. Default off: the host drops them.
   */
  appServiceAuth?: boolean;
}

export interface Lab {
  /** Base URL of the API: `http://127.0.0.1:P/api/v1`. */
  apiUrl: string;
  /** Origin of the host: `http://127.0.0.1:P`. */
  hostUrl: string;
  /** The function key every API route needs (x-functions-key). */
  key: string;
  /** The host's master key (admin API). */
  masterKey: string;
  /** Base URL of the ARM emulator. */
  armUrl: string;
  /** Azurite's connection string, and the prefix of the app's blob containers. */
  storage: { connectionString: string; containerPrefix: string };
  /** The app settings the host was started with. */
  settings: Readonly<Record<string, string>>;
  emulator: RunningArmEmulator;
  /** Headers that authenticate a call (the function key), plus any given. */
  headers(extra?: Record<string, string>): Record<string, string>;
  /** Every ARM call the emulator answered so far (control API calls excluded). */
  emulatorRequests(): Promise<RequestLogEntry[]>;
  /** A call to the emulator's control API (`/_emulator/...`). */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Stops the host (SIGTERM waits for a clean stop; SIGKILL is a crash) and starts it again on the same port. */
  restartHost(options?: { kill?: "SIGTERM" | "SIGKILL" }): Promise<void>;
  /** Virtual clock: moves emulator and host time forward together in steps. Scaled: waits the real time it takes. */
  advance(ms: number, options?: { stepMs?: number }): Promise<void>;
  /** The host's output so far (for failure messages). */
  hostOutput(): string;
  stop(): Promise<void>;
}

const DEFAULT_STEP_MS = 30_000;

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  if (!existsSync(join(REPO_ROOT, "dist/functions/index.js")) || !existsSync(join(REPO_ROOT, "dist/local/host/main.js"))) {
    throw new Error("the app is not built: run `npm run build` (npm test does) before the integration tests");
  }
  const clockSpec: ClockSpec = options.clock?.mode === "scaled" ? { mode: "scaled", speed: options.clock.speed, originMs: Date.now(), realOriginMs: Date.now() } : { mode: "virtual" };
  const stack: (() => Promise<void>)[] = [];
  const unwind = async (): Promise<void> => {
    for (const action of stack.splice(0).reverse()) await action().catch(() => undefined);
  };
  try {
    const azurite: RunningAzurite = await startAzurite();
    stack.push(() => azurite.stop());
    const emulator = await startArmEmulator({ estate: options.estate ?? "shop", clock: clockSpec });
    stack.push(() => emulator.stop());
    const estateKey = (emulator.estate.eventGridKey ?? "local-topic-key") as string;
    const suffix = randomBytes(4).toString("hex");
    const containerPrefix = `lab-${suffix}`;
    const settings: Record<string, string> = {
      AzureWebJobsStorage: azurite.connectionString,
      STANDBY_TASK_HUB: `lab${suffix}`,
      STANDBY_ARM_ENDPOINT: emulator.url,
      STANDBY_EVENTGRID_ENDPOINT: `${emulator.url}/api/events`,
      STANDBY_EVENTGRID_KEY: estateKey,
      STANDBY_STORAGE_CONTAINER_PREFIX: containerPrefix,
      STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
      STANDBY_ALLOWED_HOSTS: "",
      ...(options.settings ?? {}),
    };
    const key = generateKey();
    const masterKey = generateKey();
    const port = await freePort();
    const showLogs = options.hostLogs === true || process.env.LAB_HOST_LOGS === "1";
    const appServiceAuth = options.appServiceAuth === true;
    let host = await spawnHost({ port, key, masterKey, settings, clockSpec: emulator.clock.spec(), showLogs, appServiceAuth });
    stack.push(() => host.stop("SIGTERM"));
    const hostUrl = `http://127.0.0.1:${port}`;

    const control = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    };

    const advanceHost = async (ms: number): Promise<void> => {
      const response = await fetch(`${hostUrl}/admin/clock/advance`, {
        method: "POST",
        headers: { "x-functions-key": masterKey, "Content-Type": "application/json" },
        body: JSON.stringify({ ms }),
      });
      if (response.status !== 200) throw new Error(`the host refused to advance its clock: ${response.status} ${await response.text()}`);
    };

    return {
      apiUrl: `${hostUrl}/api/v1`,
      hostUrl,
      key,
      masterKey,
      armUrl: emulator.url,
      storage: { connectionString: azurite.connectionString, containerPrefix },
      settings,
      emulator,
      headers: (extra = {}) => ({ "x-functions-key": key, ...extra }),
      emulatorRequests: async () => (await control<RequestLogEntry[]>("GET", "/_emulator/requests")).body,
      control,
      restartHost: async (restart = {}) => {
        await host.stop(restart.kill ?? "SIGTERM");
        host = await spawnHost({ port, key, masterKey, settings, clockSpec: emulator.clock.spec(), showLogs, appServiceAuth });
      },
      advance: async (ms, advanceOptions = {}) => {
        if (emulator.clock.mode !== "virtual") {
          await new Promise((done) => setTimeout(done, ms / emulator.clock.speed));
          return;
        }
        // Small steps let each side react to the other (a job that ends, a timer that polls) before time moves on.
        const step = advanceOptions.stepMs ?? DEFAULT_STEP_MS;
        for (let done = 0; done < ms; done += step) {
          const delta = Math.min(step, ms - done);
          await emulator.clock.advance(delta);
          await advanceHost(delta);
        }
      },
      hostOutput: () => host.output(),
      stop: unwind,
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}

interface HostChild {
  output(): string;
  stop(signal: "SIGTERM" | "SIGKILL"): Promise<void>;
}

interface HostSpawnOptions {
  port: number;
  key: string;
  masterKey: string;
  settings: Record<string, string>;
  clockSpec: ClockSpec;
  showLogs: boolean;
  appServiceAuth: boolean;
}

const MAX_OUTPUT_CHARS = 200_000;

/** `npm run host -- --app <repo root> ...` without npm: the host's own entry point, as a user runs it. */
async function spawnHost(options: HostSpawnOptions): Promise<HostChild> {
  const args = [join(REPO_ROOT, "dist/local/host/main.js"), "--app", REPO_ROOT, "--port", String(options.port), ...(options.appServiceAuth ? ["--app-service-auth"] : [])];
  // Keys go in settings, not arguments: a random key may start with "-", and arguments show in `ps`.
  const keySettings = { LOCAL_FUNCTION_KEY: options.key, LOCAL_MASTER_KEY: options.masterKey };
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.settings, ...keySettings, LOCAL_CLOCK: JSON.stringify(options.clockSpec) },
    // The IPC channel is how the host notices a test process killed without its exit hook running.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  // A test process that dies must not leave a host behind.
  const killOnExit = (): void => {
    child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  let output = "";
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
    if (options.showLogs) process.stderr.write(chunk);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  await new Promise<void>((resolveStarted, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the host did not start within 30 s:\n${output}`)), 30_000);
    const onData = (): void => {
      if (output.includes("Functions host listening on")) {
        clearTimeout(timeout);
        child.stdout?.off("data", onData);
        child.off("exit", onExit);
        resolveStarted();
      }
    };
    const onExit = (code: number | null): void => {
      clearTimeout(timeout);
      reject(new Error(`the host exited with code ${code} before listening:\n${output}`));
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
  return {
    output: () => output,
    stop: (signal) => endChild(child, signal).finally(() => process.off("exit", killOnExit)),
  };
}

function endChild(child: ChildProcess, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    force.unref();
    child.once("exit", () => {
      clearTimeout(force);
      resolveExit();
    });
    child.kill(signal);
  });
}
