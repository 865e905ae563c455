import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI_MAIN, useCliFakes } from "./cli-process";
import { at, operation, problem, shopPlan, step } from "./fixtures";

const { server, arm, folder, standby } = useCliFakes();

const OPERATION_PATH = "/api/v1/operations/op-9";

/** A failover that began `agoSeconds` before the test: db-1 ran 4 s from the start, then web-1 ran 2.5 s. */
function scriptFailover(finalStatus: "succeeded" | "failed", agoSeconds = 600): void {
  const t = (seconds: number) => new Date(Date.now() + (seconds - agoSeconds) * 1000).toISOString();
  const timeline = (status: "running" | "succeeded" | "failed", steps: ReturnType<typeof step>[], updatedAt: number, extra = {}) =>
    operation("op-9", status, steps, { createdAt: t(0), updatedAt: t(updatedAt), ...extra });
  const dbDone = step("db-1", "succeeded", { startedAt: t(0), endedAt: t(4), durationMs: 4000 });
  server.on("POST", "/api/v1/plans/shop/failover", {
    status: 202,
    headers: { location: OPERATION_PATH, "retry-after-ms": "10" },
    body: timeline("running", [step("db-1", "pending"), step("web-1", "pending")], 0),
  });
  const webEnd = { startedAt: t(4), endedAt: t(6.5), durationMs: 2500 };
  const states = [
    timeline("running", [step("db-1", "running", { startedAt: t(0) }), step("web-1", "pending")], 0),
    timeline("running", [dbDone, step("web-1", "running", { startedAt: t(4) })], 4),
    timeline(
      finalStatus,
      [
        dbDone,
        finalStatus === "succeeded"
          ? step("web-1", "succeeded", webEnd)
          : step("web-1", "failed", { ...webEnd, error: { code: "JobFailed", message: "VM did not start", item: "web-1" } }),
      ],
      7,
      finalStatus === "succeeded"
        ? { result: { rtoSeconds: 37, recoveryPoints: [{ item: "db-1", recoveryPointTime: at(-12), dataLossSeconds: 12 }] } }
        : { error: { code: "JobFailed", message: "VM did not start", item: "web-1" } },
    ),
  ];
  let index = 0;
  server.on("GET", OPERATION_PATH, () => ({
    status: 200,
    headers: { "retry-after-ms": "10" },
    body: states[Math.min(index++, states.length - 1)],
  }));
}

describe("the standby CLI", () => {
  it("prints JSON that parses with --json", async () => {
    server.on("GET", "/api/v1/plans", (request) =>
      request.query.get("page") === "2"
        ? { status: 200, body: { value: [{ ...shopPlan, name: "blog" }] } }
        : { status: 200, body: { value: [shopPlan], nextLink: `${server.endpoint}/api/v1/plans?page=2` } },
    );
    const run = await standby(["plans", "list", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([shopPlan, { ...shopPlan, name: "blog" }]);
    expect(server.requests[0]?.headers["x-functions-key"]).toBe("cli-key");
  });

  it("watches a failover step by step, each line at its offset from the operation's start, then the result, and exits 0", async () => {
    scriptFailover("succeeded");
    const run = await standby(["failover", "shop", "--mode", "unplanned", "--reason", "region down", "--watch"]);
    expect(run.code).toBe(0);
    expect(server.requestsTo("POST", "/api/v1/plans/shop/failover")[0]?.body).toEqual({ mode: "unplanned", reason: "region down" });
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe("failover of plan shop started: operation op-9");
    // The operation began ten minutes ago: a running step says how long it has run (how long exactly depends on
    // how fast this machine runs the CLI), every line says when, after the start, the step got there.
    const progress = lines.slice(1, 5).map((line) => line.replace(/ for (9|10|11)m \d+s$/, " for ~10m"));
    expect(progress).toEqual([
      "   +0.0s  [db] Fail over db-1 (db-1)  running for ~10m",
      "   +4.0s  [db] Fail over db-1 (db-1)  succeeded in 4.0s",
      "   +4.0s  [db] Fail over web-1 (web-1)  running for ~10m",
      "   +6.5s  [db] Fail over web-1 (web-1)  succeeded in 2.5s",
    ]);
    expect(lines[5]).toBe("failover op-9 of plan shop: succeeded after 7.0s");
    expect(run.stdout).toMatch(/RTO 37\.0s/);
    expect(run.stdout).toMatch(/db-1: recovery point .* data loss 12\.0s/);
  });

  it("exits 1 when the watched operation fails, naming the failed item", async () => {
    scriptFailover("failed");
    const run = await standby(["failover", "shop", "--mode", "planned", "--reason", "test", "--watch"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Fail over web-1 \(web-1\) {2}failed in 2\.5s: VM did not start/);
    expect(run.stdout).toMatch(/error JobFailed \(item web-1\): VM did not start/);
  });

  it("follows an operation started elsewhere with operations show --watch, polling as the service asks", async () => {
    const states = [
      operation("op-9", "running", [step("db-1", "running")]),
      operation("op-9", "running", [step("db-1", "running")]),
      operation("op-9", "succeeded", [step("db-1", "succeeded", { durationMs: 3000 })]),
    ];
    let index = 0;
    server.on("GET", OPERATION_PATH, () => ({
      status: 200,
      headers: { "retry-after-ms": "10" },
      body: states[Math.min(index++, states.length - 1)],
    }));
    const run = await standby(["operations", "show", "op-9", "--watch"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[db\] Fail over db-1 \(db-1\) {2}running/);
    expect(run.stdout).toMatch(/\[db\] Fail over db-1 \(db-1\) {2}succeeded in 3\.0s/);
    expect(run.stdout).toMatch(/failover op-9 of plan shop: succeeded/);
    expect(server.requestsTo("GET", OPERATION_PATH)).toHaveLength(3);
  });

  it.each([
    ["the report's URL and how to open it", { status: 200, body: { id: "op-9", reportUrl: "/api/v1/drills/op-9/report.html" } }],
    ["that the report could not be read, on stderr, keeping exit 0", { status: 404, body: problem(404, "Not Found", { detail: "Drill op-9 has no report." }) }],
  ])("ends a watched drill with %s", async (_case, answer) => {
    const drill = (status: "running" | "succeeded") =>
      operation("op-9", status, [step("db-1", status)], { kind: "drill", ...(status === "succeeded" ? { result: { rtoSeconds: 61, recoveryPoints: [] } } : {}) });
    server.on("POST", "/api/v1/plans/shop/drills", {
      status: 202,
      headers: { location: OPERATION_PATH, "retry-after-ms": "10" },
      body: drill("running"),
    });
    server.on("GET", OPERATION_PATH, { status: 200, body: drill("succeeded") });
    server.on("GET", "/api/v1/drills/op-9", answer);
    const run = await standby(["drill", "shop", "--watch"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^drill op-9 of plan shop: succeeded after/m);
    if (answer.status === 200) {
      expect(run.stdout).toContain(`  report: ${server.endpoint}/api/v1/drills/op-9/report.html\n  open it with: standby reports open op-9\n`);
      expect(run.stderr).toBe("");
    } else {
      expect(run.stdout).not.toMatch(/report:/);
      expect(run.stderr.trim()).toMatch(/^standby: the drill's report could not be read: .*Drill op-9 has no report/);
    }
  });

  it("prints the final operation as JSON when watching with --json", async () => {
    scriptFailover("succeeded");
    const run = await standby(["failover", "shop", "--mode", "planned", "--reason", "test", "--watch", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: "op-9", status: "succeeded", result: { rtoSeconds: 37 } });
  });

  it.each([
    [["failover", "shop", "--mode", "sideways", "--reason", "x"], /--mode must be one of planned, unplanned/],
    [["failover", "shop", "--reason", "x"], /--mode is required/],
    [["failover", "--mode", "planned", "--reason", "x"], /missing <plan>/],
    [["plans", "list", "--bogus"], /Unknown option '--bogus'/],
    [["plans", "show", "a", "b"], /unexpected argument "b"/],
    [["launch", "missiles"], /unknown command: launch missiles/],
    [[], /usage: standby <command>/],
  ])("answers bad command lines %j with usage and exit 2, sending nothing", async (args, message) => {
    const run = await standby(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/usage: standby/);
    expect(server.requests).toHaveLength(0);
  });

  it("says which operation holds a busy plan, in one line, with exit 4", async () => {
    server.on("POST", "/api/v1/plans/shop/drills", {
      status: 409,
      body: problem(409, "Plan is busy", { detail: "Plan shop is running failover op-3.", operationId: "op-3" }),
    });
    const run = await standby(["drill", "shop"]);
    expect(run.code).toBe(4);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^standby: Plan shop is running failover op-3\. \(running operation: op-3;.*\) \[409 Conflict\]$/m);
  });

  it("exits 3 on an unknown operation and 5 without a valid key", async () => {
    server.on("GET", "/api/v1/operations/nope", { status: 404, body: problem(404, "Not Found", { detail: "No operation nope." }) });
    expect((await standby(["operations", "show", "nope"])).code).toBe(3);
    server.on("GET", "/api/v1/health", { status: 401, body: problem(401, "Unauthorized") });
    const run = await standby(["health"]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/Unauthorized \[401 Unauthorized\]/);
  });

  it("sends an Entra token from --token or STANDBY_TOKEN beside the function key, which stays required", async () => {
    server.on("GET", "/api/v1/health", { status: 200, body: { asOf: null, plans: [] } });
    expect((await standby(["health", "--json", "--token", "flag-token"])).code).toBe(0);
    expect((await standby(["health", "--json"], { env: { STANDBY_TOKEN: "env-token\n" } })).code).toBe(0);
    expect((await standby(["health", "--json"])).code).toBe(0);
    expect(server.requests.map((request) => [request.headers["x-functions-key"], request.headers.authorization])).toEqual([
      ["cli-key", "Bearer flag-token"],
      ["cli-key", "Bearer env-token"],
      ["cli-key", undefined],
    ]);

    server.reset();
    const keyless = await standby(["health"], { env: { STANDBY_KEY: "", STANDBY_TOKEN: "env-token" } });
    expect(keyless.code).toBe(2);
    expect(keyless.stderr).toMatch(/no function key/);
    const spaced = await standby(["health", "--token", "Bearer flag-token"]);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toMatch(/the token must be one word/);
    expect(server.requests).toHaveLength(0);
  });

  it("lists every validation error with its pointer when a plan is refused", async () => {
    const file = join(folder(), "shop.json");
    writeFileSync(file, JSON.stringify(shopPlan));
    server.on("PUT", "/api/v1/plans/shop", {
      status: 400,
      body: problem(400, "Invalid plan", {
        detail: "The plan has 2 errors.",
        errors: [
          { pointer: "/groups/0/items/0", message: "unknown item db-1" },
          { pointer: "/objectives/rpoSeconds", message: "must be >= 30" },
        ],
      }),
    });
    const run = await standby(["plans", "apply", "-f", file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      "standby: The plan has 2 errors. (/groups/0/items/0: unknown item db-1; /objectives/rpoSeconds: must be >= 30) [400 InvalidRequest]",
    );
    expect(server.requests[0]?.body).toEqual(shopPlan);
  });

  it("applies a plan only if unchanged when given --if-match", async () => {
    const file = join(folder(), "shop-if-match.json");
    writeFileSync(file, JSON.stringify(shopPlan));
    server.on("PUT", "/api/v1/plans/shop", { status: 200, headers: { etag: '"v2"' }, body: shopPlan });
    const run = await standby(["plans", "apply", "-f", file, "--if-match", '"v1"']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('plan shop applied (etag "v2")');
    expect(server.requests[0]?.headers["if-match"]).toBe('"v1"');
  });

  describe("plans import", () => {
    const importArgs = ["plans", "import", "shop", "--subscription", "sub", "--resource-group", "rg", "--vault", "vault", "--recovery-plan", "shop-rp"];
    const findings = [
      {
        code: "ActionNarrowed",
        severity: "warning",
        message: '"Drill note" ran only for testfailover in ASR; Standby runs group actions in failover and failback only, so it was left out.',
        recoveryPlanPointer: "/properties/groups/2/startGroupActions/0",
      },
      {
        code: "ApprovalTimeoutChosen",
        severity: "info",
        message: 'Manual action "Check DNS" became an approval that waits 60 minutes and then rejects; review both.',
        recoveryPlanPointer: "/properties/groups/3/endGroupActions/0",
        pointer: "/groups/1/after/0",
      },
    ];

    beforeEach(() => {
      server.on("POST", "/api/v1/plans/shop/import", { status: 201, headers: { etag: '"v1"' }, body: { plan: shopPlan, findings } });
    });

    it("prints the imported plan on stdout and each finding on its own stderr line, located in both plans", async () => {
      const run = await standby(importArgs);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe('plan shop imported (etag "v1")');
      expect(run.stderr.trim().split("\n")).toEqual([
        `warning ActionNarrowed: ${findings[0]!.message} (recovery plan /properties/groups/2/startGroupActions/0)`,
        `info ApprovalTimeoutChosen: ${findings[1]!.message} (recovery plan /properties/groups/3/endGroupActions/0, plan /groups/1/after/0)`,
      ]);
      expect(server.requests[0]?.body).toEqual({ vault: { subscriptionId: "sub", resourceGroup: "rg", name: "vault" }, recoveryPlanName: "shop-rp" });
    });

    it("includes the findings with the plan under --json, and keeps stderr quiet", async () => {
      const run = await standby([...importArgs, "--json"]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ plan: { ...shopPlan, etag: '"v1"' }, findings });
      expect(run.stderr).toBe("");
    });
  });

  it("approves from a second process while the first one watches", async () => {
    const waiting = operation("op-9", "waitingForApproval", [step("gate", "waitingForApproval")], {
      pendingApproval: { prompt: "Open the gates?", requestedAt: at(1), timeoutAt: at(1801), onTimeout: "reject" },
    });
    let approved = false;
    server.on("POST", "/api/v1/plans/shop/failover", { status: 202, headers: { location: OPERATION_PATH, "retry-after-ms": "20" }, body: waiting });
    server.on("GET", OPERATION_PATH, () => ({
      status: 200,
      headers: { "retry-after-ms": "20" },
      body: approved ? operation("op-9", "succeeded", [step("gate", "succeeded", { durationMs: 1000 })]) : waiting,
    }));
    server.on("POST", `${OPERATION_PATH}/approve`, () => {
      approved = true;
      // As the service does: the operation as the decision found it, still waiting; the workflow applies it later.
      return { status: 200, body: waiting };
    });
    const watcher = standby(["failover", "shop", "--mode", "planned", "--reason", "test", "--watch"]);
    while (server.requestsTo("GET", OPERATION_PATH).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const approval = await standby(["operations", "approve", "op-9", "--comment", "go"]);
    expect(approval.code).toBe(0);
    expect(approval.stdout.trim()).toBe("approval sent to operation op-9; it goes on as its workflow takes it (standby operations show op-9 --watch)");
    const watched = await watcher;
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/waiting for approval: Open the gates\?/);
    expect(watched.stdout).toMatch(/standby operations approve op-9/);
    expect(server.requestsTo("POST", `${OPERATION_PATH}/approve`)[0]?.body).toEqual({ comment: "go" });
  });

  it("prints the health table: status and worst RPO against the objective", async () => {
    server.on("GET", "/api/v1/health", {
      status: 200,
      body: {
        asOf: at(0),
        plans: [
          { plan: "shop", status: "warning", rpoObjectiveSeconds: 300, worstRpoSeconds: 420, asOf: at(0), ageSeconds: 30, items: [] },
          { plan: "blog", status: "unknown", rpoObjectiveSeconds: 600, worstRpoSeconds: null, asOf: null, ageSeconds: null, items: [] },
        ],
      },
    });
    const run = await standby(["health"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^PLAN\s+STATUS\s+WORST RPO \/ OBJECTIVE\s+ITEMS\s+AS OF$/);
    expect(lines[1]).toMatch(/^shop\s+warning\s+7m 0s \/ 5m 0s\s+0\s+2026-01-05T10:00:00\.000Z \(30\.0s ago\)$/);
    expect(lines[2]).toMatch(/^blog\s+unknown\s+- \/ 10m 0s\s+0\s+never swept$/);
  });

  it("finds endpoint, key and emulator in .standby/lab.json, and simulates an outage", async () => {
    const lab = mkdtempSync(join(tmpdir(), "standby-lab-"));
    const nested = join(lab, "some", "folder");
    mkdirSync(join(lab, ".standby"), { recursive: true });
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(lab, ".standby", "lab.json"), JSON.stringify({ endpoint: server.endpoint, key: "lab-key", armEndpoint: arm.endpoint }));
    try {
      server.on("GET", "/api/v1/health", { status: 200, body: { asOf: null, plans: [] } });
      const health = await standby(["health", "--json"], { cwd: nested, env: { STANDBY_ENDPOINT: "", STANDBY_KEY: "" } });
      expect(health.code).toBe(0);
      expect(server.requests[0]?.headers["x-functions-key"]).toBe("lab-key");

      arm.on("POST", "/_emulator/regions/westeurope/outage", { status: 200, body: { region: "westeurope", down: true } });
      const outage = await standby(["lab", "outage", "westeurope"], { cwd: nested });
      expect(outage.code).toBe(0);
      expect(outage.stdout.trim()).toBe("region westeurope is down (simulated)");
      expect(arm.requestsTo("POST", "/_emulator/regions/westeurope/outage")).toHaveLength(1);
    } finally {
      rmSync(lab, { recursive: true, force: true });
    }
  });

  it("saves a drill report to the given file", async () => {
    server.on("GET", "/api/v1/drills/d-1/report.html", { status: 200, body: "<html>drill d-1</html>" });
    const output = join(folder(), "report.html");
    const run = await standby(["reports", "open", "d-1", "--output", output, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ drill: "d-1", path: output });
    expect(readFileSync(output, "utf8")).toBe("<html>drill d-1</html>");
  });
});

describe("Ctrl-C while watching", () => {
  it("stops watching with exit 130 and leaves the operation running: no cancel is sent", async () => {
    server.on("POST", "/api/v1/plans/shop/drills", {
      status: 202,
      headers: { location: OPERATION_PATH },
      body: operation("op-9", "running", [step("db-1", "running")], { kind: "drill" }),
    });
    server.on("GET", OPERATION_PATH, { status: 200, headers: { "retry-after-ms": "20" }, body: operation("op-9", "running", [step("db-1", "running")], { kind: "drill" }) });
    const child = spawn(process.execPath, [CLI_MAIN, "drill", "shop", "--watch"], {
      cwd: folder(),
      env: { PATH: process.env.PATH ?? "", STANDBY_ENDPOINT: server.endpoint, STANDBY_KEY: "cli-key" },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    while (server.requestsTo("GET", OPERATION_PATH).length < 2) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/stopped watching; the operation goes on.*standby operations show op-9 --watch/);
    expect(server.requests.filter((request) => request.path.endsWith("/cancel"))).toHaveLength(0);
  });
});
