// A small inline SVG line chart: values over time against an objective line. Drawn with SVG attributes only, so the
// strict CSP (no inline styles) holds, and labelled as one image with a text summary for screen readers.
import { svgEl } from "./svg";

const WIDTH = 120;
const HEIGHT = 32;

export function trendChart(values: readonly number[], objective: number | undefined, label: string): SVGSVGElement {
  const svg = svgEl("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: String(WIDTH), height: String(HEIGHT), role: "img", "aria-label": label, class: "trend" });
  const top = Math.max(1, ...values, objective ?? 0) * 1.1;
  const y = (value: number): number => HEIGHT - 2 - (value / top) * (HEIGHT - 4);
  if (objective !== undefined) svg.append(svgEl("line", { x1: 0, x2: WIDTH, y1: y(objective), y2: y(objective), class: "trend-objective" }));
  if (values.length > 0) {
    const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
    // A single value is drawn as a level line across the chart rather than as an invisible point.
    const points = values.length === 1 ? [`0,${y(values[0] as number).toFixed(1)}`, `${WIDTH},${y(values[0] as number).toFixed(1)}`] : values.map((value, index) => `${(index * step).toFixed(1)},${y(value).toFixed(1)}`);
    svg.append(svgEl("polyline", { points: points.join(" "), class: "trend-line" }));
  }
  return svg;
}
