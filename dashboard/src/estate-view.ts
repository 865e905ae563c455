// The estate: every plan with its replication health, worst RPO against the objective (with the trend seen while
// the page is open), the age of the last sweep, and its latest operation.
import type { EstateHealth, Operation, Page, Plan, PlanHealth } from "@standby/client/contract";
import type { StandbyApi } from "./api";
import { byId, el, formatSeconds } from "./dom";
import { trendChart } from "./trend-chart";

const TREND_SAMPLES = 30;

export interface EstateActions {
  openPlan(plan: string): void;
  openOperation(id: string): void;
}

export class EstateView {
  /** Worst RPO per plan, one sample per sweep seen (keyed by the sweep's asOf so polling adds no duplicates). */
  private readonly rpoHistory = new Map<string, { asOf: string; rpo: number }[]>();

  constructor(private readonly actions: EstateActions) {}

  async refresh(api: StandbyApi): Promise<void> {
    const [plans, health] = await Promise.all([api.get<Page<Plan>>("plans?maxpagesize=100"), api.get<EstateHealth>("health")]);
    const healthByPlan = new Map(health.body.plans.map((entry) => [entry.plan, entry]));
    const latest = await Promise.all(plans.body.value.map((plan) => latestOperation(api, plan.name)));
    const rows = plans.body.value.map((plan, index) => this.row(plan, healthByPlan.get(plan.name), latest[index]));
    byId("estate-table").querySelector("tbody")?.replaceChildren(...rows);
    const counts = countByStatus(plans.body.value.map((plan) => healthByPlan.get(plan.name)?.status ?? "unknown"));
    byId("estate-status").textContent = plans.body.value.length === 0 ? "No plans yet." : `${plans.body.value.length} plan(s): ${counts}.`;
  }

  private row(plan: Plan, health: PlanHealth | undefined, operation: Operation | undefined): HTMLTableRowElement {
    const status = health?.status ?? "unknown";
    const samples = this.remember(plan.name, health);
    const objective = health?.rpoObjectiveSeconds ?? plan.objectives.rpoSeconds;
    const open = el("button", { type: "button", class: "link" }, plan.name);
    open.addEventListener("click", () => this.actions.openPlan(plan.name));
    const chart = trendChart(samples, objective, `RPO trend of ${plan.name}: ${samples.length} sweep(s), latest ${formatSeconds(samples.at(-1))}, objective ${formatSeconds(objective)}`);
    return el(
      "tr",
      { "data-plan": plan.name, "data-health": status },
      el("th", { scope: "row" }, open),
      el("td", {}, el("span", { class: `badge badge-${status}` }, status)),
      el("td", {}, `${formatSeconds(health?.worstRpoSeconds)} / ${formatSeconds(objective)}`),
      el("td", {}, chart),
      el("td", {}, health?.ageSeconds === null || health?.ageSeconds === undefined ? "no sweep yet" : `${formatSeconds(health.ageSeconds)} ago`),
      el("td", {}, operation === undefined ? "none" : this.operationLink(operation)),
    );
  }

  private operationLink(operation: Operation): HTMLButtonElement {
    const button = el("button", { type: "button", class: "link" }, `${operation.kind} ${operation.status}`);
    button.addEventListener("click", () => this.actions.openOperation(operation.id));
    return button;
  }

  private remember(plan: string, health: PlanHealth | undefined): number[] {
    const history = this.rpoHistory.get(plan) ?? [];
    if (health?.asOf && health.worstRpoSeconds !== null && history.at(-1)?.asOf !== health.asOf) {
      history.push({ asOf: health.asOf, rpo: health.worstRpoSeconds });
      history.splice(0, Math.max(0, history.length - TREND_SAMPLES));
    }
    this.rpoHistory.set(plan, history);
    return history.map((sample) => sample.rpo);
  }
}

async function latestOperation(api: StandbyApi, plan: string): Promise<Operation | undefined> {
  const page = await api.get<Page<Operation>>(`operations?plan=${encodeURIComponent(plan)}&maxpagesize=1`);
  return page.body.value[0];
}

function countByStatus(statuses: string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
}
