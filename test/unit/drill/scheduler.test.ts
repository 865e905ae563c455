// The drill scheduler's decisions with fakes: when a plan's drill is due, that a busy plan is skipped (not made
// up later), and that one plan's trouble does not stop the others.
import type { Operation, Plan } from "@standby/client/contract";
import { drillDue } from "../../../functions/core/drill/schedule-due";
import { operationConflict } from "../../../functions/core/errors";
import { parseNcrontab } from "../../../functions/core/schedule/ncrontab";
import { ConfigError, type StandbyConfig } from "../../../functions/azure/config";
import { drillSchedulerSchedule, runDrillScheduler, type DrillSchedulerDependencies } from "../../../functions/timers/drill-scheduler";
import { drillPlanFixture } from "./report-fixtures";

const HOURLY = parseNcrontab("0 0 * * * *");
const H = 3_600_000;
const BASE = Date.parse("2026-03-01T00:00:00.000Z");

describe("drillDue", () => {
  it("is not due before the next occurrence and names it", () => {
    expect(drillDue(HOURLY, BASE, BASE + H - 1)).toEqual({ due: false, nextAtMs: BASE + H });
  });

  it("is due at the occurrence", () => {
    expect(drillDue(HOURLY, BASE, BASE + H)).toEqual({ due: true, occurrenceMs: BASE + H });
  });

  it("folds missed occurrences into the latest one", () => {
    expect(drillDue(HOURLY, BASE, BASE + 5 * H + 10)).toEqual({ due: true, occurrenceMs: BASE + 5 * H });
  });
});

function planNamed(name: string, schedule = "0 0 * * * *"): Plan {
  const plan = drillPlanFixture();
  return { ...plan, name, drill: { ...(plan.drill as NonNullable<Plan["drill"]>), schedule } };
}

function fakes(plans: Plan[], now: { ms: number }, start: (plan: string) => Promise<Operation>) {
  const marks = new Map<string, number>();
  const started: string[] = [];
  const deps: DrillSchedulerDependencies = {
    plans: async function* () {
      yield* plans;
    },
    marks: { lastHandled: async (plan) => marks.get(plan), setLastHandled: async (plan, ms) => void marks.set(plan, ms) },
    startDrill: async (plan) => {
      started.push(plan);
      return start(plan);
    },
    now: () => now.ms,
  };
  return { deps, marks, started };
}

const operation = (plan: string): Operation => ({ id: `drill-${plan}`, plan, kind: "drill", status: "running", startedBy: "s", reason: "r", createdAt: "", updatedAt: "", steps: [] });

describe("runDrillScheduler", () => {
  it("arms a plan it sees for the first time, then starts its drill when due, once per occurrence", async () => {
    const now = { ms: BASE + 10 };
    const { deps, started } = fakes([planNamed("shop")], now, async (plan) => operation(plan));
    expect(await runDrillScheduler(deps)).toEqual([{ plan: "shop", action: "armed" }]);
    now.ms = BASE + H - 1;
    expect(await runDrillScheduler(deps)).toEqual([]);
    now.ms = BASE + H + 5;
    expect(await runDrillScheduler(deps)).toEqual([{ plan: "shop", action: "started", operationId: "drill-shop" }]);
    expect(await runDrillScheduler(deps)).toEqual([]);
    expect(started).toEqual(["shop"]);
  });

  it("skips a due drill of a busy plan and does not make it up when the plan is free again", async () => {
    const now = { ms: BASE + 10 };
    let busy = true;
    const { deps, started } = fakes([planNamed("shop")], now, async (plan) => {
      if (busy) throw operationConflict(plan, "failover-1");
      return operation(plan);
    });
    await runDrillScheduler(deps);
    now.ms = BASE + H + 5;
    const outcomes = await runDrillScheduler(deps);
    expect(outcomes).toEqual([{ plan: "shop", action: "skipped", reason: expect.stringContaining("failover-1") }]);
    busy = false;
    now.ms = BASE + H + 60_000;
    expect(await runDrillScheduler(deps)).toEqual([]);
    expect(started).toEqual(["shop"]);
  });

  it("leaves plans without drill settings alone and keeps going when one plan's start breaks", async () => {
    const now = { ms: BASE + 10 };
    const plain = { ...drillPlanFixture(), name: "plain" };
    delete plain.drill;
    const { deps, marks } = fakes([planNamed("broken"), plain, planNamed("shop")], now, async (plan) => {
      if (plan === "broken") throw new Error("storage is down");
      return operation(plan);
    });
    await runDrillScheduler(deps);
    expect([...marks.keys()].sort()).toEqual(["broken", "shop"]);
    now.ms = BASE + H + 5;
    expect(await runDrillScheduler(deps)).toEqual([
      { plan: "broken", action: "failed", reason: "storage is down" },
      { plan: "shop", action: "started", operationId: "drill-shop" },
    ]);
  });
});

describe("drillSchedulerSchedule", () => {
  it("takes the configured schedule, and the documented default when the configuration is refused", () => {
    expect(drillSchedulerSchedule(() => ({ drillSchedulerSchedule: "0 */5 * * * *" }) as StandbyConfig)).toBe("0 */5 * * * *");
    expect(
      drillSchedulerSchedule(() => {
        throw new ConfigError(["STANDBY_ARM_ENDPOINT is missing"]);
      }),
    ).toBe("0 */1 * * * *");
  });
});
