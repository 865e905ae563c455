import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { FakeStandbyServer } from "../unit/sdk/fake-standby-server";
import { operation, shopPlan, step } from "../unit/sdk/fixtures";

const run = promisify(execFile);
const sdkFolder = join(__dirname, "../../sdk");
const server = new FakeStandbyServer();
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

function serveTheLab(): void {
  server.on("GET", "/api/v1/plans", { status: 200, body: { value: [shopPlan] } });
  server.on("GET", "/api/v1/plans/shop/health", {
    status: 200,
    body: { plan: "shop", status: "healthy", rpoObjectiveSeconds: 300, worstRpoSeconds: 42, asOf: null, ageSeconds: null, items: [] },
  });
  const drill = (status: "running" | "succeeded", steps: ReturnType<typeof step>[]) =>
    operation("op-d", status, steps, { kind: "drill", ...(status === "succeeded" ? { result: { rtoSeconds: 61, recoveryPoints: [] } } : {}) });
  server.on("POST", "/api/v1/plans/shop/drills", {
    status: 202,
    headers: { location: "/api/v1/operations/op-d", "retry-after-ms": "10" },
    body: drill("running", [step("db-1", "pending")]),
  });
  const states = [drill("running", [step("db-1", "running")]), drill("succeeded", [step("db-1", "succeeded")])];
  let index = 0;
  server.on("GET", "/api/v1/operations/op-d", () => ({
    status: 200,
    headers: { "retry-after-ms": "10" },
    body: states[Math.min(index++, states.length - 1)],
  }));
}

beforeAll(async () => {
  await server.start();
  folder = mkdtempSync(join(tmpdir(), "standby-pack-"));
  app = join(folder, "app");
  mkdirSync(join(app, ".standby"), { recursive: true });
}, 60_000);
afterAll(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe("the packed @standby/client", () => {
  it("installs into an empty folder and runs the README quick start as written, as ESM and CommonJS", async () => {
    const packed = await run("npm", ["pack", "--json", "--pack-destination", folder], { cwd: sdkFolder, maxBuffer: 16 * 1024 * 1024 });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(["README.md", "bin/standby.js", "dist/commonjs/index.js", "dist/esm/index.js", "dist/esm/package.json", "dist/commonjs/cli/main.js"]),
    );
    expect(paths.filter((path) => path.startsWith("src/") || path.startsWith("review/"))).toEqual([]);

    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "quickstart", version: "1.0.0", private: true }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(folder, filename)], { cwd: app });

    writeFileSync(join(app, ".standby", "lab.json"), JSON.stringify({ endpoint: server.endpoint, key: "lab-key" }));
    writeFileSync(join(app, "quickstart.mjs"), readmeQuickStart());
    serveTheLab();
    const quickStart = await run(process.execPath, ["quickstart.mjs"], { cwd: app });
    expect(quickStart.stdout).toMatch(/^plan shop: db -> web$/m);
    expect(quickStart.stdout).toMatch(/^shop is healthy: worst RPO 42s, objective 300s$/m);
    expect(quickStart.stdout).toMatch(/^drill running: Fail over db-1$/m);
    expect(quickStart.stdout).toMatch(/^drill op-d succeeded, RTO 61s$/m);
    expect(server.requests.every((request) => request.headers["x-functions-key"] === "lab-key")).toBe(true);

    const commonJs = await run(
      process.execPath,
      ["-e", "const s = require('@standby/client'); const c = require('@standby/client/contract'); console.log(typeof s.StandbyClient, typeof c.buildOpenApiDocument)"],
      { cwd: app },
    );
    expect(commonJs.stdout.trim()).toBe("function function");

    const cli = await run(join(app, "node_modules", ".bin", "standby"), ["plans", "list", "--json"], { cwd: app });
    expect(JSON.parse(cli.stdout)).toEqual([shopPlan]);
  });
});
