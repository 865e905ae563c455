// How the CLI refuses and reports: empty flags, where the connection comes from, the lab's emulator, and errors as
// one line of text or, under --json, one JSON object on stderr.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../../local/net/free-port";
import { useCliFakes } from "./cli-process";
import { problem, shopPlan } from "./fixtures";

const { server, arm, folder, standby } = useCliFakes();

/** The only line written on stderr; fails when there are more. */
function onlyLine(stderr: string): string {
  const lines = stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

function planFile(): string {
  const file = join(folder(), "shop.json");
  writeFileSync(file, JSON.stringify(shopPlan));
  return file;
}

describe("an empty flag value", () => {
  it.each([
    ["plans apply", () => ["plans", "apply", "-f", planFile(), "--if-match", ""]],
    ["plans delete", () => ["plans", "delete", "shop", "--if-match", ""]],
    ["plans import", () => ["plans", "import", "shop", "--subscription", "s", "--resource-group", "rg", "--vault", "v", "--recovery-plan", "rp", "--if-match", ""]],
  ])("is a usage error for %s --if-match, and nothing is sent", async (_command, args) => {
    const run = await standby(args());
    expect(run.code).toBe(2);
    expect(onlyLine(run.stderr)).toMatch(/^standby: --if-match is empty: give it a value or leave the flag out \(usage: standby plans \w+ /);
    expect(server.requests).toHaveLength(0);
  });

  it("is a usage error for the connection flags too, rather than falling back to the environment", async () => {
    const run = await standby(["health", "--endpoint", ""]);
    expect(run.code).toBe(2);
    expect(onlyLine(run.stderr)).toMatch(/^standby: --endpoint is empty/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("a broken .standby/lab.json in a parent folder", () => {
  let lab: string;
  let nested: string;
  let labFile: string;
  const noEnv = { STANDBY_ENDPOINT: "", STANDBY_KEY: "" };

  beforeAll(() => {
    lab = mkdtempSync(join(tmpdir(), "standby-broken-lab-"));
    nested = join(lab, "deeper", "still");
    mkdirSync(join(lab, ".standby"), { recursive: true });
    mkdirSync(nested, { recursive: true });
    labFile = join(lab, ".standby", "lab.json");
  });
  afterAll(() => rmSync(lab, { recursive: true, force: true }));
  beforeEach(() => {
    writeFileSync(labFile, '{ "endpoint": "http://127.0.0.1:7071", ');
    server.on("GET", "/api/v1/health", { status: 200, body: { asOf: null, plans: [] } });
  });

  it("does not matter when --endpoint and --key are given", async () => {
    const run = await standby(["health", "--json", "--endpoint", server.endpoint, "--key", "flag-key"], { cwd: nested, env: noEnv });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(server.requests[0]?.headers["x-functions-key"]).toBe("flag-key");
  });

  it("does not matter when STANDBY_ENDPOINT and STANDBY_KEY are set", async () => {
    const run = await standby(["health", "--json"], { cwd: nested });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(server.requests[0]?.headers["x-functions-key"]).toBe("cli-key");
  });

  it("does not matter to the lab commands when --arm-endpoint is given", async () => {
    arm.on("POST", "/_emulator/regions/westus/outage", { status: 200, body: {} });
    const run = await standby(["lab", "outage", "westus", "--arm-endpoint", arm.endpoint], { cwd: nested, env: noEnv });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("stops a command that needs it with a message naming the file, sending nothing", async () => {
    const run = await standby(["health"], { cwd: nested, env: noEnv });
    expect(run.code).toBe(1);
    expect(onlyLine(run.stderr)).toMatch(new RegExp(`^standby: cannot read ${labFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
    expect(server.requests).toHaveLength(0);
  });

  it("names the file and the field when a needed value has the wrong type or is not a URL", async () => {
    writeFileSync(labFile, JSON.stringify({ endpoint: server.endpoint, key: 42, armEndpoint: "emulator" }));
    const keyless = await standby(["health"], { cwd: nested, env: noEnv });
    expect(keyless.code).toBe(1);
    expect(onlyLine(keyless.stderr)).toBe(`standby: key in ${labFile} must be a non-empty string; got 42`);
    const lab = await standby(["lab", "outage", "westus"], { cwd: nested, env: noEnv });
    expect(lab.code).toBe(1);
    expect(onlyLine(lab.stderr)).toMatch(`standby: armEndpoint in ${labFile} must be an absolute http(s) URL`);
    expect(server.requests).toHaveLength(0);
  });
});

describe("standby lab errors", () => {
  it("says which URL could not be reached and why", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await standby(["lab", "outage", "westus", "--arm-endpoint", closed]);
    expect(run.code).toBe(1);
    expect(onlyLine(run.stderr)).toMatch(
      new RegExp(`^standby: cannot reach the emulator at ${closed}/_emulator/regions/westus/outage \\(from --arm-endpoint\\): .*ECONNREFUSED`),
    );
  });

  it.each([
    [["lab", "outage", "westus", "--arm-endpoint", "notaurl"], {}, /^standby: --arm-endpoint must be an absolute http\(s\) URL like .*; got "notaurl" \(usage: standby lab outage /],
    [["lab", "restore", "westus"], { STANDBY_ARM_ENDPOINT: "ftp://127.0.0.1" }, /^standby: STANDBY_ARM_ENDPOINT must be an absolute http\(s\) URL/],
    [["lab", "outage", "westus", "--endpoint", "notaurl"], {}, /^standby: --endpoint must be an absolute http\(s\) URL/],
    [["health", "--endpoint", "notaurl"], {}, /^standby: --endpoint must be an absolute http\(s\) URL/],
    [["health"], { STANDBY_ENDPOINT: "notaurl" }, /^standby: STANDBY_ENDPOINT must be an absolute http\(s\) URL/],
  ])("answers an endpoint that is not a URL (%j, env %j) with a usage error naming where it came from", async (args, env, message) => {
    const run = await standby(args, { env: { STANDBY_ARM_ENDPOINT: arm.endpoint, ...env } });
    expect(run.code).toBe(2);
    expect(onlyLine(run.stderr)).toMatch(message);
    expect(server.requests).toHaveLength(0);
    expect(arm.requests).toHaveLength(0);
  });

  it("prints the code and message of the emulator's refusal, not its raw body", async () => {
    const message = "Region 'mars' is not part of the estate (known: westeurope, westus).";
    arm.on("POST", "/_emulator/regions/mars/outage", { status: 404, body: { error: { code: "RegionNotFound", message } } });
    const run = await standby(["lab", "outage", "mars", "--arm-endpoint", arm.endpoint]);
    expect(run.code).toBe(3);
    expect(onlyLine(run.stderr)).toBe(`standby: the emulator refused the outage of mars: ${message} [404 RegionNotFound]`);
  });

  it("names a refusal that is not ARM-shaped by its status", async () => {
    arm.on("POST", "/_emulator/regions/westus/restore", { status: 500, body: `<html>${"x".repeat(1000)}</html>` });
    const run = await standby(["lab", "restore", "westus", "--arm-endpoint", arm.endpoint]);
    expect(run.code).toBe(1);
    expect(onlyLine(run.stderr)).toBe("standby: the emulator refused the restore of westus: Internal Server Error [500 Http500]");
  });
});

describe("a problem whose members are not strings", () => {
  it("prints the title and the detail as compact JSON, and each field error's message the same way", async () => {
    server.on("PUT", "/api/v1/plans/shop", {
      status: 400,
      body: problem(400, "Invalid plan", {
        detail: { reason: "schema", count: 1 },
        errors: [{ pointer: "/objectives/rpoSeconds", message: { minimum: 30 } }, { pointer: "/name", message: "too long" }],
      }),
    });
    const run = await standby(["plans", "apply", "-f", planFile()]);
    expect(run.code).toBe(1);
    expect(onlyLine(run.stderr)).toBe(
      'standby: Invalid plan: {"reason":"schema","count":1} (/objectives/rpoSeconds: {"minimum":30}; /name: too long) [400 InvalidRequest]',
    );
  });

  it("keeps a detail's line breaks from splitting the error line", async () => {
    server.on("GET", "/api/v1/plans/shop", { status: 404, body: problem(404, "Not Found", { detail: "No plan shop.\nCreate it with plans apply." }) });
    const run = await standby(["plans", "show", "shop"]);
    expect(run.code).toBe(3);
    expect(onlyLine(run.stderr)).toBe("standby: No plan shop. Create it with plans apply. [404 NotFound]");
  });
});

describe("errors under --json", () => {
  /** stderr as the one JSON object it must be; stdout stays empty for the script reading it. */
  function jsonError(run: { stdout: string; stderr: string }): Record<string, unknown> {
    expect(run.stdout).toBe("");
    return JSON.parse(onlyLine(run.stderr)) as Record<string, unknown>;
  }

  it("are one object with status, code, message and the running operation, with the same exit code", async () => {
    server.on("POST", "/api/v1/plans/shop/drills", {
      status: 409,
      body: problem(409, "Plan is busy", { detail: "Plan shop is running failover op-3.", operationId: "op-3" }),
    });
    const run = await standby(["drill", "shop", "--json"]);
    expect(run.code).toBe(4);
    expect(jsonError(run)).toEqual({
      error: { status: 409, code: "Conflict", message: "Plan shop is running failover op-3.", operationId: "op-3", exitCode: 4 },
    });
  });

  it("list the field errors of a refused plan", async () => {
    server.on("PUT", "/api/v1/plans/shop", {
      status: 400,
      body: problem(400, "Invalid plan", { detail: "The plan has 1 error.", errors: [{ pointer: "/name", message: { maxLength: 63 } }] }),
    });
    const run = await standby(["plans", "apply", "-f", planFile(), "--json"]);
    expect(run.code).toBe(1);
    expect(jsonError(run)).toEqual({
      error: {
        status: 400,
        code: "InvalidRequest",
        message: "The plan has 1 error.",
        errors: [{ pointer: "/name", message: '{"maxLength":63}' }],
        exitCode: 1,
      },
    });
  });

  it.each([
    [["plans", "apply", "-f", "plan.json", "--if-match", "", "--json"], /--if-match is empty/],
    [["plans", "list", "--bogus", "--json"], /Unknown option '--bogus'/],
    [["launch", "missiles", "--json"], /unknown command: launch missiles/],
  ])("answer a bad command line %j with a UsageError object and exit 2", async (args, message) => {
    const run = await standby(args);
    expect(run.code).toBe(2);
    const { error } = jsonError(run) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: "UsageError", exitCode: 2 });
    expect(error.message).toMatch(message);
    expect(error.usage).toMatch(/^usage: standby /);
    expect(server.requests).toHaveLength(0);
  });

  it("carry the emulator's refusal and the unreachable emulator too", async () => {
    arm.on("POST", "/_emulator/regions/mars/outage", { status: 404, body: { error: { code: "RegionNotFound", message: "No mars." } } });
    const refused = await standby(["lab", "outage", "mars", "--arm-endpoint", arm.endpoint, "--json"]);
    expect(refused.code).toBe(3);
    expect(jsonError(refused)).toEqual({
      error: { status: 404, code: "RegionNotFound", message: "the emulator refused the outage of mars: No mars.", exitCode: 3 },
    });
    const unreachable = await standby(["lab", "outage", "mars", "--arm-endpoint", `http://127.0.0.1:${await freePort()}`, "--json"]);
    expect(unreachable.code).toBe(1);
    expect(jsonError(unreachable)).toMatchObject({ error: { code: "EmulatorUnreachable", exitCode: 1 } });
  });
});
