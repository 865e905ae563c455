// Site Recovery carries out an action whose answer never arrives (the connection drops after the 202): the app
// cannot tell whether the failover of that item started. Through the real app, the SDK clients and the emulator,
// the failover must still start each item exactly once. What happens: the SDK's own retry sends the POST again and
// Site Recovery refuses it (409, the item is busy with the job the lost call started); the activity's durable retry
// then reads the item, finds that job and adopts it instead of starting another.
import type { Operation } from "@standby/client/contract";
import { startShopLab } from "../../support/api-client";
import type { Lab } from "../../support/lab";
import { runUntil, startOperation } from "../workflows/workflow-lab";
import { acceptedActions, acceptedTrafficChanges } from "./action-ledger";

jest.setTimeout(600_000);

const LOST = 3;

let lab: Lab;

beforeAll(async () => {
  lab = await startShopLab();
});

afterAll(async () => {
  await lab?.stop();
});

describe("a failover whose first accepted actions lose their answers", () => {
  let operation: Operation;

  it("succeeds", async () => {
    expect((await lab.control("POST", "/_emulator/faults", { loseAcceptedAnswers: LOST })).status).toBe(200);
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "lost answers" });
    operation = await runUntil(lab, started.id);
    expect({ status: operation.status, error: operation.error }).toEqual({ status: "succeeded", error: undefined });
    // Every lost answer was used up: the fault really hit the failover's actions.
    expect((await lab.control<{ loseAcceptedAnswers?: number }>("GET", "/_emulator/faults")).body.loseAcceptedAnswers).toBe(0);
  });

  it("started each item's failover exactly once and switched traffic once", async () => {
    const log = await lab.emulatorRequests();
    const ledger = acceptedActions(log);
    const items = operation.steps.filter((step) => step.item !== undefined);
    expect(Object.keys(ledger)).toHaveLength(items.length);
    for (const actions of Object.values(ledger)) expect(actions).toEqual({ unplannedFailover: 1 });
    expect(acceptedTrafficChanges(log)).toBe(1);
  });

  it("watched the job each lost call started: every item step names a job", () => {
    const items = operation.steps.filter((step) => step.item !== undefined);
    expect(items.every((step) => step.status === "succeeded" && step.jobId !== undefined)).toBe(true);
  });
});
