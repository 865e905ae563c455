// The `standby` command line as an operator runs it (the built binary in its own process) against the real app in
// the lab: JSON output that parses, a watched drill to its report, the health table, and a watched failover that
// waits at an approval given from a second CLI process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AzureKeyCredential, StandbyClient, type EstateHealth, type Operation, type Plan, type PlanHealth } from "@standby/client";
import { REPO_ROOT, startLab, type Lab } from "../support/lab";
import { shopPlan } from "../support/api-client";
import { drillPlan, testInstanceProbe } from "../integration/drills/drill-lab";

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

/** A watch line of a step seen running: `running`, with `for 1m 5s` when the step's start is known. */
function isRunningLine(line: string): boolean {
  return / {2}running( for \S+( \S+)?)?$/.test(line);
}

async function latestOperation(plan: string): Promise<Operation | undefined> {
  for await (const operation of client.listOperations({ plan })) return operation;
  return undefined;
}

beforeAll(async () => {
  // The drill's probes call the test instances the emulator serves on loopback.
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
  workFolder = mkdtempSync(join(tmpdir(), "standby-cli-lab-"));
  const shop = (await shopPlan(lab)) as Plan;
  await client.createOrUpdatePlan((await drillPlan(lab, { probes: [await testInstanceProbe(lab, "db")] })) as Plan);
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
    expect((JSON.parse(run.stdout) as Plan[]).map((plan) => plan.name)).toEqual(["gated", "shop"]);
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

  it("watches a drill of shop step by step to its verdict and the report's URL", async () => {
    const watcher = standby(["drill", "shop", "--reason", "cli e2e", "--watch"]);
    let started: Operation | undefined;
    for (let tries = 0; tries < 100 && !started; tries += 1) {
      started = await latestOperation("shop");
      if (!started) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const id = started?.id as string;
    // Simulated time stands still until the watcher has shown a step running (the first tier's test failover waits
    // for time to move), so the check below does not depend on how fast this machine moves the clock.
    for (let tries = 0; tries < 300 && !watcher.stdout().split("\n").some(isRunningLine); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    let final: Operation | undefined;
    for (let round = 0; round < 240 && !final; round += 1) {
      await lab.advance(30_000);
      const operation = await client.getOperation(id);
      if (["succeeded", "failed", "canceled"].includes(operation.status)) final = operation;
    }
    expect(final?.status).toBe("succeeded");
    const watched = await watcher.done;
    expect(watched.stderr).toBe("");
    expect(watched.code).toBe(0);
    const lines = watched.stdout.trim().split("\n");
    expect(lines[0]).toBe(`drill of plan shop started: operation ${id}`);
    // One line per item whenever its step changed, as the watcher saw it: each item's test failover ended
    // "succeeded in" some time, and the lines came while the drill ran (some step was seen running).
    const progress = lines.filter((line) => /^\s*\+\S+( \S+)? {2}\[/.test(line));
    const itemSteps = (final?.steps ?? []).filter((candidate) => candidate.item !== undefined && candidate.id.endsWith(`/items/${candidate.item}`));
    expect(new Set(itemSteps.map((step) => step.group))).toEqual(new Set(["db", "app", "web"]));
    for (const step of itemSteps) {
      const label = `[${step.group}] ${step.name} (${step.item?.split("/").pop()})`;
      const mine = progress.filter((line) => line.includes(`${label}  `));
      expect(mine[mine.length - 1]).toMatch(/ {2}succeeded in \S+/);
    }
    expect(progress.some(isRunningLine)).toBe(true);
    const ending = lines.slice(lines.findIndex((line) => line.startsWith(`drill ${id} of plan shop: succeeded after `)));
    expect(ending[1]).toMatch(/^ {2}RTO \d/);
    expect(ending.slice(-2)).toEqual([`  report: ${lab.hostUrl}/api/v1/drills/${id}/report.html`, `  open it with: standby reports open ${id}`]);
    expect(await client.getDrillReportHtml(id)).toContain(`<title>Drill ${id} of plan shop</title>`);
  }, 600_000);

  it("shows the health of every plan as a table, of one plan per item, and both as JSON that parses", async () => {
    // The drill moved simulated time by many minutes, so the sweep has run; time stands still from here on.
    const estate = await client.getHealth();
    const shop = estate.plans.find((plan) => plan.plan === "shop") as PlanHealth;
    expect(shop.asOf).not.toBeNull();

    const table = await standby(["health"]).done;
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^PLAN\s+STATUS\s+WORST RPO \/ OBJECTIVE\s+ITEMS\s+AS OF$/);
    expect(rows.slice(1).map((row) => row.split(/\s{2,}/)[0])).toEqual(["gated", "shop"]);
    const shopRow = rows.find((row) => row.startsWith("shop ")) as string;
    expect(shopRow).toMatch(new RegExp(`^shop\\s+${shop.status}\\s+\\S+( \\S+)? / 15m 0s\\s+${shop.items.length}\\s+${shop.asOf} \\(`));

    const json = await standby(["health", "--json"]).done;
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout) as EstateHealth).toEqual(estate);

    const perItem = await standby(["health", "shop"]).done;
    expect(perItem.code).toBe(0);
    const itemLines = perItem.stdout.trim().split("\n");
    expect(itemLines[0]).toMatch(new RegExp(`^plan shop: ${shop.status}, worst RPO \\S+( \\S+)? / 15m 0s, as of ${shop.asOf} \\(`));
    expect(itemLines.slice(2).map((line) => line.split(/\s{2,}/)[0]).sort()).toEqual(shop.items.map((item) => item.item).sort());
    const onePlan = await standby(["health", "shop", "--json"]).done;
    expect(JSON.parse(onePlan.stdout) as PlanHealth).toEqual(shop);

    const unknown = await standby(["health", "nowhere"]).done;
    expect(unknown.code).toBe(3);
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
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
