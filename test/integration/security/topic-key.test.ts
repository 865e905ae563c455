// The alerts topic refusing the app's key: publishing fails and is retried, the operation goes on or fails, and the
// key the app sent appears neither in the host's output (verbose, as a debugging operator would run it) nor in what
// callers see. Azure SDK errors carry the request they failed on, whose aeg-sas-key header holds the key.
import { randomBytes } from "node:crypto";
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

const wrongTopicKey = randomBytes(24).toString("base64");
let lab: Lab;
let seenByCallers = "";

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_EVENTGRID_KEY: wrongTopicKey, LOCAL_HOST_VERBOSE: "1" } });
  expect((await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) })).status).toBe(201);
  const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "topic key" } });
  expect(started.status).toBe(202);
  let operation = started.body;
  for (let minute = 0; minute < 60 && operation.status === "running"; minute++) {
    await lab.advance(60_000, { stepMs: 15_000 });
    const answer = await api<Operation>(lab, "GET", `/operations/${started.body.id}`);
    operation = answer.body;
    seenByCallers += JSON.stringify([...answer.headers.entries()]) + JSON.stringify(answer.body);
  }
  seenByCallers += JSON.stringify((await api(lab, "GET", "/operations")).body);
});

afterAll(async () => {
  await lab?.stop();
});

const spellings = [wrongTopicKey, encodeURIComponent(wrongTopicKey)];

it("tried to publish and was refused, and kept the whole output", () => {
  // The lab keeps the tail of a long output; the start-up line proves nothing was cut before the search.
  expect(lab.hostOutput()).toContain("Functions host listening on");
  expect(lab.hostOutput()).toContain("publishOperationEventActivity' (Failed");
});

it("prints no key in the host's output", () => {
  const output = lab.hostOutput();
  expect(spellings.filter((spelling) => output.includes(spelling))).toEqual([]);
});

it("shows no key to callers of the operation", () => {
  expect(seenByCallers.length).toBeGreaterThan(0);
  expect(spellings.filter((spelling) => seenByCallers.includes(spelling))).toEqual([]);
});
