// Reading drill evidence: the list (newest first, optionally one plan's), one drill's report with the integrity
// check of its stored documents, and the HTML page itself. A drill still running has no report yet; it is shown
// from its operation, so a client that just started one can follow it here too.
import type { DrillSummary, Operation } from "@standby/client/contract";
import { DomainError } from "../../core/errors";
import type { DrillReportStore, StoredReport } from "../../activities/reports/report-store";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import type { ApiRequest } from "../api-types";
import { nextLink, optionalPlanQuery, pageQuery } from "../request-input";
import { loadOperation } from "./operations";

export type DrillReadDependencies = ApiDependencies & { reports: Pick<DrillReportStore, "get" | "getHtml" | "list"> };
export type DrillRouteHandler = (request: ApiRequest, deps: DrillReadDependencies) => ReturnType<RouteHandler>;

const DRILL_ID = /^[A-Za-z0-9_-]{1,63}$/;

/** The page may show only its own inline styles and SVG: nothing is fetched from anywhere. */
const REPORT_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const listDrills: DrillRouteHandler = async (request, deps) => {
  const plan = optionalPlanQuery(request);
  const page = await deps.reports.list({ ...pageQuery(request), ...(plan ? { plan } : {}) });
  const link = nextLink(request, page.continuationToken);
  return { status: 200, body: { value: page.reports.map(summaryOf), ...(link ? { nextLink: link } : {}) } };
};

export const getDrill: DrillRouteHandler = async (request, deps) => {
  const id = drillIdParam(request);
  const stored = await deps.reports.get(id);
  if (stored !== undefined) return { status: 200, body: { ...stored.report, integrity: stored.integrity } };
  const operation = await runningDrill(id, deps);
  return { status: 200, headers: { "Retry-After": "5" }, body: runningSummary(operation) };
};

export const getDrillReport: DrillRouteHandler = async (request, deps) => {
  const id = drillIdParam(request);
  const stored = await deps.reports.getHtml(id);
  if (stored === undefined) throw drillNotFound(id);
  return {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": REPORT_PAGE_POLICY,
      "X-Content-Type-Options": "nosniff",
      "X-Standby-Report-Sha256": stored.integrity.html.sha256,
      "X-Standby-Report-Intact": String(stored.integrity.intact),
    },
    body: stored.html,
  };
};

/** The list entry: the contract's summary, the integrity verdict and the RTO of each group (the trend's data). */
function summaryOf({ report, integrity }: StoredReport): DrillSummary & { intact: boolean; groupRtoSeconds: Record<string, number> } {
  const groupRtoSeconds: Record<string, number> = {};
  for (const group of report.groups) if (group.durationSeconds !== undefined) groupRtoSeconds[group.name] = group.durationSeconds;
  return {
    id: report.id,
    plan: report.plan,
    operationId: report.operationId,
    status: report.status,
    startedAt: report.startedAt,
    ...(report.endedAt === undefined ? {} : { endedAt: report.endedAt }),
    ...(report.rtoSeconds === undefined ? {} : { rtoSeconds: report.rtoSeconds }),
    itemsTotal: report.itemsTotal,
    itemsSucceeded: report.itemsSucceeded,
    probesPassed: report.probesPassed,
    probesFailed: report.probesFailed,
    cleanup: report.cleanup,
    ...(report.reportUrl === undefined ? {} : { reportUrl: report.reportUrl }),
    intact: integrity.intact,
    groupRtoSeconds,
  };
}

async function runningDrill(id: string, deps: DrillReadDependencies): Promise<Operation> {
  let operation: Operation;
  try {
    operation = await loadOperation(id, deps);
  } catch (error) {
    if (error instanceof DomainError && error.code === "OperationNotFound") throw drillNotFound(id);
    throw error;
  }
  if (operation.kind !== "drill") throw drillNotFound(id);
  return operation;
}

function runningSummary(operation: Operation): DrillSummary & { items: []; probes: [] } {
  const items = operation.steps.filter((step) => step.item !== undefined && step.id.endsWith(`/items/${step.item}`));
  return {
    id: operation.id,
    plan: operation.plan,
    operationId: operation.id,
    status: operation.status === "waitingForApproval" ? "running" : operation.status,
    startedAt: operation.createdAt,
    itemsTotal: items.length,
    itemsSucceeded: items.filter((step) => step.status === "succeeded").length,
    probesPassed: 0,
    probesFailed: 0,
    cleanup: "pending",
    items: [],
    probes: [],
  };
}

function drillIdParam(request: ApiRequest): string {
  const id = request.params.drillId ?? "";
  if (!DRILL_ID.test(id)) {
    throw new DomainError("RequestInvalid", "That is not a drill id.", { errors: [{ pointer: "", message: "A drill id is 1 to 63 letters, digits, '-' or '_'." }] });
  }
  return id;
}

function drillNotFound(id: string): DomainError {
  return new DomainError("OperationNotFound", `Drill "${id}" does not exist.`);
}
