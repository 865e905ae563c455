import { HEALTH_EVENT_TYPE, healthAlerts, NOTHING_ANNOUNCED, type AnnouncedHealth } from "../../../functions/core/alerts/health-alerts";
import { evaluatePlanHealth, type PlanHealthState } from "../../../functions/core/health/evaluate";
import { plan, sweptItem } from "./fixtures";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

/** Runs one sweep per RPO value, a minute apart, and collects every alert type announced. */
function sweeps(rpos: (number | "unreadable")[]): string[] {
  let state: PlanHealthState | undefined;
  let announced: AnnouncedHealth = NOTHING_ANNOUNCED;
  const types: string[] = [];
  for (const [minute, rpo] of rpos.entries()) {
    const evaluation = evaluatePlanHealth({
      plan: plan(),
      vaultItems: rpo === "unreadable" ? [] : [sweptItem("db-1", { rpoSeconds: rpo }), sweptItem("web-1")],
      ...(rpo === "unreadable" ? { readError: "timeout" } : {}),
      ...(state === undefined ? {} : { previous: state }),
      atMs: AT + minute * 60_000,
    });
    const result = healthAlerts(evaluation, announced, AT + minute * 60_000);
    types.push(...result.alerts.map((alert) => alert.type));
    state = evaluation.state;
    announced = result.announced;
  }
  return types;
}

const good = (minutes: number): number[] => Array.from({ length: minutes }, () => 60);
const lagging = (minutes: number): number[] => Array.from({ length: minutes }, () => 3600);

describe("health alerts out", () => {
  it("say nothing while a plan stays healthy", () => {
    expect(sweeps(good(30))).toEqual([]);
  });

  it("announce an RPO breach once and its recovery once, however many sweeps see them", () => {
    const types = sweeps([...good(5), ...lagging(15), ...good(15)]);
    expect(types.filter((type) => type === HEALTH_EVENT_TYPE.rpoBreached)).toHaveLength(1);
    expect(types.filter((type) => type === HEALTH_EVENT_TYPE.rpoRecovered)).toHaveLength(1);
    expect(types.indexOf(HEALTH_EVENT_TYPE.rpoBreached)).toBeLessThan(types.indexOf(HEALTH_EVENT_TYPE.rpoRecovered));
  });

  it("do not announce an RPO breach for one spike after a good hour", () => {
    const types = sweeps([...good(60), 3600, ...good(10)]);
    expect(types).not.toContain(HEALTH_EVENT_TYPE.rpoBreached);
  });

  it("announce each status change with the previous status and the problems", () => {
    const evaluation = evaluatePlanHealth({ plan: plan(), vaultItems: [sweptItem("db-1", { replicationHealth: "Warning" }), sweptItem("web-1")], atMs: AT });
    const { alerts, announced } = healthAlerts(evaluation, NOTHING_ANNOUNCED, AT);
    expect(alerts).toEqual([
      {
        id: `shop/${HEALTH_EVENT_TYPE.healthChanged}/${AT}`,
        type: HEALTH_EVENT_TYPE.healthChanged,
        plan: "shop",
        time: new Date(AT).toISOString(),
        data: expect.objectContaining({ status: "warning", previousStatus: "healthy", problems: ["db-1: Replication health is Warning."] }),
      },
    ]);
    expect(healthAlerts(evaluation, announced, AT + 60_000).alerts).toEqual([]);
  });

  it("treat an unreadable vault as a status change but not as an RPO recovery", () => {
    const types = sweeps([...good(2), ...lagging(5), "unreadable", "unreadable"]);
    expect(types.filter((type) => type === HEALTH_EVENT_TYPE.rpoRecovered)).toHaveLength(0);
    expect(types.filter((type) => type === HEALTH_EVENT_TYPE.healthChanged)).toHaveLength(2);
  });
});
