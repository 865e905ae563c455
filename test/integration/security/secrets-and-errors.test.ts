// Secrets never leave the app in its logs or its answers, and error answers carry no internals. The real app runs in
// the local host; the test drives it through refusals, bad input, an upstream failure, a workflow that publishes
// events with the topic key and fails a job, and keys sent in the query string. Then it searches everything the
// host printed and everything any caller received for each secret.
import type { Operation } from "@standby/client/contract";
import { api, shopPlan, type ApiAnswer } from "../../support/api-client";
import { REPO_ROOT, startLab, type Lab } from "../../support/lab";

let lab: Lab;
/** The failover's last state: it ran to an end, publishing its events on the way. */
let finished: Operation;
/** Every answer a caller got: status, headers and body text. */
const answers: { what: string; status: number; headers: string; body: string }[] = [];

async function call<T = unknown>(what: string, method: string, path: string, options: Parameters<typeof api>[3] = {}): Promise<ApiAnswer<T>> {
  const answer = await api<T>(lab, method, path, options);
  answers.push({ what, status: answer.status, headers: JSON.stringify([...answer.headers.entries()]), body: JSON.stringify(answer.body) ?? "" });
  return answer;
}

async function rawCall(what: string, url: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(url, init);
  answers.push({ what, status: response.status, headers: JSON.stringify([...response.headers.entries()]), body: await response.text() });
  return response.status;
}

/** The secrets of the running lab: function and master keys, the topic key, the storage account key. */
function secrets(): Record<string, string> {
  const accountKey = /AccountKey=([^;]+)/.exec(lab.storage.connectionString)?.[1];
  const topicKey = lab.settings.STANDBY_EVENTGRID_KEY;
  if (accountKey === undefined || topicKey === undefined || topicKey === "") throw new Error("the lab has no storage account key or topic key to look for");
  return { functionKey: lab.key, masterKey: lab.masterKey, eventGridKey: topicKey, storageAccountKey: accountKey };
}

/** A secret can also appear URL-encoded (query strings) or base64-encoded (headers); each spelling is searched. */
function spellings(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64")])];
}

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  const plan = await shopPlan(lab);
  (plan.groups as { before?: unknown[] }[])[0]!.before = [{ type: "delay", seconds: 5 }];
  expect((await call("create plan", "PUT", "/plans/shop", { json: plan })).status).toBe(201);

  // Refusals: no key, wrong key, a key in the query string (wrong and right).
  await call("no key", "GET", "/plans", { key: null });
  await call("wrong key", "POST", "/plans/shop/failover", { key: "not-the-key", json: { mode: "planned", reason: "x" } });
  await rawCall("wrong code", `${lab.apiUrl}/plans?code=not-the-key`);
  await rawCall("right code", `${lab.apiUrl}/plans/shop?code=${encodeURIComponent(lab.key)}`);
  await rawCall("master code", `${lab.apiUrl}/operations?code=${encodeURIComponent(lab.masterKey)}`);
  // A page link must not hand the key given in the query back.
  expect((await call("second plan", "PUT", "/plans/shop-copy", { json: { ...plan, name: "shop-copy" } })).status).toBe(201);
  await rawCall("paged with code", `${lab.apiUrl}/plans?maxpagesize=1&code=${encodeURIComponent(lab.key)}`);

  // Bad input and missing things.
  await call("bad json", "PUT", "/plans/other", { body: "{", headers: { "content-type": "application/json" } });
  await call("invalid plan", "PUT", "/plans/other", { json: { ...plan, name: "other", objectives: { rpoSeconds: -1 } } });
  await call("unknown plan", "POST", "/plans/ghost/failover", { json: { mode: "planned", reason: "x" } });
  await call("unknown operation", "POST", "/operations/failover-0000/approve", { json: {} });

  // The extension webhook with a body it cannot use.
  await rawCall("event grid junk", `${lab.hostUrl}/runtime/webhooks/eventgrid?functionName=alertIntake`, {
    method: "POST",
    headers: { "x-functions-key": lab.masterKey, "content-type": "application/json", "aeg-event-type": "Notification" },
    body: "{not json",
  });

  // Site Recovery failing underneath a request: a 502 problem that says so and no more.
  await lab.control("POST", "/_emulator/faults", { rate5xx: 1 });
  await call("arm down", "POST", "/plans/shop/validate");
  await lab.control("POST", "/_emulator/faults", {});

  // A workflow that publishes CloudEvents with the topic key and meets a failed Site Recovery job.
  await lab.control("POST", "/_emulator/faults", { failJobs: { count: 1 } });
  const started = await call<Operation>("failover", "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "secrets test" } });
  expect(started.status).toBe(202);
  let operation = started.body;
  for (let minute = 0; minute < 90 && operation.status === "running"; minute++) {
    await lab.advance(60_000, { stepMs: 15_000 });
    operation = (await call<Operation>("operation", "GET", `/operations/${started.body.id}`)).body;
  }
  finished = operation;
  await call("busy or done", "POST", "/plans/shop/commit", { json: { reason: "secrets test" } });
  await call("operations", "GET", "/operations");
});

afterAll(async () => {
  await lab?.stop();
});

it("exercised refusals, bad input, an upstream failure and a workflow run to its end", async () => {
  const statuses = new Set(answers.map((answer) => answer.status));
  for (const status of [200, 201, 202, 400, 401, 404, 502]) expect(statuses).toContain(status);
  const output = lab.hostOutput();
  expect(output).toContain("Executed");
  // The lab keeps the tail of a long output; the start-up line proves nothing was cut before the searches below.
  expect(output).toContain("Functions host listening on");
  expect(["succeeded", "failed"]).toContain(finished.status);
  // The topic records only what arrives with its key: the operation's events prove the key was used, so the
  // searches below are searches for a key the app really handled.
  const published = (await lab.control<{ type: string; event: { data?: { operationId?: string } } }[]>("GET", "/_emulator/eventgrid/events")).body;
  expect(published.filter((event) => event.event.data?.operationId === finished.id).map((event) => event.type)).toContain("Standby.Operation.Started");
});

it("prints no secret in the host's output", () => {
  const output = lab.hostOutput();
  for (const [name, secret] of Object.entries(secrets())) {
    for (const spelling of spellings(secret)) expect({ name, found: output.includes(spelling) }).toEqual({ name, found: false });
  }
});

it("sends no secret in any answer, headers included", () => {
  for (const [name, secret] of Object.entries(secrets())) {
    for (const spelling of spellings(secret)) {
      const leaking = answers.filter((answer) => answer.headers.includes(spelling) || answer.body.includes(spelling)).map((answer) => answer.what);
      expect({ name, leaking }).toEqual({ name, leaking: [] });
    }
  }
});

it("hands out no URL that carries a key (the durable runtime's management links hold the system key)", () => {
  const handingOutKeys = answers.filter((answer) => /[?&]code=|\/runtime\/webhooks\//i.test(answer.headers + answer.body)).map((answer) => answer.what);
  expect(handingOutKeys).toEqual([]);
});

it("answers errors as problems without stack traces, file paths or upstream bodies", () => {
  const problems = answers.filter((answer) => answer.status >= 400 && answer.body !== "" && answer.body !== '""');
  expect(problems.length).toBeGreaterThan(3);
  for (const answer of problems) {
    const leaks = [/\bat .+:\d+:\d+/, /node_modules/, /\.(ts|js):\d+/, /Error:/, /RestError/, /"stack"/].filter((pattern) => pattern.test(answer.body));
    expect({ what: answer.what, leaks, mentionsRepo: answer.body.includes(REPO_ROOT) }).toEqual({ what: answer.what, leaks: [], mentionsRepo: false });
  }
  const upstream = answers.find((answer) => answer.what === "arm down");
  expect(upstream).toMatchObject({ status: 502 });
  expect(JSON.parse(upstream!.body)).toEqual({
    type: expect.stringMatching(/ArmRequestFailed$/),
    title: expect.any(String),
    status: 502,
    detail: expect.any(String),
    instance: "/api/v1/plans/shop/validate",
  });
});
