// Accessibility checks run in the page on one part of it: every control has a name and is reachable by keyboard,
// every chart is an image with a text name, every table has a caption and scoped headers, text has AA contrast
// against what is behind it, and chart lines and markers have 3:1 against the white page (non-text contrast).
import type { Page } from "playwright-core";

/** Problems found under `selector`, each naming the element; an empty list is a pass. */
export function accessibilityProblems(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(inPage, selector);
}

// Runs inside the browser: self-contained, it may use nothing from this module.
function inPage(selector: string): string[] {
  const problems: string[] = [];
  const root = document.querySelector(selector);
  if (root === null) return [`nothing matches ${selector}`];
  const identify = (element: Element): string => `<${element.tagName.toLowerCase()}${element.id ? ` id=${element.id}` : ""}${element.getAttribute("class") ? ` class="${element.getAttribute("class")}"` : ""}> "${(element.textContent ?? "").trim().slice(0, 40)}"`;
  const shown = (element: Element): boolean => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const byIds = (ids: string | null): string => (ids ?? "").split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ").trim();
  const nameOf = (element: Element): string => {
    const labelled = (element.getAttribute("aria-label") ?? "").trim() || byIds(element.getAttribute("aria-labelledby"));
    if (labelled !== "") return labelled;
    const labels = (element as HTMLInputElement).labels;
    if (labels && labels.length > 0) return [...labels].map((label) => label.textContent ?? "").join(" ").trim();
    return element.tagName === "BUTTON" ? (element.textContent ?? "").trim() : "";
  };

  for (const control of root.querySelectorAll("button, input:not([type=hidden]), select, textarea, a[href]")) {
    if (!shown(control)) continue;
    if (nameOf(control) === "") problems.push(`no accessible name: ${identify(control)}`);
    if ((control as HTMLElement).tabIndex < 0) problems.push(`not reachable by keyboard: ${identify(control)}`);
  }
  for (const image of root.querySelectorAll("svg")) {
    if (!shown(image)) continue;
    if (image.getAttribute("role") !== "img" || nameOf(image) === "") problems.push(`chart without role=img and a name: ${identify(image)}`);
  }
  for (const table of root.querySelectorAll("table")) {
    if (!shown(table)) continue;
    if ((table.caption?.textContent ?? "").trim() === "") problems.push(`table without a caption: ${identify(table)}`);
    for (const header of table.querySelectorAll("th")) if (!["col", "row"].includes(header.getAttribute("scope") ?? "")) problems.push(`header without scope: ${identify(header)}`);
  }

  const rgb = (css: string): [number, number, number, number] | undefined => {
    const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css);
    return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])];
  };
  const luminance = ([r, g, b]: number[]): number => {
    const linear = [r, g, b].map((channel) => {
      const c = (channel as number) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (linear[0] as number) + 0.7152 * (linear[1] as number) + 0.0722 * (linear[2] as number);
  };
  const contrast = (a: number[], b: number[]): number => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  const background = (element: Element | null): number[] => {
    for (let current = element; current !== null; current = current.parentElement) {
      const colour = rgb(getComputedStyle(current).backgroundColor);
      if (colour !== undefined && colour[3] === 1) return colour.slice(0, 3);
    }
    return [255, 255, 255];
  };

  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const element = node.parentElement;
    if (element === null || (node.textContent ?? "").trim() === "" || !shown(element) || element.closest("title, button:disabled") !== null) continue;
    const style = getComputedStyle(element);
    const colour = rgb(element instanceof SVGElement ? style.fill : style.color);
    if (colour === undefined) continue;
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const ratio = contrast(colour, background(element));
    if (ratio < (large ? 3 : 4.5)) problems.push(`text contrast ${ratio.toFixed(2)}:1: ${identify(element)}`);
  }
  for (const mark of root.querySelectorAll("svg polyline, svg circle, svg rect, svg polygon")) {
    const style = getComputedStyle(mark);
    const paint = rgb(mark.tagName === "polyline" ? style.stroke : style.fill);
    if (paint === undefined) continue;
    const ratio = contrast(paint, background(mark.closest("svg")));
    if (ratio < 3) problems.push(`graphic contrast ${ratio.toFixed(2)}:1: ${identify(mark)}`);
  }
  return problems;
}
