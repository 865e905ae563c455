// RTO per tier over the drill history: one line per tier (group), drills left to right from oldest to newest, each
// tier told apart by colour, line pattern, marker shape and its name written at the end of its line, so colour is
// never the only cue. The page puts the same figures in a table beside it for screen readers (one image here).
import { drillResult, formatSeconds, formatTime } from "./dom";
import { svgEl } from "./svg";
import type { TierHistory } from "./tier-history";

const WIDTH = 560;
const HEIGHT = 240;
const PLOT = { left: 56, right: WIDTH - 88, top: 16, bottom: 192 };
/** Beyond this many drills only the first and the last are named under the axis, so labels never overlap. */
const MAX_X_LABELS = 6;
const LABEL_GAP = 13;
const COLOURS = 6;
const DASHES = 3;
const MARKERS = 4;

export function tierChart(history: TierHistory, label: string): SVGSVGElement {
  const chart = svgEl("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: String(WIDTH), height: String(HEIGHT), role: "img", "aria-label": label, class: "tier-chart" });
  const values = history.drills.flatMap((drill) => drill.byTier.filter((value): value is number => value !== undefined));
  const top = Math.max(1, ...values) * 1.1;
  const y = (value: number): number => PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top);
  const count = history.drills.length;
  const x = (index: number): number => (count === 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + (index * (PLOT.right - PLOT.left)) / (count - 1));

  for (const tick of [0, top / 2, top]) {
    chart.append(
      svgEl("line", { x1: PLOT.left, x2: PLOT.right, y1: y(tick), y2: y(tick), class: "chart-grid" }),
      svgEl("text", { x: PLOT.left - 6, y: y(tick) + 4, "text-anchor": "end", class: "chart-text" }, formatSeconds(tick)),
    );
  }
  history.drills.forEach((drill, index) => {
    if (count > MAX_X_LABELS && index !== 0 && index !== count - 1) return;
    const anchor = count > MAX_X_LABELS ? (index === 0 ? "start" : "end") : "middle";
    chart.append(
      svgEl("text", { x: x(index), y: PLOT.bottom + 18, "text-anchor": anchor, class: "chart-text" }, shortTime(drill.startedAt)),
      svgEl("text", { x: x(index), y: PLOT.bottom + 34, "text-anchor": anchor, class: `chart-text chart-result-${drillResult(drill.status)}` }, drillResult(drill.status)),
    );
  });

  const ends: { tier: number; y: number }[] = [];
  history.tiers.forEach((tier, tierIndex) => {
    const series = svgEl("g", { class: `tier-series tier-colour-${tierIndex % COLOURS}`, "data-tier": tier });
    const points = history.drills.map((drill, index) => (drill.byTier[tierIndex] === undefined ? undefined : { x: x(index), y: y(drill.byTier[tierIndex] as number) }));
    for (const segment of segments(points)) {
      if (segment.length > 1) series.append(svgEl("polyline", { points: segment.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(" "), class: `tier-line tier-dash-${tierIndex % DASHES}` }));
    }
    history.drills.forEach((drill, index) => {
      const point = points[index];
      if (point === undefined) return;
      const title = svgEl("title", {}, `${tier}: ${formatSeconds(drill.byTier[tierIndex])} in the drill of ${formatTime(drill.startedAt)} (${drillResult(drill.status)})`);
      series.append(marker(tierIndex % MARKERS, point.x, point.y, title));
    });
    const last = points.filter((point) => point !== undefined).at(-1);
    if (last !== undefined) ends.push({ tier: tierIndex, y: last.y });
    chart.append(series);
  });
  for (const end of spreadLabels(ends)) {
    const tier = history.tiers[end.tier] as string;
    chart.append(svgEl("text", { x: PLOT.right + 10, y: end.y + 4, class: `chart-text tier-label tier-colour-${end.tier % COLOURS}`, "data-tier": tier }, tier));
  }
  return chart;
}

/** Runs of consecutive measured points: a tier a drill did not reach breaks its line instead of bridging the gap. */
function segments(points: ({ x: number; y: number } | undefined)[]): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [[]];
  for (const point of points) {
    if (point === undefined) runs.push([]);
    else runs[runs.length - 1]?.push(point);
  }
  return runs.filter((run) => run.length > 0);
}

function marker(shape: number, cx: number, cy: number, title: SVGTitleElement): SVGElement {
  const r = 4.5;
  if (shape === 0) return svgEl("circle", { cx, cy, r, class: "tier-marker" }, title);
  if (shape === 1) return svgEl("rect", { x: cx - r, y: cy - r, width: 2 * r, height: 2 * r, class: "tier-marker" }, title);
  const corners = shape === 2 ? [[0, -r - 1], [r + 1, 0], [0, r + 1], [-r - 1, 0]] : [[0, -r - 1], [r + 1, r], [-r - 1, r]];
  return svgEl("polygon", { points: corners.map(([dx, dy]) => `${(cx + (dx as number)).toFixed(1)},${(cy + (dy as number)).toFixed(1)}`).join(" "), class: "tier-marker" }, title);
}

/** Moves the tiers' end labels apart vertically where lines end close together, keeping them inside the chart. */
function spreadLabels(ends: { tier: number; y: number }[]): { tier: number; y: number }[] {
  const sorted = [...ends].sort((a, b) => a.y - b.y);
  let previous = -Infinity;
  const placed = sorted.map((end) => {
    previous = Math.max(end.y, previous + LABEL_GAP);
    return { ...end, y: previous };
  });
  const overflow = (placed.at(-1)?.y ?? 0) - PLOT.bottom;
  return overflow > 0 ? placed.map((end) => ({ ...end, y: end.y - overflow })) : placed;
}

/** Month, day and time in UTC: enough to tell drills apart under the axis. */
function shortTime(iso: string): string {
  return formatTime(iso).replace(/^\d{4}-/, "").replace(/:\d\d UTC$/, "");
}
