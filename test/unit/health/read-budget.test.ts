import { minimumSweepIntervalMs, sweepWithinReadBudget } from "../../../functions/core/health/read-budget";
import { createHealthSweepStarter, healthSweepSchedule, type SweepStarterClient } from "../../../functions/timers/health-sweep-timer";
import type { HealthSnapshot } from "../../../functions/activities/health/health-snapshot";
import { HEALTH_ORCHESTRATION } from "../../../functions/orchestrations/health-names";
import { loadConfig } from "../../../functions/azure/config";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

describe("the sweep's share of ARM's read budget", () => {
  it("allows the 10,000-item estate (100 pages) every minute, and a larger one less often", () => {
    expect(minimumSweepIntervalMs(100)).toBe(MINUTE);
    expect(sweepWithinReadBudget({ last: { pages: 100, atMs: AT - MINUTE }, nowMs: AT })).toEqual({ sweep: true });
    const verdict = sweepWithinReadBudget({ last: { pages: 300, atMs: AT - MINUTE }, nowMs: AT });
    expect(verdict).toMatchObject({ sweep: false, notBeforeMs: AT + 2 * MINUTE });
    expect(!verdict.sweep && verdict.reason).toBe(
      "The last sweep read 300 pages; sweeping again before 2026-01-01T12:02:00.000Z would use more than 50 % of ARM's 12000 reads an hour.",
    );
    expect(sweepWithinReadBudget({ last: { pages: 300, atMs: AT - 3 * MINUTE }, nowMs: AT }).sweep).toBe(true);
  });

  it("always allows the first sweep and tolerates a timer a few seconds early", () => {
    expect(sweepWithinReadBudget({ nowMs: AT })).toEqual({ sweep: true });
    expect(sweepWithinReadBudget({ last: { pages: 100, atMs: AT - MINUTE + 3_000 }, nowMs: AT }).sweep).toBe(true);
  });
});

class FakeClient implements SweepStarterClient {
  readonly started: string[] = [];
  status = "Running";

  async startNew(orchestration: string, options: { instanceId: string }): Promise<string> {
    expect(orchestration).toBe(HEALTH_ORCHESTRATION.sweep);
    this.started.push(options.instanceId);
    return options.instanceId;
  }

  async getStatus(): Promise<{ runtimeStatus?: unknown }> {
    return { runtimeStatus: this.status };
  }
}

const snapshot = (pages: number, atMs: number): HealthSnapshot => ({ sweepId: "s", asOf: new Date(atMs).toISOString(), vaults: [{ vault: "v", pages, itemsRead: pages * 100 }], plans: [] });

describe("the sweep timer", () => {
  it("starts a sweep, and skips a tick while that sweep still runs", async () => {
    const client = new FakeClient();
    const start = createHealthSweepStarter(async () => undefined);
    expect(await start(client, AT)).toMatchObject({ started: true });
    expect(await start(client, AT + MINUTE)).toEqual({ started: false, reason: `the previous sweep ${client.started[0]} still runs` });
    client.status = "Completed";
    expect(await start(client, AT + 2 * MINUTE)).toMatchObject({ started: true });
    expect(new Set(client.started).size).toBe(2);
  });

  it("skips a tick that would overspend the read budget", async () => {
    const client = new FakeClient();
    const start = createHealthSweepStarter(async () => snapshot(500, AT - MINUTE));
    expect(await start(client, AT)).toMatchObject({ started: false, reason: expect.stringMatching(/^The last sweep read 500 pages/) });
    expect(client.started).toEqual([]);
  });

  it("takes its schedule from the configuration, and the documented default when the settings are refused", () => {
    const settings = { AzureWebJobsStorage: "UseDevelopmentStorage=true", STANDBY_TASK_HUB: "standby", STANDBY_EVENTGRID_ENDPOINT: "https://topic.westus-1.eventgrid.azure.net/api/events" };
    expect(healthSweepSchedule(() => loadConfig({ ...settings, STANDBY_HEALTH_SWEEP_SCHEDULE: "0 */5 * * * *" }))).toBe("0 */5 * * * *");
    expect(healthSweepSchedule(() => loadConfig({ ...settings, STANDBY_HEALTH_SWEEP_SCHEDULE: "every minute" }))).toBe("0 */1 * * * *");
    expect(() =>
      healthSweepSchedule(() => {
        throw new TypeError("a bug");
      }),
    ).toThrow("a bug");
  });
});
