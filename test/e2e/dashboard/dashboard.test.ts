// The operator dashboard in headless Chromium against the lab (the real app in the local host, the ARM emulator,
// Azurite): signed out it shows only a sign-in message; signed in it shows `shop` healthy, its drill history (two
// passing drills and one failing in the app tier) with the RTO of each tier, then critical after an outage started
// with the CLI; a failover started from the page is rejected (nothing failed over), and another runs through its
// approval to success.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Operation, Page as ApiPage } from "@standby/client/contract";
import type { Page } from "playwright-core";
import { api, shopPlan } from "../../support/api-client";
import { REPO_ROOT, startLab, type Lab } from "../../support/lab";
import { accessibilityProblems } from "./accessibility";
import { openBrowser, type Browser } from "./browser";
import { countColour, parseRgb, readPng } from "./png";

jest.setTimeout(600_000);

const CLI = join(REPO_ROOT, "sdk/dist/commonjs/cli/main.js");
const MINUTE = 60_000;

let lab: Lab;
let dashboardUrl: string;
let shots: string;
/** shop as the lab serves it, with a drill schedule and approval gates before the named groups. */
let shopWithGates: (gates: Record<string, string>) => Record<string, unknown>;

const WEB_GATE = "Open the web tier in the standby region?";
const DB_GATE = "Fail over the database tier?";
const TIERS = ["db", "app", "web"];

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  dashboardUrl = `${lab.hostUrl}/api/dashboard/`;
  // STANDBY_DASHBOARD_SHOTS names a folder to keep the screenshots in for a look; otherwise they go with the run.
  shots = process.env.STANDBY_DASHBOARD_SHOTS ?? mkdtempSync(join(tmpdir(), "standby-dashboard-shots-"));
  mkdirSync(shots, { recursive: true });
  const shop = (await shopPlan(lab)) as { groups: Record<string, unknown>[] } & Record<string, unknown>;
  const estate = (await lab.control<{ testNetworkId: string }>("GET", "/_emulator/estate")).body;
  // Drills into the estate's isolated network, once a year so the scheduler starts none the test did not ask for.
  const drill = { schedule: "0 0 3 1 1 *", testNetworkId: estate.testNetworkId, probes: [] };
  shopWithGates = (gates) => ({
    ...shop,
    drill,
    groups: shop.groups.map((group) => {
      const prompt = gates[group.name as string];
      return prompt === undefined ? group : { ...group, before: [{ type: "approval", prompt, timeoutMinutes: 120, onTimeout: "reject" }] };
    }),
  });
  // The web tier waits for a person: a failover stops at the gate until someone decides on the page.
  expect((await api(lab, "PUT", "/plans/shop", { json: shopWithGates({ web: WEB_GATE }) })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
  if (shots && process.env.STANDBY_DASHBOARD_SHOTS === undefined) rmSync(shots, { recursive: true, force: true });
});

/**
 * Moves the lab's clock a minute at a time (the health sweep fires each minute, ASR jobs progress) until the page
 * shows `selector`. The page polls every 5 s (the API's Retry-After for operations), so each step looks briefly and
 * the clock moves on; once the minutes are spent, one last longer look.
 */
async function advanceUntil(page: Page, selector: string, what: string, minutes = 10): Promise<void> {
  const shows = (timeout: number): Promise<boolean> => page.waitForSelector(selector, { state: "attached", timeout }).then(() => true, () => false);
  for (let minute = 0; minute < minutes; minute++) {
    await lab.advance(MINUTE);
    if (await shows(2_500)) return;
  }
  if (await shows(15_000)) return;
  const shown = await Promise.all(["estate-status", "operation-summary", "approval-message", "failover-message"].map(async (id) => `#${id}: ${await page.locator(`#${id}`).textContent()}`));
  throw new Error(`the page never showed ${what}; it shows:\n${shown.join("\n")}\nhost output:\n${lab.hostOutput().slice(-1500)}`);
}

/** A PNG written by the browser: the signature and a non-empty size in its header. */
function expectPng(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  expect(size.width).toBeGreaterThan(0);
  expect(size.height).toBeGreaterThan(0);
  return size;
}

/** The colours of `selector` elements' text, as the page computed them. */
async function coloursOf(page: Page, selector: string): Promise<[number, number, number][]> {
  return (await page.locator(selector).evaluateAll((elements) => elements.map((element) => getComputedStyle(element).color))).map(parseRgb);
}

/** Starts a drill of shop through the API and moves the clock until it ends. */
async function runDrill(reason: string): Promise<Operation> {
  const started = await api<Operation>(lab, "POST", "/plans/shop/drills", { json: { reason } });
  expect(started.status).toBe(202);
  for (let step = 0; step < 120; step++) {
    await lab.advance(30_000);
    const now = (await api<Operation>(lab, "GET", `/operations/${started.body.id}`)).body;
    if (["succeeded", "failed", "canceled"].includes(now.status)) return now;
  }
  throw new Error(`drill ${started.body.id} did not end`);
}

/** Failover, commit and reverse-replication actions on protected items or recovery plans: what a drill never does. */
function failoverActions(log: { method: string; path: string }[]): { method: string; path: string }[] {
  return log.filter((entry) => entry.method === "POST" && /\/(plannedFailover|unplannedFailover|failoverCommit|reProtect)$/i.test(entry.path));
}

function trafficChanges(log: { method: string; path: string }[]): { method: string; path: string }[] {
  return log.filter((entry) => (entry.method === "PATCH" || entry.method === "PUT") && /trafficmanagerprofiles/i.test(entry.path));
}

function dataCalls(browser: Browser): { url: string; status: number; keyed: boolean }[] {
  return browser.responses.filter((response) => new URL(response.url).pathname.startsWith("/api/v1/"));
}

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", STANDBY_ENDPOINT: lab.hostUrl, STANDBY_KEY: lab.key, STANDBY_ARM_ENDPOINT: lab.armUrl } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("the dashboard's files", () => {
  it("are served anonymously with their content types and a strict CSP", async () => {
    const page = await fetch(dashboardUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="\.\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    // No asset from anywhere but this origin.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await fetch(`${dashboardUrl}${script}`)).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect((await fetch(`${dashboardUrl}${style}`)).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("redirects the bare route to the folder form and serves nothing outside the built folder", async () => {
    const bare = await fetch(`${lab.hostUrl}/api/dashboard`, { redirect: "manual" });
    expect(bare.status).toBe(308);
    expect(bare.headers.get("location")).toBe("/api/dashboard/");
    for (const path of ["..%2F..%2Fpackage.json", "%2E%2E/functions/index.js", ".vite/manifest.json", "assets/missing.js", "index.ts"]) {
      const answer = await fetch(`${dashboardUrl}${path}`);
      expect([answer.status, path]).toEqual([404, path]);
    }
  });
});

describe("without credentials", () => {
  it("shows a sign-in message and no data, and makes no data call", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(dashboardUrl, { waitUntil: "load" });
      await page.waitForSelector("#sign-in:not([hidden])");
      expect(await page.textContent("#sign-in-message")).toContain("Sign in with the function key");
      expect(await page.isVisible("#estate")).toBe(false);
      expect(await page.isVisible("#operation")).toBe(false);
      expect(await page.locator("[data-plan]").count()).toBe(0);
      expect(await page.isVisible("label[for=key-input]")).toBe(true);
      expect(await accessibilityProblems(page, "body")).toEqual([]);
      // A moment for any call the page might make on its own.
      await page.waitForTimeout(2_000);
      expect(dataCalls(browser)).toEqual([]);
      await page.screenshot({ path: join(shots, "signed-out.png"), fullPage: true });
      expectPng(join(shots, "signed-out.png"));
    } finally {
      await browser.close();
    }
  });

  it("signs in from the keyboard alone, and goes back to the sign-in message when the key is refused, having shown no data", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(dashboardUrl, { waitUntil: "load" });
      // The page puts the focus on the labelled key field; typing and Enter submit the form.
      expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("key-input");
      await page.keyboard.type("not-the-key");
      await page.keyboard.press("Enter");
      await page.locator("#sign-in-message", { hasText: "not accepted" }).waitFor();
      expect(await page.isVisible("#estate")).toBe(false);
      expect(await page.locator("[data-plan]").count()).toBe(0);
      // The refused key is forgotten.
      expect(await page.evaluate("window.sessionStorage.length")).toBe(0);
      const calls = dataCalls(browser);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((call) => call.status === 401)).toBe(true);
    } finally {
      await browser.close();
    }
  });
});

describe("signed in on the lab", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens shop from the estate and starts an unplanned failover on the page; the page shows it at once. */
  async function startUnplannedFailover(reason: string): Promise<string> {
    await page.getByRole("button", { name: "shop", exact: true }).click();
    await page.waitForSelector("#plan:not([hidden])");
    await page.selectOption("#failover-mode", "unplanned");
    await page.fill("#failover-reason", reason);
    // The source region is gone and its RPO keeps growing: the operator accepts the data loss.
    await page.getByLabel("Force: accept data loss beyond the RPO objective").check();
    await page.getByRole("button", { name: "Start failover" }).click();
    await page.waitForSelector("#operation[data-operation]");
    const id = (await page.getAttribute("#operation", "data-operation")) as string;
    expect(new URL(page.url()).searchParams.get("operation")).toBe(id);
    return id;
  }

  it("takes the key from the fragment, drops it from the address, and shows shop healthy", async () => {
    await page.goto(`${dashboardUrl}#key=${encodeURIComponent(lab.key)}`, { waitUntil: "load" });
    expect(new URL(page.url()).hash).toBe("");
    await page.waitForSelector("tr[data-plan=shop]");
    await advanceUntil(page, "tr[data-plan=shop][data-health=healthy]", "shop healthy");
    const row = page.locator("tr[data-plan=shop]");
    expect(await row.locator(".badge").textContent()).toBe("healthy");
    expect(await row.locator("svg.trend[role=img]").getAttribute("aria-label")).toContain("objective 15 min");
    expect(await page.isVisible("#sign-in")).toBe(false);
    expect(await accessibilityProblems(page, "body")).toEqual([]);
    await page.screenshot({ path: join(shots, "estate-healthy.png"), fullPage: true });
    expectPng(join(shots, "estate-healthy.png"));
    await row.screenshot({ path: join(shots, "shop-healthy-row.png") });
    expectPng(join(shots, "shop-healthy-row.png"));
    // Every data call carried the key, and none went anywhere but this origin.
    expect(dataCalls(browser).every((call) => call.keyed && call.status === 200)).toBe(true);
    expect(browser.responses.every((response) => new URL(response.url).origin === lab.hostUrl)).toBe(true);
  });

  it("shows a plan's drill history: pass/fail, RTO per tier over three drills as a chart and a table, reports by keyboard, and readiness", async () => {
    expect((await runDrill("dashboard drill 1")).status).toBe("succeeded");
    expect((await runDrill("dashboard drill 2")).status).toBe("succeeded");
    // The third drill fails in the app tier, so it never reaches web: a gap in that tier's line and a "fail".
    const estate = (await lab.control<{ protectedItems: { vmName: string; tier: string }[] }>("GET", "/_emulator/estate")).body;
    const appVm = estate.protectedItems.find((item) => item.tier === "app")?.vmName as string;
    expect((await lab.control("POST", "/_emulator/faults", { failJobs: { items: [appVm], code: "70038", message: "The test VM could not be started." } })).status).toBe(200);
    try {
      expect((await runDrill("dashboard drill 3")).status).toBe("failed");
    } finally {
      expect((await lab.control("POST", "/_emulator/faults", {})).status).toBe(200);
    }
    type Listed = { id: string; status: string; rtoSeconds?: number; groupRtoSeconds: Record<string, number> };
    const listed = (await api<{ value: Listed[] }>(lab, "GET", "/drills?plan=shop")).body.value;
    expect(listed.map((drill) => drill.status)).toEqual(["failed", "succeeded", "succeeded"]);
    for (const drill of listed.slice(1)) expect(Object.keys(drill.groupRtoSeconds).sort()).toEqual([...TIERS].sort());
    expect(listed[0]?.groupRtoSeconds.web).toBeUndefined();
    const measuredOverall = listed.filter((drill) => drill.rtoSeconds !== undefined).length;

    await page.getByRole("button", { name: "shop", exact: true }).click();
    await page.waitForSelector("#plan:not([hidden])");
    expect(new URL(page.url()).searchParams.get("plan")).toBe("shop");
    const row = page.locator("#drill-table tr[data-drill]");
    await row.nth(2).waitFor();
    expect(await row.count()).toBe(3);
    expect(await row.locator(".badge").allTextContents()).toEqual(["fail", "pass", "pass"]);
    expect(await page.getAttribute("#drill-trend svg", "aria-label")).toContain(`RTO of the last ${measuredOverall} drill(s)`);

    // The chart: one series per tier, a marker per drill that measured the tier, lines between consecutive ones,
    // the tier's name at its end, and each drill's result under the axis.
    const chart = page.locator("#tier-rto svg[role=img]");
    expect(await chart.getAttribute("aria-label")).toMatch(/^RTO per tier over the last 3 drill\(s\), oldest to newest; the latest: db .+, app .+, web —\./);
    expect(await chart.locator("g.tier-series").evaluateAll((groups) => groups.map((group) => group.getAttribute("data-tier")))).toEqual(TIERS);
    for (const tier of TIERS) {
      const series = chart.locator(`g.tier-series[data-tier=${tier}]`);
      const measured = listed.filter((drill) => drill.groupRtoSeconds[tier] !== undefined).length;
      expect([tier, await series.locator(".tier-marker").count(), await series.locator("polyline").count()]).toEqual([tier, measured, 1]);
      expect(await chart.locator(`text.tier-label[data-tier=${tier}]`).textContent()).toBe(tier);
    }
    expect(await chart.locator("text.chart-result-fail").allTextContents()).toEqual(["fail"]);
    expect(await chart.locator("text.chart-result-pass").count()).toBe(2);
    // The table below it holds the same figures as the API, oldest drill first; a tier not reached shows a dash.
    const tableRows = page.locator("#tier-rto-table tbody tr");
    expect(await tableRows.evaluateAll((rows) => rows.map((tableRow) => tableRow.getAttribute("data-drill")))).toEqual(listed.map((drill) => drill.id).reverse());
    for (const drill of listed) {
      const cells = page.locator(`#tier-rto-table tr[data-drill="${drill.id}"] td[data-tier]`);
      const shown = await cells.evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-tier"), td.getAttribute("data-seconds"), td.textContent]));
      expect(shown).toEqual(TIERS.map((tier) => [tier, drill.groupRtoSeconds[tier] === undefined ? null : String(drill.groupRtoSeconds[tier]), drill.groupRtoSeconds[tier] === undefined ? "—" : expect.stringMatching(/^\d+(\.\d)? (s|min|h)$/)]));
    }
    expect(await page.textContent("#tier-rto-table caption")).toBe("RTO per tier in each drill, oldest first");

    // The picture: each tier's own colour is drawn (markers, line, label), and the three colours differ.
    await chart.screenshot({ path: join(shots, "tier-rto.png") });
    const picture = readPng(join(shots, "tier-rto.png"));
    expect(picture.width).toBeGreaterThan(300);
    const colours = await coloursOf(page, "#tier-rto g.tier-series");
    expect(new Set(colours.map((colour) => colour.join())).size).toBe(TIERS.length);
    for (const [index, colour] of colours.entries()) expect([TIERS[index], countColour(picture, colour) >= 60]).toEqual([TIERS[index], true]);
    expect(countColour(picture, [255, 255, 255])).toBeGreaterThan((picture.width * picture.height) / 2);

    // From the keyboard alone: Tab from the readiness button reaches a report, Enter downloads it.
    await page.locator("#check-readiness").focus();
    let onReport = false;
    for (let press = 0; press < 20 && !onReport; press++) {
      await page.keyboard.press("Tab");
      onReport = await page.evaluate("(document.activeElement?.getAttribute('aria-label') ?? '').startsWith('Report of the drill')");
    }
    expect(onReport).toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toMatch(/^drill-.+\.html$/);
    expect(readFileSync(await download.path(), "utf8")).toContain("<html");

    await page.getByRole("button", { name: "Check readiness" }).click();
    await page.locator("#readiness-score", { hasText: /^Readiness \d+\/100/ }).waitFor();
    expect(await accessibilityProblems(page, "#plan")).toEqual([]);
    await page.locator("#plan").screenshot({ path: join(shots, "plan.png") });
    expectPng(join(shots, "plan.png"));
  });

  it("turns shop critical after an outage started with the CLI", async () => {
    const outage = await runCli(["lab", "outage", "eastus"]);
    expect([outage.code, outage.output]).toEqual([0, expect.stringContaining("eastus")]);
    await advanceUntil(page, "tr[data-plan=shop][data-health=critical]", "shop critical");
    expect(await page.locator("tr[data-plan=shop] .badge").textContent()).toBe("critical");
    await page.locator("tr[data-plan=shop]").screenshot({ path: join(shots, "shop-critical-row.png") });
    expectPng(join(shots, "shop-critical-row.png"));
  });

  it("starts a failover that waits for approval, is rejected by a click, and ends failed as the API says, with nothing failed over", async () => {
    // A gate before the first tier: a rejection there must leave every item where it was.
    expect((await api(lab, "PUT", "/plans/shop", { json: shopWithGates({ db: DB_GATE, web: WEB_GATE }) })).status).toBe(200);
    try {
      const id = await startUnplannedFailover("eastus is down, maybe");
      await advanceUntil(page, "#approval:not([hidden])", "the pending approval", 40);
      expect(await page.textContent("#approval-prompt")).toContain(DB_GATE);
      await page.getByLabel("Comment (optional)").fill("the primary may come back");
      await page.getByRole("button", { name: "Reject" }).click();
      await advanceUntil(page, "#operation[data-status=failed]", "the failover failed on the rejection", 10);

      // The API's account: failed on the rejection, recorded with the comment.
      const operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
      expect(operation.status).toBe("failed");
      expect(operation.error?.code).toBe("ApprovalRejected");
      expect(operation.approvals).toEqual([expect.objectContaining({ decision: "rejected", comment: "the primary may come back" })]);
      // The page's: the same status and decision in words, the gate gone, no tier shown as done.
      expect(await page.isVisible("#approval")).toBe(false);
      expect(await page.textContent("#approval-message")).toBe("Rejected.");
      expect(await page.textContent("#operation-summary")).toContain(`Failed: `);
      expect(await page.textContent("#operation-summary")).toContain(operation.error?.message as string);
      expect(await page.textContent("#approval-log li[data-decision=rejected]")).toMatch(/^Rejected by .+: the primary may come back$/);
      const groups = Object.fromEntries(await page.locator("#timeline > li").evaluateAll((items) => items.map((item) => [item.getAttribute("data-group"), item.getAttribute("data-status")])));
      expect(groups).toMatchObject({ app: "skipped", web: "skipped" });
      expect(Object.values(groups)).not.toContain("succeeded");

      // Nothing was failed over and traffic never moved; the drills' test failovers show the log sees item actions.
      const log = await lab.emulatorRequests();
      expect(log.some((entry) => entry.method === "POST" && /\/testFailover$/i.test(entry.path))).toBe(true);
      expect(failoverActions(log)).toEqual([]);
      expect(trafficChanges(log)).toEqual([]);

      await page.locator("#operation").screenshot({ path: join(shots, "rejected.png") });
      const picture = readPng(join(shots, "rejected.png"));
      const [rejectedRed] = await coloursOf(page, "#approval-log .badge-rejected");
      expect(countColour(picture, rejectedRed as [number, number, number])).toBeGreaterThan(20);
      expect(await accessibilityProblems(page, "#operation")).toEqual([]);
    } finally {
      expect((await api(lab, "PUT", "/plans/shop", { json: shopWithGates({ web: WEB_GATE }) })).status).toBe(200);
    }
  });

  it("starts a failover that waits for approval, is approved by a click, and fills the timeline to success", async () => {
    const id = await startUnplannedFailover("eastus is down");

    await advanceUntil(page, "#approval:not([hidden])", "the pending approval", 40);
    expect(await page.getAttribute("#operation", "data-status")).toBe("waitingForApproval");
    // Nothing typed for the rejected operation carries over to this one.
    expect(await page.inputValue("#approval-comment")).toBe("");
    expect(await page.textContent("#approval-prompt")).toContain(WEB_GATE);
    expect(await page.getAttribute("li[data-group=db]", "data-status")).toBe("succeeded");
    expect(await page.getAttribute("li[data-group=web]", "data-status")).not.toBe("succeeded");
    await page.screenshot({ path: join(shots, "waiting-for-approval.png"), fullPage: true });
    expectPng(join(shots, "waiting-for-approval.png"));
    await page.locator("#approval").screenshot({ path: join(shots, "approval.png") });
    expectPng(join(shots, "approval.png"));

    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForSelector("#approval[hidden]", { state: "attached" });
    await advanceUntil(page, "#operation[data-status=succeeded]", "the failover succeeded", 40);
    const groups = await page.locator("#timeline > li").evaluateAll((items) => items.map((item) => [item.getAttribute("data-group"), item.getAttribute("data-status")]));
    expect(groups).toEqual(expect.arrayContaining([["db", "succeeded"], ["app", "succeeded"], ["web", "succeeded"]]));
    expect(await page.textContent("#operation-summary")).toMatch(/^Succeeded: (\d+) of \1 steps finished\. Measured RTO/);
    expect(await page.getAttribute("#operation-progress", "value")).toBe(await page.getAttribute("#operation-progress", "max"));
    await page.locator("#timeline").screenshot({ path: join(shots, "timeline-succeeded.png") });
    expectPng(join(shots, "timeline-succeeded.png"));

    // The page's picture matches the API's: the approval was recorded, as the signed-in key.
    const operation = (await api<Operation>(lab, "GET", `/operations/${id}`)).body;
    expect(operation.status).toBe("succeeded");
    expect(operation.approvals?.map((approval) => approval.decision)).toEqual(["approved"]);
    expect(await page.textContent("#approval-log li[data-decision=approved]")).toMatch(/^Approved by .+ at .+ UTC$/);
    expect(await accessibilityProblems(page, "#operation")).toEqual([]);
    const listed = (await api<ApiPage<Operation>>(lab, "GET", "/operations?plan=shop")).body.value;
    expect(listed.map((entry) => entry.id)).toContain(id);
    expect(browser.consoleErrors).toEqual([]);
    expect(browser.responses.filter((response) => response.status >= 400)).toEqual([]);
  });
});
