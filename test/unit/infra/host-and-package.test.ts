import { existsSync } from "node:fs";
import { join } from "node:path";
import { settings } from "../../../functions/azure/config";
import { checkHostFiles } from "./infra-checks";
import { ROOT, readRepoFile } from "./infra-files";

describe("host.json and package.json match what the Functions host expects", () => {
  const host = readRepoFile("host.json");
  const pkg = readRepoFile("package.json");
  const tsconfig = readRepoFile("functions/tsconfig.json");

  it("has the bundle range, the task hub from its app setting, the api route prefix and the compiled entry", () => {
    expect(checkHostFiles(host, pkg, tsconfig)).toEqual([]);
    expect(existsSync(join(ROOT, "functions", "index.ts"))).toBe(true);
  });

  it("declares the task hub setting as one the deployment must set", () => {
    expect(settings.taskHub.infra).toBe("required");
    expect(settings.taskHub.defaultValue).toBeUndefined();
  });

  it("fails when the task hub is no longer read from its app setting", () => {
    const mutated = host.replace('"%STANDBY_TASK_HUB%"', '"StandbyHub"');
    expect(checkHostFiles(mutated, pkg, tsconfig)).toEqual(['host.json: extensions.durableTask.hubName must be "%STANDBY_TASK_HUB%"']);
  });

  it("fails on another extension bundle range or route prefix", () => {
    const mutated = host.replace('"[4.*, 5.0.0)"', '"[3.*, 4.0.0)"').replace('"routePrefix": "api"', '"routePrefix": ""');
    expect(checkHostFiles(mutated, pkg, tsconfig)).toEqual([
      'host.json: extensionBundle.version must be "[4.*, 5.0.0)" (Durable Functions 3.x needs bundle 4)',
      'host.json: extensions.http.routePrefix must be "api"',
    ]);
  });

  it("fails when package.json main points elsewhere", () => {
    const mutated = pkg.replace('"main": "dist/functions/index.js"', '"main": "functions/index.js"');
    expect(checkHostFiles(host, mutated, tsconfig)).toEqual(['package.json: main must be "dist/functions/index.js", not "functions/index.js"']);
  });

  it("fails when the functions project compiles elsewhere", () => {
    const mutated = tsconfig.replace('"../dist/functions"', '"../out"');
    expect(checkHostFiles(host, pkg, mutated)).toEqual(['functions/tsconfig.json: outDir must be "../dist/functions" for package.json main, not "../out"']);
  });
});
