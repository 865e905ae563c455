// One plan: start a failover, check readiness against live Site Recovery and Traffic Manager state, and the drill
// history (pass/fail, RTO over time against the objective and per tier, links to the reports).
import type { FailoverMode, FailoverRequest, Operation, Page, Plan, Readiness } from "@standby/client/contract";
import { ApiError, type DrillHistoryEntry, type StandbyApi } from "./api";
import { byId, drillResult, el, formatSeconds, formatTime } from "./dom";
import { tierChart } from "./tier-chart";
import { tierHistory } from "./tier-history";
import { tierTable } from "./tier-table";
import { trendChart } from "./trend-chart";

export class PlanView {
  private plan: string | undefined;

  constructor(
    private readonly api: () => StandbyApi,
    private readonly onOperationStarted: (id: string) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    byId<HTMLFormElement>("failover-form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.startFailover().catch(onError);
    });
    byId("check-readiness").addEventListener("click", () => {
      this.checkReadiness().catch(onError);
    });
  }

  async show(plan: string): Promise<void> {
    if (plan !== this.plan) {
      byId("readiness-score").textContent = "";
      byId("readiness-findings").replaceChildren();
      byId("failover-message").textContent = "";
    }
    this.plan = plan;
    const [definition, drills] = await Promise.all([
      this.api().get<Plan>(`plans/${encodeURIComponent(plan)}`),
      this.api().get<Page<DrillHistoryEntry>>(`drills?plan=${encodeURIComponent(plan)}&maxpagesize=50`),
    ]);
    byId("plan-title").textContent = `Plan ${plan}`;
    this.renderDrills(drills.body.value, definition.body.objectives.rtoSeconds);
    byId("plan").hidden = false;
  }

  hide(): void {
    this.plan = undefined;
    byId("plan").hidden = true;
  }

  private async startFailover(): Promise<void> {
    if (this.plan === undefined) return;
    const request: FailoverRequest = {
      mode: byId<HTMLSelectElement>("failover-mode").value as FailoverMode,
      reason: byId<HTMLInputElement>("failover-reason").value.trim(),
      ...(byId<HTMLInputElement>("failover-force").checked ? { force: true } : {}),
    };
    const message = byId("failover-message");
    message.textContent = "";
    try {
      const started = await this.api().post<Operation>(`plans/${encodeURIComponent(this.plan)}/failover`, request);
      this.onOperationStarted(started.body.id);
    } catch (error) {
      // A busy plan names the operation it is busy with: show that one instead of a dead end.
      if (error instanceof ApiError && error.status === 409 && error.problem?.operationId) {
        message.textContent = `${error.message} Showing the running operation.`;
        this.onOperationStarted(error.problem.operationId);
        return;
      }
      if (error instanceof ApiError) {
        message.textContent = error.message;
        return;
      }
      throw error;
    }
  }

  private async checkReadiness(): Promise<void> {
    if (this.plan === undefined) return;
    byId("readiness-score").textContent = "Checking…";
    const readiness = (await this.api().post<Readiness>(`plans/${encodeURIComponent(this.plan)}/validate`, {})).body;
    byId("readiness-score").textContent = `Readiness ${readiness.score}/100 as of ${formatTime(readiness.checkedAt)}: ${readiness.findings.length} finding(s).`;
    byId("readiness-findings").replaceChildren(
      ...readiness.findings.map((finding) =>
        el("li", { class: `finding finding-${finding.severity}` }, el("strong", {}, `${finding.severity}: `), `${finding.message}`, finding.item === undefined ? undefined : el("span", { class: "muted" }, ` (${finding.item})`)),
      ),
    );
  }

  private renderDrills(drills: DrillHistoryEntry[], rtoObjective: number): void {
    const measured = drills.filter((drill) => drill.rtoSeconds !== undefined).reverse();
    const values = measured.map((drill) => drill.rtoSeconds as number);
    byId("drill-trend").replaceChildren(
      trendChart(values, rtoObjective, `RTO of the last ${values.length} drill(s) against the objective of ${formatSeconds(rtoObjective)}`),
    );
    const rows = drills.map((drill) =>
      el(
        "tr",
        { "data-drill": drill.id },
        el("td", {}, formatTime(drill.startedAt)),
        el("td", {}, el("span", { class: `badge badge-${drill.status}` }, drillResult(drill.status))),
        el("td", {}, formatSeconds(drill.rtoSeconds)),
        el("td", {}, `${drill.itemsSucceeded}/${drill.itemsTotal}`),
        el("td", {}, `${drill.probesPassed} passed, ${drill.probesFailed} failed`),
        el("td", {}, drill.cleanup),
        el("td", {}, this.reportLink(drill)),
      ),
    );
    byId("drill-table").querySelector("tbody")?.replaceChildren(...(rows.length > 0 ? rows : [el("tr", {}, el("td", { colspan: "7" }, "No drills yet."))]));
    this.renderTiers(drills);
  }

  private renderTiers(drills: DrillHistoryEntry[]): void {
    const history = tierHistory(drills);
    if (history.drills.length === 0) {
      byId("tier-rto-body").replaceChildren(el("p", { class: "muted" }, "No drill has measured its tiers yet."));
      return;
    }
    const latest = history.drills.at(-1);
    const summary = history.tiers.map((tier, index) => `${tier} ${formatSeconds(latest?.byTier[index])}`).join(", ");
    const label = `RTO per tier over the last ${history.drills.length} drill(s), oldest to newest; the latest: ${summary}. The table below gives every figure.`;
    byId("tier-rto-body").replaceChildren(tierChart(history, label), tierTable(history));
  }

  /**
   * A plain link cannot carry the key header, and a report shown from a blob would inherit this page's strict CSP;
   * so the page fetches the self-contained report with the key and hands it over as a file download.
   */
  private reportLink(drill: DrillHistoryEntry): HTMLElement | string {
    if (drill.reportUrl === undefined) return "—";
    const button = el("button", { type: "button", class: "link" }, "Download report");
    button.setAttribute("aria-label", `Report of the drill started ${formatTime(drill.startedAt)}`);
    button.addEventListener("click", () => {
      this.openReport(drill.id).catch(this.onError);
    });
    return button;
  }

  private async openReport(id: string): Promise<void> {
    const html = await this.api().text(`drills/${encodeURIComponent(id)}/report.html`);
    const url = URL.createObjectURL(new Blob([html], { type: "text/html" }));
    const anchor = el("a", { href: url, download: `drill-${id}.html` });
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
