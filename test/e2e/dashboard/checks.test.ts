// The checks the dashboard's browser tests rely on, shown able to fail: the in-page accessibility check finds each
// kind of problem it looks for on a page built to have them, and the PNG reader counts the pixels really drawn.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { accessibilityProblems } from "./accessibility";
import { openBrowser, type Browser } from "./browser";
import { countColour, readPng } from "./png";

let browser: Browser;
let folder: string;

beforeAll(async () => {
  browser = await openBrowser();
  folder = mkdtempSync(join(tmpdir(), "standby-dashboard-checks-"));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

const FLAWED = `<!doctype html><html lang="en"><body>
  <section id="flawed">
    <button type="button"></button>
    <input id="unlabelled" type="text" />
    <button type="button" tabindex="-1">Hidden from the keyboard</button>
    <svg width="40" height="20"><polyline points="0,10 40,10" stroke="#dddddd" stroke-width="2" fill="none" /></svg>
    <table><thead><tr><th>No scope</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
    <p style="color: #aaaaaa">Too faint to read</p>
    <svg role="img" aria-label="A chart" width="40" height="20"><circle cx="10" cy="10" r="5" fill="#eeeeee" /></svg>
  </section>
  <section id="sound">
    <label for="named">Name</label><input id="named" type="text" />
    <button type="button">Go</button>
    <svg role="img" aria-label="A chart" width="40" height="20"><polyline points="0,10 40,10" stroke="#0b55a0" stroke-width="2" fill="none" /></svg>
    <table><caption>Figures</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
    <p style="color: #555555">Readable</p>
  </section>
</body></html>`;

it("names every kind of accessibility problem it checks for, and passes a sound part of the same page", async () => {
  await browser.page.setContent(FLAWED);
  const problems = await accessibilityProblems(browser.page, "#flawed");
  const kinds = ["no accessible name: <button>", "no accessible name: <input id=unlabelled>", "not reachable by keyboard", "chart without role=img", "table without a caption", "header without scope", "text contrast", "graphic contrast"];
  for (const kind of kinds) expect([kind, problems.some((problem) => problem.startsWith(kind))]).toEqual([kind, true]);
  expect(await accessibilityProblems(browser.page, "#sound")).toEqual([]);
  expect(await accessibilityProblems(browser.page, "#missing")).toEqual(["nothing matches #missing"]);
});

it("reads back a screenshot's pixels: a drawn square's colour, counted, and a colour not drawn, absent", async () => {
  await browser.page.setContent(`<!doctype html><html><body style="margin:0;background:#ffffff">
    <div id="box" style="width:60px;height:40px;padding:10px"><div style="width:30px;height:20px;background:#b34700"></div></div></body></html>`);
  const path = join(folder, "box.png");
  await browser.page.locator("#box").screenshot({ path });
  const picture = readPng(path);
  expect([picture.width, picture.height]).toEqual([80, 60]);
  expect(countColour(picture, [0xb3, 0x47, 0x00], 0)).toBe(30 * 20);
  expect(picture.at(15, 15)).toEqual([0xb3, 0x47, 0x00]);
  expect(picture.at(5, 5)).toEqual([255, 255, 255]);
  expect(countColour(picture, [0x0b, 0x55, 0xa0])).toBe(0);
});
