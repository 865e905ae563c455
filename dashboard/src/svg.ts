// SVG elements from attributes and text only, like `el` for HTML: charts stay within the strict CSP (classes, no
// inline styles) and names from the API cannot inject markup.
const SVG_NS = "http://www.w3.org/2000/svg";

type SvgChild = Node | string | undefined;

export function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: SvgChild[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, typeof value === "number" ? value.toFixed(1) : value);
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}
