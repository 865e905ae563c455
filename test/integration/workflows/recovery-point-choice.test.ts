// The recovery point an operator picks decides the data lost: `latest` processes everything replicated up to the
// failover (the least loss), `latestProcessed` takes the newest crash-consistent point already processed (the
// emulator takes one every 5 minutes), `latestApplicationConsistent` is covered in unplanned-and-events.test.ts.
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { runUntil, startOperation } from "./workflow-lab";

jest.setTimeout(600_000);

async function failoverWith(recoveryPoint: "latest" | "latestProcessed"): Promise<Operation> {
  const lab: Lab = await startLab({ estate: "shop" });
  try {
    expect((await api(lab, "PUT", "/plans/shop", { json: await shopPlan(lab) })).status).toBe(201);
    // Replication has run a while, so every item has several processed points behind it.
    await lab.advance(12 * 60_000, { stepMs: 4 * 60_000 });
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "unplanned", recoveryPoint, reason: `choice ${recoveryPoint}` });
    return await runUntil(lab, started.id);
  } finally {
    await lab.stop();
  }
}

it("loses less data with `latest` than with `latestProcessed`, whose points are the emulator's 5-minute crash-consistent ones", async () => {
  const processed = await failoverWith("latestProcessed");
  const latest = await failoverWith("latest");
  expect([processed.status, latest.status]).toEqual(["succeeded", "succeeded"]);
  const items = processed.steps.filter((step) => step.item !== undefined).length;
  expect(processed.result?.recoveryPoints).toHaveLength(items);
  expect(latest.result?.recoveryPoints).toHaveLength(items);
  for (const point of processed.result?.recoveryPoints ?? []) {
    expect(Date.parse(point.recoveryPointTime) % 300_000).toBe(0);
  }
  const worst = (operation: Operation) => Math.max(...(operation.result?.recoveryPoints ?? []).map((point) => point.dataLossSeconds));
  expect(worst(latest)).toBeLessThan(worst(processed));
});
