// Progress times come from the operation's own document, not from when the CLI began to look: a step that started
// twenty minutes ago says so, whenever the CLI is run.
import { useCliFakes } from "./cli-process";
import { operation, step } from "./fixtures";

const { server, standby } = useCliFakes();
const OPERATION_PATH = "/api/v1/operations/op-9";

/** An ISO time `seconds` before now: the fake operations happen in the present, like real ones. */
function ago(seconds: number): string {
  return new Date(Date.now() - seconds * 1000).toISOString();
}

/** `for 20m 7s` when the CLI took a few seconds to start on a busy machine; the minutes are what the test checks. */
const about = (minutes: number) => `${minutes}m \\d+s`;

describe("progress times", () => {
  it("operations show --watch of a step running for 20 minutes starts at +0.0s and says how long it has run", async () => {
    const createdAt = ago(20 * 60);
    const states = [
      operation("op-9", "running", [step("db-1", "running", { startedAt: createdAt })], { createdAt, updatedAt: createdAt }),
      operation("op-9", "succeeded", [step("db-1", "succeeded", { startedAt: createdAt, endedAt: ago(1), durationMs: 20 * 60_000 - 1000 })], {
        createdAt,
        updatedAt: ago(1),
      }),
    ];
    let index = 0;
    server.on("GET", OPERATION_PATH, () => ({ status: 200, headers: { "retry-after-ms": "10" }, body: states[Math.min(index++, 1)] }));
    const run = await standby(["operations", "show", "op-9", "--watch"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^ {3}\\+0\\.0s {2}\\[db\\] Fail over db-1 \\(db-1\\) {2}running for ${about(20)}$`));
    expect(lines[1]).toBe("+19m 59s  [db] Fail over db-1 (db-1)  succeeded in 19m 59s");
    expect(lines[2]).toBe("failover op-9 of plan shop: succeeded after 19m 59s");
  });

  it("operations show dates each step from the operation's start, and a running operation says how long it has run", async () => {
    const createdAt = ago(20 * 60);
    const at = (seconds: number) => new Date(Date.parse(createdAt) + seconds * 1000).toISOString();
    server.on("GET", OPERATION_PATH, {
      status: 200,
      body: operation(
        "op-9",
        "running",
        [
          step("db-1", "succeeded", { startedAt: at(0), endedAt: at(240), durationMs: 240_000 }),
          step("web-1", "running", { startedAt: at(240) }),
          step("app-1", "pending"),
        ],
        { createdAt, updatedAt: at(240) },
      ),
    });
    const run = await standby(["operations", "show", "op-9"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("  +4m 0s  [db] Fail over db-1 (db-1)  succeeded in 4m 0s");
    expect(lines[1]).toMatch(new RegExp(`^ {2}\\+4m 0s {2}\\[db\\] Fail over web-1 \\(web-1\\) {2}running for ${about(16)}$`));
    expect(lines[2]).toMatch(new RegExp(`^failover op-9 of plan shop: running for ${about(20)}$`));
  });

  it("operations list shows how long an ended operation took, and for one still running how long it has run", async () => {
    server.on("GET", "/api/v1/operations", {
      status: 200,
      body: {
        value: [
          operation("op-2", "running", [], { createdAt: ago(12 * 60), updatedAt: ago(12 * 60 - 5) }),
          operation("op-1", "succeeded", [], { createdAt: ago(3600), updatedAt: ago(3600 - 250) }),
        ],
      },
    });
    const run = await standby(["operations", "list"]);
    expect(run.code).toBe(0);
    const [header, running, ended] = run.stdout.trim().split("\n");
    expect(header).toMatch(/\s{2}TOOK$/);
    expect(running).toMatch(new RegExp(`^op-2\\s.*\\srunning\\s.*\\s{2}running ${about(12)}$`));
    expect(ended).toMatch(/^op-1\s.*\ssucceeded\s.*\s{2}4m 10s$/);
  });
});
