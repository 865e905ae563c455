// A webhook URL often carries its own credential (a Logic Apps or Automation webhook signs with `sig=` or `token=`
// in the query), and its headers may hold an Authorization value. Those belong to the plan: readable by whoever
// may read the plan, but never repeated in logs or in an operation's error, which reach a wider audience.
import { createServer, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

const signature = randomBytes(18).toString("hex");
const bearer = randomBytes(18).toString("hex");
let lab: Lab;
let receiver: Server;
let operation: Operation;

beforeAll(async () => {
  receiver = createServer((_request, response) => {
    response.statusCode = 500;
    response.end("receiver failed");
  });
  await new Promise<void>((listening) => receiver.listen(0, "127.0.0.1", listening));
  const port = (receiver.address() as { port: number }).port;
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
  const plan: Record<string, unknown> = { ...(await shopPlan(lab)), allowedHosts: ["127.0.0.1"] };
  (plan.groups as { before?: unknown[] }[])[0]!.before = [
    { type: "webhook", url: `http://127.0.0.1:${port}/workflows/run?api-version=2016-10-01&sig=${signature}`, headers: { Authorization: `Bearer ${bearer}` } },
  ];
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "webhook secrets" } });
  expect(started.status).toBe(202);
  operation = started.body;
  for (let minute = 0; minute < 30 && operation.status === "running"; minute++) {
    await lab.advance(60_000, { stepMs: 15_000 });
    operation = (await api<Operation>(lab, "GET", `/operations/${started.body.id}`)).body;
  }
});

afterAll(async () => {
  await lab?.stop();
  await new Promise((closed) => receiver?.close(closed));
});

it("fails the webhook step, saying which host answered what", () => {
  expect(operation.status).toBe("failed");
  expect(operation.error).toMatchObject({ code: "WebhookFailed", message: expect.stringContaining("500") });
});

it("repeats neither the URL's signature nor the Authorization header in the operation's answers", async () => {
  const answers = JSON.stringify(operation) + JSON.stringify((await api(lab, "GET", "/operations")).body);
  expect({ signature: answers.includes(signature), bearer: answers.includes(bearer) }).toEqual({ signature: false, bearer: false });
});

it("repeats neither the URL's signature nor the Authorization header in the log", () => {
  const output = lab.hostOutput();
  expect({ signature: output.includes(signature), bearer: output.includes(bearer) }).toEqual({ signature: false, bearer: false });
});
