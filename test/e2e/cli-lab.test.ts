// The `standby` command line as an operator runs it (the built binary in its own process) against the real app in
// the lab: JSON output that parses, a watched failover that waits at an approval given from a second CLI process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AzureKeyCredential, StandbyClient, type Operation, type Plan } from "@standby/client";
import { REPO_ROOT, startLab, type Lab } from "../support/lab";
import { shopPlan } from "../support/api-client";

const CLI = join(REPO_ROOT, "sdk/dist/commonjs/cli/main.js");
let lab: Lab;
let client: StandbyClient;
let workFolder: string;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function standby(args: string[]): { done: Promise<CliRun>; stdout: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: workFolder,
    env: { PATH: process.env.PATH ?? "", STANDBY_ENDPOINT: lab.hostUrl, STANDBY_KEY: lab.key, STANDBY_ARM_ENDPOINT: lab.armUrl },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 240_000);
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { done, stdout: () => stdout };
}

async function latestOperation(plan: string): Promise<Operation | undefined> {
  for await (const operation of client.listOperations({ plan })) return operation;
  return undefined;
}

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
  workFolder = mkdtempSync(join(tmpdir(), "standby-cli-lab-"));
  const shop = (await shopPlan(lab)) as Plan;
  // One group behind an approval: the failover stops at the gate until someone answers.
  await client.createOrUpdatePlan({
    ...shop,
    name: "gated",
    traffic: undefined,
    groups: [
      {
        name: "db",
        items: shop.groups[0]?.items ?? [],
        before: [{ type: "approval", prompt: "Fail over the database?", timeoutMinutes: 60, onTimeout: "reject" }],
      },
    ],
  });
}, 120_000);

afterAll(async () => {
  await lab?.stop();
  rmSync(workFolder, { recursive: true, force: true });
});

describe("standby on the lab", () => {
  it("lists plans as JSON that parses", async () => {
    const run = await standby(["plans", "list", "--json"]).done;
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Plan[]).map((plan) => plan.name)).toEqual(["gated"]);
  });

  it("applies a plan from a file, shows it, validates it and refuses a stale --if-match", async () => {
    const file = join(workFolder, "applied.json");
    writeFileSync(file, JSON.stringify({ ...(await shopPlan(lab)), name: "applied" }));
    const applied = await standby(["plans", "apply", "-f", file, "--json"]).done;
    expect(applied.code).toBe(0);
    const stored = JSON.parse(applied.stdout) as Plan & { etag: string };
    expect(stored.etag).toBeTruthy();
    const shown = await standby(["plans", "show", "applied"]).done;
    expect(JSON.parse(shown.stdout)).toEqual(stored);
    const readiness = await standby(["plans", "validate", "applied", "--json"]).done;
    expect([0, 1]).toContain(readiness.code);
    expect(JSON.parse(readiness.stdout)).toMatchObject({ plan: "applied", score: expect.any(Number) });
    const stale = await standby(["plans", "apply", "-f", file, "--if-match", '"stale"']).done;
    expect(stale.code).toBe(4);
    expect(stale.stderr.trim().split("\n")).toHaveLength(1);
    const removed = await standby(["plans", "delete", "applied"]).done;
    expect(removed.code).toBe(0);
    expect((await standby(["plans", "show", "applied"]).done).code).toBe(3);
  });

  it("answers bad flags with the usage and exit code 2", async () => {
    const run = await standby(["failover", "gated", "--mode", "planned", "--reason", "x", "--turbo"]).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--turbo'/);
    expect(run.stderr).toMatch(/usage: standby failover <plan>/);
    expect(await latestOperation("gated")).toBeUndefined();
  });

  it("watches a failover that waits for an approval given from a second CLI process", async () => {
    const watcher = standby(["failover", "gated", "--mode", "planned", "--reason", "e2e gate", "--watch"]);
    let waiting: Operation | undefined;
    for (let round = 0; round < 60 && !waiting; round += 1) {
      await lab.advance(60_000);
      const operation = await latestOperation("gated");
      if (operation?.status === "waitingForApproval") waiting = operation;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(waiting?.pendingApproval?.prompt).toBe("Fail over the database?");
    // The watcher shows the gate and how to answer it before anyone does.
    for (let tries = 0; tries < 100 && !watcher.stdout().includes("waiting for approval"); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(watcher.stdout()).toMatch(/waiting for approval: Fail over the database\?/);

    const approval = await standby(["operations", "approve", waiting?.id as string, "--comment", "go ahead", "--json"]).done;
    expect(approval.code).toBe(0);
    expect((JSON.parse(approval.stdout) as Operation).id).toBe(waiting?.id);

    let final: Operation | undefined;
    for (let round = 0; round < 36 && !final; round += 1) {
      await lab.advance(5 * 60_000);
      const operation = await client.getOperation(waiting?.id as string);
      if (["succeeded", "failed", "canceled"].includes(operation.status)) final = operation;
    }
    expect(final?.status).toBe("succeeded");
    const watched = await watcher.done;
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/^failover of plan gated started: operation /m);
    expect(watched.stdout).toMatch(/\[db\] .* {2}succeeded in /);
    expect(watched.stdout).toMatch(new RegExp(`failover ${waiting?.id} of plan gated: succeeded after`));
    expect(final?.approvals?.[0]).toMatchObject({ decision: "approved", comment: "go ahead" });
  }, 300_000);

  it("takes a region down in the emulator and brings it back", async () => {
    const down = await standby(["lab", "outage", "westus", "--json"]).done;
    expect(down.code).toBe(0);
    expect(JSON.parse(down.stdout)).toMatchObject({ region: "westus", change: "outage" });
    expect((await lab.control<{ down: { region: string }[] }>("GET", "/_emulator/regions")).body.down.map((entry) => entry.region)).toEqual(["westus"]);
    const restored = await standby(["lab", "restore", "westus"]).done;
    expect(restored.code).toBe(0);
    expect(restored.stdout.trim()).toBe("region westus is back");
    expect((await lab.control<{ down: unknown[] }>("GET", "/_emulator/regions")).body.down).toEqual([]);
  });
});
