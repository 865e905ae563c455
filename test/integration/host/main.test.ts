// `npm run host -- --app <folder>` as a user runs it: the compiled entry point loads any app folder, prints where it
// listens and what it serves, answers with the keys it was given, and stops cleanly on SIGTERM and SIGINT.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { startAzurite, type RunningAzurite } from "../../../local/azurite/azurite";
import { isAlive } from "../../../local/lab/state-dir";
import { FIXTURE_APP, REPO_ROOT } from "./host-process";

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(() => azurite?.stop());

function runMain(args: string[]) {
  const child = spawn(process.execPath, [join(REPO_ROOT, "dist/local/host/main.js"), ...args], {
    env: { ...process.env, AzureWebJobsStorage: azurite.connectionString },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 30_000);
    child.stdout.on("data", () => {
      const match = /Functions host listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timeout);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timeout);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  // Tests that expect a failed start never await the listening line.
  listening.catch(() => undefined);
  return { child, exited, listening, output: () => output };
}

describe("the host's command line", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`serves an app folder, lists its functions and stops on ${signal}`, async () => {
      const run = runMain(["--app", FIXTURE_APP, "--port", "0", "--virtual", "--key", "cli-key", "--master-key", "cli-master"]);
      try {
        const url = await run.listening;
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(run.output()).toContain(`itemById: [GET] ${url}/api/items/{id:int} (anonymous)`);
        expect(run.output()).toContain("fiveMinuteReport: timerTrigger 0 */5 * * * *");
        expect(run.output()).toContain("sequence: orchestrationTrigger");
        expect((await fetch(`${url}/api/echo`, { method: "POST", body: "{}", headers: { "x-functions-key": "cli-key" } })).status).toBe(201);
        expect((await fetch(`${url}/admin/host/status`, { headers: { "x-functions-key": "cli-master" } })).status).toBe(200);
        run.child.kill(signal);
        expect(await run.exited).toBe(0);
      } finally {
        run.child.kill("SIGKILL");
      }
    });
  }

  it("stops by itself when the parent that started it over an IPC channel is killed", async () => {
    // A parent that starts the host as the test lab does, reports the host's pid, then waits to be killed.
    const parentScript = `
      const { spawn } = require("node:child_process");
      const host = spawn(process.execPath, process.argv.slice(1), { stdio: ["ignore", "pipe", "inherit", "ipc"] });
      host.stdout.on("data", (chunk) => { if (chunk.toString().includes("listening on")) console.log("host pid " + host.pid); });
    `;
    const parent = spawn(process.execPath, ["-e", parentScript, join(REPO_ROOT, "dist/local/host/main.js"), "--app", FIXTURE_APP, "--port", "0", "--virtual"], {
      env: { ...process.env, AzureWebJobsStorage: azurite.connectionString },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let hostPid = 0;
    try {
      hostPid = await new Promise<number>((resolve, reject) => {
        const timeout = setTimeout(() => reject(new Error("the host did not start")), 30_000);
        parent.stdout.on("data", (chunk: Buffer) => {
          const match = /host pid (\d+)/.exec(chunk.toString());
          if (match) {
            clearTimeout(timeout);
            resolve(Number(match[1]));
          }
        });
      });
      expect(isAlive(hostPid)).toBe(true);
      parent.kill("SIGKILL");
      const deadline = Date.now() + 20_000;
      while (isAlive(hostPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(isAlive(hostPid)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
      if (hostPid !== 0 && isAlive(hostPid)) process.kill(hostPid, "SIGKILL");
    }
  });

  it("refuses to start with a clear message when the app folder or an option is wrong", async () => {
    const missing = runMain(["--app", join(REPO_ROOT, "no-such-app"), "--port", "0"]);
    expect(await missing.exited).toBe(1);
    expect(missing.output()).toMatch(/cannot read the app's package.json/);
    const badPort = runMain(["--app", FIXTURE_APP, "--port", "http"]);
    expect(await badPort.exited).toBe(1);
    expect(badPort.output()).toMatch(/--port must be an integer/);
  });
});
