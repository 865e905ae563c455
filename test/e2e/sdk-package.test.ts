// The packed @standby/client as a user gets it: `npm pack` of sdk/, installed into an empty folder, and the README's
// quick start run exactly as written against the real app in a started lab (seeded and drilled once as `npm start`
// does), as ES module, plus the CommonJS entry points and the installed `standby` binary.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { AzureKeyCredential, StandbyClient, type Operation } from "@standby/client";
import { runStartupDrill } from "../../local/lab/drill-at-start";
import { startLab, type Lab } from "../support/lab";

jest.setTimeout(900_000);

const run = promisify(execFile);
const sdkFolder = join(__dirname, "../../sdk");
let lab: Lab;
let folder: string;
let app: string;

/** The quick start exactly as the README shows it: its first `js` code block. */
function readmeQuickStart(): string {
  const readme = readFileSync(join(sdkFolder, "README.md"), "utf8");
  const block = /## Quick start[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) {
    throw new Error("the README has no js quick start block");
  }
  return block;
}

/** Runs `node <script>` in the app folder while simulated time moves on, until the script exits. */
async function runWhileTimeMoves(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script], { cwd: app });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const done = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      exited = true;
      resolve(code);
    });
  });
  try {
    // Time stands still until the script has shown a test failover running (the first tier's waits for time to
    // move), so what it prints does not depend on how fast this machine moves the clock.
    for (let tries = 0; tries < 300 && !exited && !/^drill running: Test failover/m.test(stdout); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The lab's clock is virtual: it moves only here, in steps the app and the script each react to.
    for (let step = 0; step < 480 && !exited; step += 1) {
      await lab.advance(30_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    if (!exited) child.kill("SIGKILL");
  }
  return { code: await done, stdout, stderr };
}

beforeAll(async () => {
  // The settings and the seeding of `npm start`: the allow-listed probe host, the shop plan with drill settings from
  // the estate, and the start-up drill (so the health sweep has run, as it has by the time a user tries the SDK).
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "localhost" } });
  const startup = await runStartupDrill({ endpoint: lab.hostUrl, key: lab.key, armEndpoint: lab.armUrl }, () => undefined, {
    pause: () => lab.advance(30_000),
  });
  expect(startup).toMatchObject({ ran: true, status: "succeeded" });
  folder = mkdtempSync(join(tmpdir(), "standby-pack-"));
  app = join(folder, "app");
  mkdirSync(join(app, ".standby"), { recursive: true });
}, 600_000);
afterAll(async () => {
  await lab?.stop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe("the packed @standby/client", () => {
  it("installs into an empty folder, runs the README quick start as written against the lab, and serves CommonJS and the binary too", async () => {
    const packed = await run("npm", ["pack", "--json", "--pack-destination", folder], { cwd: sdkFolder, maxBuffer: 16 * 1024 * 1024 });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(["README.md", "bin/standby.js", "dist/commonjs/index.js", "dist/esm/index.js", "dist/esm/package.json", "dist/commonjs/cli/main.js"]),
    );
    expect(paths.filter((path) => path.startsWith("src/") || path.startsWith("review/"))).toEqual([]);

    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "quickstart", version: "1.0.0", private: true }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(folder, filename)], { cwd: app });

    writeFileSync(join(app, ".standby", "lab.json"), JSON.stringify({ endpoint: lab.hostUrl, key: lab.key, armEndpoint: lab.armUrl }));
    writeFileSync(join(app, "quickstart.mjs"), readmeQuickStart());
    const quickStart = await runWhileTimeMoves("quickstart.mjs");
    expect({ code: quickStart.code, stderr: quickStart.stderr }).toEqual({ code: 0, stderr: "" });
    expect(quickStart.stdout).toMatch(/^plan shop: db -> app -> web$/m);
    expect(quickStart.stdout).toMatch(/^shop is healthy: worst RPO \d+(\.\d+)?s, objective 900s$/m);
    expect(quickStart.stdout).toMatch(/^drill running: Test failover of group db/m);
    const verdict = /^drill (\S+) succeeded, RTO (\S+)s$/m.exec(quickStart.stdout);
    expect(verdict).not.toBeNull();
    // The drill it printed is the one the app ran, with the RTO the app measured.
    const client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
    const drill: Operation = await client.getOperation(verdict?.[1] as string);
    expect(drill).toMatchObject({ kind: "drill", plan: "shop", status: "succeeded", reason: "trying the SDK" });
    expect(Number(verdict?.[2])).toBe(drill.result?.rtoSeconds);

    const commonJs = await run(
      process.execPath,
      ["-e", "const s = require('@standby/client'); const c = require('@standby/client/contract'); console.log(typeof s.StandbyClient, typeof c.buildOpenApiDocument)"],
      { cwd: app },
    );
    expect(commonJs.stdout.trim()).toBe("function function");

    // The installed binary finds the lab through .standby/lab.json, as the README says.
    const cli = await run(join(app, "node_modules", ".bin", "standby"), ["plans", "list", "--json"], { cwd: app });
    expect((JSON.parse(cli.stdout) as { name: string }[]).map((plan) => plan.name)).toEqual(["shop"]);
  });
});
