// A drill of a plan whose items were failed over and committed, through the real app against the ARM emulator:
// Site Recovery allows those items no test failover until they are protected back, so the preflight refuses the
// drill at once, naming each item with its state, and nothing is asked of Site Recovery but reads.
import type { Operation } from "@standby/client/contract";
import { runUntil, startOperation } from "../workflows/workflow-lab";
import { actionsOn, drillPlan, estate, putPlan, runDrill, useDrillLab } from "./drill-lab";

jest.setTimeout(900_000);

const shop = useDrillLab();

describe("a drill of a plan failed over and committed", () => {
  let drill: Operation;

  beforeAll(async () => {
    const { lab } = shop;
    await putPlan(lab, await drillPlan(lab, { probes: [] }));
    const failover = await runUntil(lab, (await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "before the drill" })).id);
    expect(failover.status).toBe("succeeded");
    const commit = await runUntil(lab, (await startOperation(lab, "/plans/shop/commit", { reason: "make it final" })).id);
    expect(commit.status).toBe("succeeded");
    await lab.control("DELETE", "/_emulator/requests");
    drill = await runDrill(lab, "shop", { reason: "drill while failed over" });
  });

  it("is refused by the preflight, naming every item, where it runs and what Site Recovery allows it", async () => {
    const { lab } = shop;
    expect(drill.status).toBe("failed");
    const message = drill.error?.message ?? "";
    expect(message).toContain("Preflight refused the drill");
    const view = await estate(lab);
    for (const item of view.protectedItems) {
      expect(message).toContain(`${item.id}: no test failover possible: the machine runs in the recovery region and is not protected back yet`);
    }
    expect(message).toContain("Site Recovery allows ReverseReplicate, DisableProtection");
  });

  it("asked Site Recovery for nothing: no test failover, no cleanup", async () => {
    const { lab } = shop;
    const log = await lab.emulatorRequests();
    const view = await estate(lab);
    for (const item of view.protectedItems) expect(actionsOn(log, item.name)).toEqual([]);
  });
});
