// The timeline chart of a drill: one row per group, probe and the cleanup, bars placed on a shared time axis from
// the first start to the last end. Plain SVG with its own styles, so the page needs nothing from outside.
import type { ReportTimeline, TimelineEntry } from "./drill-report";
import { escapeHtml } from "./html-escape";

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 160;
const CHART_WIDTH = 640;
const AXIS_HEIGHT = 24;

const FILL: Record<string, string> = {
  succeeded: "#2e7d32",
  passed: "#2e7d32",
  clean: "#1565c0",
  failed: "#c62828",
  "not clean": "#c62828",
  skipped: "#9e9e9e",
};

export function timelineSvg(timeline: ReportTimeline): string {
  const entries = timeline.entries;
  if (entries.length === 0) return `<p class="empty">Nothing ran, so there is no timeline.</p>`;
  const startMs = Math.min(...entries.map((entry) => Date.parse(entry.startedAt)));
  const endMs = Math.max(...entries.map((entry) => Date.parse(entry.endedAt)));
  const spanMs = Math.max(1, endMs - startMs);
  const x = (atMs: number): number => LABEL_WIDTH + ((atMs - startMs) / spanMs) * CHART_WIDTH;
  const height = entries.length * ROW_HEIGHT + AXIS_HEIGHT;
  const width = LABEL_WIDTH + CHART_WIDTH + 20;
  const rows = entries.map((entry, index) => row(entry, index, x)).join("");
  const minutes = spanMs / 60_000;
  const axis =
    `<line x1="${LABEL_WIDTH}" y1="${height - AXIS_HEIGHT + 4}" x2="${LABEL_WIDTH + CHART_WIDTH}" y2="${height - AXIS_HEIGHT + 4}" stroke="#555"/>` +
    `<text x="${LABEL_WIDTH}" y="${height - 4}" font-size="11">0 min</text>` +
    `<text x="${LABEL_WIDTH + CHART_WIDTH}" y="${height - 4}" font-size="11" text-anchor="end">${formatMinutes(minutes)} min</text>`;
  return (
    `<svg id="timeline" role="img" aria-label="Timeline of the drill" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>Timeline of the drill</title>${rows}${axis}</svg>`
  );
}

function row(entry: TimelineEntry, index: number, x: (atMs: number) => number): string {
  const y = index * ROW_HEIGHT;
  const left = x(Date.parse(entry.startedAt));
  const barWidth = Math.max(2, x(Date.parse(entry.endedAt)) - left);
  const label = `${entry.kind === "group" ? "group " : entry.kind === "probe" ? "probe " : ""}${entry.label}`;
  const seconds = Math.round((Date.parse(entry.endedAt) - Date.parse(entry.startedAt)) / 1000);
  const fill = FILL[entry.status] ?? "#6d4c41";
  return (
    `<g class="entry ${escapeHtml(entry.kind)}" data-kind="${escapeHtml(entry.kind)}" data-label="${escapeHtml(entry.label)}">` +
    `<text x="4" y="${y + 18}" font-size="12">${escapeHtml(truncate(label, 24))}</text>` +
    `<rect x="${left.toFixed(1)}" y="${y + 5}" width="${barWidth.toFixed(1)}" height="${ROW_HEIGHT - 10}" rx="3" fill="${fill}">` +
    `<title>${escapeHtml(label)}: ${seconds} s, ${escapeHtml(entry.status)}</title></rect></g>`
  );
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function formatMinutes(minutes: number): string {
  return minutes >= 10 ? minutes.toFixed(0) : minutes.toFixed(1);
}
