// A small inline SVG line chart: values over time against an objective line. Drawn with SVG attributes only, so the
// strict CSP (no inline styles) holds, and labelled as one image with a text summary for screen readers.
const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 120;
const HEIGHT = 32;

export function trendChart(values: readonly number[], objective: number | undefined, label: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute("width", String(WIDTH));
  svg.setAttribute("height", String(HEIGHT));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.classList.add("trend");
  const top = Math.max(1, ...values, objective ?? 0) * 1.1;
  const y = (value: number): number => HEIGHT - 2 - (value / top) * (HEIGHT - 4);
  if (objective !== undefined) {
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("x2", String(WIDTH));
    line.setAttribute("y1", y(objective).toFixed(1));
    line.setAttribute("y2", y(objective).toFixed(1));
    line.setAttribute("class", "trend-objective");
    svg.append(line);
  }
  if (values.length > 0) {
    const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
    const points = values.map((value, index) => `${(index * step).toFixed(1)},${y(value).toFixed(1)}`);
    const path = document.createElementNS(SVG, "polyline");
    path.setAttribute("points", values.length === 1 ? `0,${y(values[0] as number).toFixed(1)} ${WIDTH},${y(values[0] as number).toFixed(1)}` : points.join(" "));
    path.setAttribute("class", "trend-line");
    svg.append(path);
  }
  return svg;
}
