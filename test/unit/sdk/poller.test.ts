import { AzureKeyCredential, StandbyClient, type Operation, type OperationPollerState } from "@standby/client";
import { FakeStandbyServer } from "./fake-standby-server";
import { operation, step } from "./fixtures";

const server = new FakeStandbyServer();
let endpoint: string;
const newClient = () => new StandbyClient(endpoint, new AzureKeyCredential("key"));
const OPERATION_PATH = "/api/v1/operations/op-7";

beforeAll(async () => {
  endpoint = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

/** Answers successive GETs of the operation with the given states, repeating the last one. */
function serveStates(states: Operation[], headers: Record<string, string> = {}): void {
  let index = 0;
  server.on("GET", OPERATION_PATH, () => {
    const body = states[Math.min(index, states.length - 1)];
    index += 1;
    return { status: 200, headers, body };
  });
}

function acceptFailover(headers: Record<string, string> = {}): void {
  server.on("POST", "/api/v1/plans/shop/failover", {
    status: 202,
    headers: { location: OPERATION_PATH, ...headers },
    body: operation("op-7", "running", [step("db-1", "pending")]),
  });
}

const states = [
  operation("op-7", "running", [step("db-1", "running")]),
  operation("op-7", "running", [step("db-1", "succeeded", { durationMs: 1200 }), step("web-1", "running")]),
  operation("op-7", "succeeded", [step("db-1", "succeeded"), step("web-1", "succeeded")], {
    result: { rtoSeconds: 42, recoveryPoints: [] },
  }),
];

describe("operation pollers", () => {
  it("report each step's progress and resolve with the final operation", async () => {
    acceptFailover();
    serveStates(states);
    const poller = await newClient().beginFailover("shop", { mode: "planned", reason: "test" }, { updateIntervalInMs: 1 });
    const seen: string[] = [];
    poller.onProgress((state: OperationPollerState) => {
      seen.push(state.operation?.steps.map((item) => `${item.id}:${item.status}`).join(",") ?? "");
    });
    const final = await poller.pollUntilDone();
    expect(final.status).toBe("succeeded");
    expect(final.result?.rtoSeconds).toBe(42);
    expect(seen).toEqual(["db-1:running", "db-1:succeeded,web-1:running", "db-1:succeeded,web-1:succeeded"]);
    expect(poller.isDone()).toBe(true);
  });

  it("resolve with a failed operation too, so the caller sees which step failed", async () => {
    acceptFailover();
    serveStates([
      operation("op-7", "failed", [step("db-1", "failed", { error: { code: "JobFailed", message: "disk", item: "db-1" } })], {
        error: { code: "JobFailed", message: "disk", item: "db-1" },
      }),
    ]);
    const poller = await newClient().beginFailover("shop", { mode: "planned", reason: "test" }, { updateIntervalInMs: 1 });
    const final = await poller.pollUntilDone();
    expect(final.status).toBe("failed");
    expect(final.error?.item).toBe("db-1");
  });

  it("resume from toString() in a new client without starting the operation again", async () => {
    acceptFailover();
    serveStates(states);
    const first = await newClient().beginFailover("shop", { mode: "planned", reason: "test" }, { updateIntervalInMs: 1 });
    await first.poll();
    const saved = first.toString();

    const resumed = await newClient().beginFailover(
      "shop",
      { mode: "planned", reason: "test" },
      { resumeFrom: saved, updateIntervalInMs: 1 },
    );
    expect(resumed.getOperationState().operation?.steps[0]?.status).toBe("running");
    const final = await resumed.pollUntilDone();
    expect(final.status).toBe("succeeded");
    expect(server.requestsTo("POST", "/api/v1/plans/shop/failover")).toHaveLength(1);
  });

  it("stop waiting when aborted, and send no cancel", async () => {
    acceptFailover();
    serveStates([operation("op-7", "running", [step("db-1", "running")])]);
    const poller = await newClient().beginFailover("shop", { mode: "planned", reason: "test" }, { updateIntervalInMs: 60_000 });
    const controller = new AbortController();
    const waiting = poller.pollUntilDone({ abortSignal: controller.signal });
    await new Promise<void>((resolve) => poller.onProgress(() => resolve()));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests.filter((request) => request.path.endsWith("/cancel"))).toHaveLength(0);
    expect(server.requestsTo("GET", OPERATION_PATH)).toHaveLength(1);
  });

  it("wait what Retry-After asks between polls, even when the interval is shorter", async () => {
    acceptFailover({ "retry-after": "1" });
    serveStates(states, { "retry-after": "1" });
    const poller = await newClient().beginFailover("shop", { mode: "planned", reason: "test" }, { updateIntervalInMs: 1 });
    const pollTimes: number[] = [];
    poller.onProgress(() => pollTimes.push(performance.now()));
    const began = performance.now();
    await poller.pollUntilDone();
    // Lower bounds only: a slow machine can only make the gaps longer.
    expect((pollTimes[0] ?? 0) - began).toBeGreaterThanOrEqual(950);
    expect((pollTimes[1] ?? 0) - (pollTimes[0] ?? 0)).toBeGreaterThanOrEqual(950);
    expect((pollTimes[2] ?? 0) - (pollTimes[1] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("cancel only when asked to explicitly", async () => {
    acceptFailover();
    server.on("POST", `${OPERATION_PATH}/cancel`, { status: 202, body: operation("op-7", "canceled", []) });
    const poller = await newClient().beginFailover("shop", { mode: "planned", reason: "test" });
    await poller.cancelOperation();
    expect(server.requestsTo("POST", `${OPERATION_PATH}/cancel`)).toHaveLength(1);
    expect(poller.getOperationState().operation?.status).toBe("canceled");
  });
});
