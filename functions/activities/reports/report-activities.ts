// The report activity: at the end of a drill, read the plan's earlier drills, build the report (core), render the
// HTML page (core) and store both with their hashes. Running it twice writes the same report again.
import { API_BASE_PATH } from "@standby/client/contract";
import { buildDrillReport } from "../../core/drill/build-report";
import type { PastDrill } from "../../core/drill/trend";
import { renderDrillReportHtml } from "../../core/report/report-html";
import type { SaveDrillReportInput, SavedDrillReport } from "../drill/drill-contracts";
import type { DrillReportStore } from "./report-store";

/** How many earlier drills the trend looks back on. */
export const TREND_DEPTH = 20;

export interface ReportActivities {
  saveDrillReport(input: SaveDrillReportInput): Promise<SavedDrillReport>;
}

export function drillReportUrl(drillId: string): string {
  return `${API_BASE_PATH}/drills/${drillId}/report.html`;
}

export function createReportActivities(deps: { reports: Pick<DrillReportStore, "save" | "list"> }): ReportActivities {
  return {
    async saveDrillReport(input) {
      const earlier = await deps.reports.list({ plan: input.plan.name, maxPageSize: TREND_DEPTH });
      const history: PastDrill[] = earlier.reports.map(({ report }) => ({ drillId: report.id, startedAt: report.startedAt, groups: report.groups }));
      const report = buildDrillReport({ ...input, history, reportUrl: drillReportUrl(input.operation.id) });
      await deps.reports.save(report, renderDrillReportHtml(report));
      return {
        status: report.status === "running" ? "failed" : report.status,
        failures: report.failures,
        reportUrl: report.reportUrl as string,
        ...(report.rtoSeconds === undefined ? {} : { rtoSeconds: report.rtoSeconds }),
      };
    },
  };
}
