// The drill report as one self-contained HTML page: verdict first, then the timeline chart, the figures against the
// objectives, groups, items with their recovery points, probes with their answers, the cleanup check and the RTO
// trend per group. Inline styles and SVG only: no scripts, no fonts, no external assets, so the page reads the
// same offline, archived or attached to an audit.
import type { DrillReport } from "./drill-report";
import { escapeHtml as e } from "./html-escape";
import { timelineSvg } from "./timeline-svg";

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:60rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.8rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left;font-size:.9rem}
.verdict{display:inline-block;padding:.3rem .8rem;border-radius:4px;color:#fff;font-weight:bold}
.succeeded{background:#2e7d32}.failed{background:#c62828}.canceled{background:#6d4c41}.running{background:#9e9e9e}
.ok{color:#2e7d32}.bad{color:#c62828}`;

export function renderDrillReportHtml(report: DrillReport): string {
  const seconds = (value: number | undefined): string => (value === undefined ? "–" : `${Math.round(value * 10) / 10} s`);
  const mark = (passed: boolean): string => (passed ? `<span class="ok">pass</span>` : `<span class="bad">fail</span>`);
  const rows = (cells: string[][]): string => cells.map((cell) => `<tr>${cell.map((value) => `<td>${value}</td>`).join("")}</tr>`).join("");
  const head = (names: string[]): string => `<tr>${names.map((name) => `<th>${e(name)}</th>`).join("")}</tr>`;

  const failures =
    report.failures.length === 0 ? "" : `<h2>Why it did not pass</h2><ul id="failures">${report.failures.map((line) => `<li>${e(line)}</li>`).join("")}</ul>`;
  const checks = rows(report.checks.map((check) => [e(check.objective.toUpperCase()), seconds(check.measuredSeconds), `${check.limitSeconds} s`, mark(check.passed), e(check.detail)]));
  const groups = rows(report.groups.map((group) => [e(group.name), String(group.items), e(group.status), seconds(group.durationSeconds)]));
  const items = rows(
    report.items.map((item) => [e(item.item), e(item.group), e(item.status), seconds(item.durationMs === undefined ? undefined : item.durationMs / 1000), e(item.recoveryPointTime ?? "–"), seconds(item.rpoSeconds), e(item.error?.message ?? "")]),
  );
  const probes = rows(report.probes.map((probe) => [e(probe.name), e(probe.url), mark(probe.passed), probe.statusCode === undefined ? "–" : String(probe.statusCode), String(probe.attempts), e(probe.message ?? "")]));
  const cleanup = report.cleanupVerification;
  const trend = rows(report.trend.map((entry) => [e(entry.group), entry.points.map((point) => seconds(point.seconds)).join(" → ") || "–", entry.changeSeconds === undefined ? "–" : `${entry.changeSeconds > 0 ? "+" : ""}${seconds(entry.changeSeconds)}`]));

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drill ${e(report.id)} of plan ${e(report.plan)}</title><style>${STYLE}</style></head>
<body>
<h1>DR drill of plan ${e(report.plan)}</h1>
<p><span id="verdict" class="verdict ${e(report.status)}">${e(report.status)}</span>
 measured RTO <strong id="rto">${seconds(report.rtoSeconds)}</strong>, cleanup <strong id="cleanup">${cleanup.clean ? "clean" : "NOT clean"}</strong></p>
<p>Drill ${e(report.id)}, started ${e(report.startedAt)} by ${e(report.startedBy)} (${e(report.reason)}), ended ${e(report.endedAt ?? "–")}; test network ${e(report.testNetworkId)}.</p>
${failures}
<h2>Timeline</h2>
${timelineSvg(report.timeline)}
<h2>Objectives</h2>
<table>${head(["objective", "measured", "limit", "result", "detail"])}${checks}</table>
<h2>Groups</h2>
<table>${head(["group", "items", "status", "duration"])}${groups}</table>
<h2>Items</h2>
<table>${head(["item", "group", "status", "duration", "recovery point", "RPO", "error"])}${items}</table>
<h2>Probes</h2>
${report.probes.length === 0 ? "<p>The plan defines no drill probes.</p>" : `<table>${head(["probe", "url", "result", "status", "attempts", "answer"])}${probes}</table>`}
<h2>Cleanup</h2>
<p>${cleanup.clean ? "Site Recovery shows no item of the plan with a test failover." : `Left over: ${e(cleanup.leftovers.join(", ") || "unknown (not verified)")}.`}
 ${cleanup.attempts} attempt(s), verified against Site Recovery: ${cleanup.verified ? "yes" : "no"}.</p>
${cleanup.failures.length === 0 ? "" : `<ul>${cleanup.failures.map((failure) => `<li>${e(failure.item ?? "")}: ${e(failure.message)}</li>`).join("")}</ul>`}
<h2>RTO per group over drills</h2>
<table>${head(["group", "durations, oldest first", "change"])}${trend}</table>
${report.slowerGroups.length === 0 ? "" : `<p>Slower than the previous drill: <strong id="slower">${e(report.slowerGroups.join(", "))}</strong></p>`}
</body></html>
`;
}
