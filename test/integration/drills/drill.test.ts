// A drill of the lab's `shop` plan through the real app in the local host, against the ARM emulator and Azurite on
// a virtual clock: test failover group by group into the test network, probes against the test instances,
// cleanup verified against Site Recovery, and the evidence served by the API.
import type { Operation } from "@standby/client/contract";
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { BlobServiceClient } from "@azure/storage-blob";
import { actionsOn, drillPlan, estate, protectedItems, putPlan, recoveryPointTimes, runDrill, testInstanceProbe } from "./drill-lab";
import { openReport } from "./report-browser";

jest.setTimeout(600_000);

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "127.0.0.1" } });
});

afterAll(async () => {
  await lab?.stop();
});

interface Report {
  id: string;
  status: string;
  rtoSeconds?: number;
  cleanup: string;
  reportUrl: string;
  timeline: { startedAt?: string; recoveredAt?: string; spanSeconds?: number; entries: { kind: string; label: string; startedAt: string; endedAt: string }[] };
  groups: { name: string; durationSeconds?: number }[];
  items: { item: string; group: string; status: string; recoveryPointTime?: string; rpoSeconds?: number }[];
  probes: { name: string; passed: boolean; statusCode?: number; message?: string }[];
  cleanupVerification: { clean: boolean; verified: boolean; attempts: number; leftovers: string[] };
  failures: string[];
  steps: { id: string; item?: string; startedAt?: string }[];
  integrity: { intact: boolean; html: { sha256: string } };
}

describe("a passing drill of shop", () => {
  let operation: Operation;
  let report: Report;

  beforeAll(async () => {
    await putPlan(lab, await drillPlan(lab, { probes: [await testInstanceProbe(lab, "db"), await testInstanceProbe(lab, "web")] }));
    await lab.control("DELETE", "/_emulator/requests");
    operation = await runDrill(lab, "shop");
    const answer = await api<Report>(lab, "GET", `/drills/${operation.id}`);
    expect(answer.status).toBe(200);
    report = answer.body;
  });

  it("succeeds, with every item failed over to the test network, every probe passed and cleanup clean", () => {
    expect(operation.kind).toBe("drill");
    expect(operation.status).toBe("succeeded");
    expect(report.status).toBe("succeeded");
    expect(report.failures).toEqual([]);
    expect(report.items.length).toBeGreaterThan(0);
    expect(report.items.every((item) => item.status === "succeeded")).toBe(true);
    expect(report.probes.map((probe) => [probe.passed, probe.statusCode])).toEqual([[true, 200], [true, 200]]);
    expect(report.cleanup).toBe("succeeded");
    expect(report.cleanupVerification).toMatchObject({ clean: true, verified: true, attempts: 1, leftovers: [] });
  });

  it("sent one test failover and one cleanup per item, nothing else, and left no test failover in Site Recovery", async () => {
    const log = await lab.emulatorRequests();
    for (const item of report.items) {
      const name = item.item.split("/").pop() as string;
      expect(actionsOn(log, name)).toEqual(["testfailover", "testfailovercleanup"]);
    }
    expect(log.filter((entry) => entry.method !== "GET" && /trafficmanagerprofiles/i.test(entry.path))).toEqual([]);
    const items = await protectedItems(lab);
    expect(items.filter((item) => (item.properties.testFailoverState ?? "None") !== "None")).toEqual([]);
  });

  it("ran the groups in plan order", () => {
    const entry = (label: string) => report.timeline.entries.find((candidate) => candidate.kind === "group" && candidate.label === label);
    expect(Date.parse(entry("db")?.endedAt as string)).toBeLessThanOrEqual(Date.parse(entry("app")?.startedAt as string));
    expect(Date.parse(entry("app")?.endedAt as string)).toBeLessThanOrEqual(Date.parse(entry("web")?.startedAt as string));
  });

  it("measured an RTO equal to the timeline's span from the first test failover to the last probe", () => {
    const recovery = report.timeline.entries.filter((entry) => entry.kind !== "cleanup");
    const span = (Math.max(...recovery.map((entry) => Date.parse(entry.endedAt))) - Math.min(...recovery.map((entry) => Date.parse(entry.startedAt)))) / 1000;
    expect(span).toBeGreaterThan(0);
    expect(report.rtoSeconds).toBe(span);
    expect(report.timeline.spanSeconds).toBe(span);
    expect(operation.result?.rtoSeconds).toBe(span);
    const groupSum = report.groups.reduce((sum, group) => sum + (group.durationSeconds ?? 0), 0);
    expect(report.rtoSeconds as number).toBeGreaterThanOrEqual(groupSum);
  });

  it("reports per item a recovery point Site Recovery lists, and an RPO equal to its age when the test failover began", async () => {
    for (const item of report.items) {
      const started = report.steps.find((step) => step.id === `drill/${item.group}/items/${item.item}`)?.startedAt;
      expect(item.recoveryPointTime).toBeDefined();
      const pointMs = Date.parse(item.recoveryPointTime as string);
      expect(await recoveryPointTimes(lab, item.item)).toContain(pointMs);
      expect(item.rpoSeconds).toBe((Date.parse(started as string) - pointMs) / 1000);
    }
    expect(operation.result?.recoveryPoints.map((point) => point.item).sort()).toEqual(report.items.map((item) => item.item).sort());
  });

  it("lists the drill for its plan, with its report intact", async () => {
    const list = await api<{ value: { id: string; intact: boolean; groupRtoSeconds: Record<string, number> }[] }>(lab, "GET", "/drills?plan=shop");
    expect(list.status).toBe(200);
    const listed = list.body.value.find((entry) => entry.id === operation.id);
    expect(listed?.intact).toBe(true);
    expect(Object.keys(listed?.groupRtoSeconds ?? {}).sort()).toEqual(["app", "db", "web"]);
    expect(report.integrity.intact).toBe(true);
    const page = await api<string>(lab, "GET", `/drills/${operation.id}/report.html`);
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.headers.get("x-standby-report-intact")).toBe("true");
    expect(page.body).toContain(`<svg id="timeline"`);
    expect(page.body).not.toMatch(/(src|href)=["']?https?:/i);
  });

  it("renders in headless Chromium with the timeline visible: a bar per group, probe and cleanup, nothing loaded from elsewhere", async () => {
    const opened = await openReport(`${lab.hostUrl}${report.reportUrl}`, { "x-functions-key": lab.key });
    try {
      const { page } = opened;
      const timeline = page.locator("#timeline");
      expect(await timeline.isVisible()).toBe(true);
      const box = await timeline.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(50);
      expect(await page.locator("#timeline rect").count()).toBe(report.timeline.entries.length);
      expect(await page.locator("#timeline g[data-kind=group]").evaluateAll((groups) => groups.map((group) => group.getAttribute("data-label")))).toEqual(["db", "app", "web"]);
      // Each group's bar is painted where it is: the element at its centre is the bar itself, in the passing colour.
      for (const label of ["db", "app", "web"]) {
        const bar = page.locator(`#timeline g[data-label=${label}] rect`);
        const bounds = await bar.boundingBox();
        expect(bounds?.width).toBeGreaterThan(1);
        const [x, y] = [(bounds?.x ?? 0) + (bounds?.width ?? 0) / 2, (bounds?.y ?? 0) + (bounds?.height ?? 0) / 2];
        // Evaluated in the page (the test's own types have no DOM).
        const hit = await page.evaluate(`document.elementFromPoint(${x}, ${y})?.closest("g")?.getAttribute("data-label")`);
        expect(hit).toBe(label);
        expect(await page.evaluate(`getComputedStyle(document.querySelector('#timeline g[data-label="${label}"] rect')).fill`)).toBe("rgb(46, 125, 50)");
      }
      expect(await page.locator("#verdict").innerText()).toBe("succeeded");
      expect(opened.requests).toEqual([`${lab.hostUrl}${report.reportUrl}`]);
    } finally {
      await opened.close();
    }
  });

  it("announced the drill's verdict and report on Event Grid as Standby.Drill.Completed", async () => {
    type Recorded = { event: { type: string; source: string; subject: string; data: Record<string, unknown> } };
    // The event goes out just after the operation's last save: give the host a moment of real time.
    let mine: Recorded["event"][] = [];
    for (let attempt = 0; attempt < 50 && mine.length === 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      const events = (await lab.control<Recorded[]>("GET", "/_emulator/eventgrid/events?type=Standby.Drill.Completed")).body;
      mine = events.map((entry) => entry.event).filter((event) => event.subject === `drills/${operation.id}`);
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ source: "/standby/plans/shop", data: { drillId: operation.id, status: "succeeded", reportUrl: report.reportUrl, rtoSeconds: report.rtoSeconds } });
  });

  it("answers 404 for an unknown drill and 400 for a malformed id", async () => {
    expect((await api(lab, "GET", "/drills/drill-none")).status).toBe(404);
    expect((await api(lab, "GET", "/drills/no%20such")).status).toBe(400);
  });
});

describe("a drill whose probe fails", () => {
  let operation: Operation;
  let report: Report;

  beforeAll(async () => {
    // The web tier has no test copy in its primary region: that probe answers 503.
    await putPlan(lab, await drillPlan(lab, { probes: [await testInstanceProbe(lab, "web", "primary"), await testInstanceProbe(lab, "db")] }));
    await lab.control("DELETE", "/_emulator/requests");
    operation = await runDrill(lab, "shop");
    report = (await api<Report>(lab, "GET", `/drills/${operation.id}`)).body;
  });

  it("fails, names the probe with its answer, and still runs the other probe", () => {
    expect(operation.status).toBe("failed");
    expect(report.status).toBe("failed");
    expect(report.probes[0]).toMatchObject({ passed: false, statusCode: 503 });
    expect(report.probes[1]).toMatchObject({ passed: true, statusCode: 200 });
    expect(report.failures.some((line) => line.includes(report.probes[0]?.name as string))).toBe(true);
    expect(operation.error?.message).toContain("503");
  });

  it("still cleaned up every item, verified against Site Recovery", async () => {
    expect(report.cleanupVerification).toMatchObject({ clean: true, verified: true, leftovers: [] });
    const log = await lab.emulatorRequests();
    for (const item of report.items) expect(actionsOn(log, item.item.split("/").pop() as string)).toContain("testfailovercleanup");
    const items = await protectedItems(lab);
    expect(items.filter((item) => (item.properties.testFailoverState ?? "None") !== "None")).toEqual([]);
  });

  it("shows the failure on the report page", async () => {
    const page = await api<string>(lab, "GET", `/drills/${operation.id}/report.html`);
    expect(page.body).toContain(`class="verdict failed"`);
    expect(page.body).toContain("503");
  });
});

describe("a drill over its plan's RTO budget", () => {
  it("fails, and names the tier that got slower than the previous drill (or the slowest one)", async () => {
    await putPlan(lab, await drillPlan(lab, { probes: [await testInstanceProbe(lab, "db")], rtoBudgetSeconds: 60 }));
    const operation = await runDrill(lab, "shop");
    const report = (await api<Report & { slowerGroups: string[]; trend: { group: string; points: unknown[]; changeSeconds?: number }[] }>(lab, "GET", `/drills/${operation.id}`)).body;
    expect(report.status).toBe("failed");
    expect(operation.status).toBe("failed");
    const line = report.failures.find((failure) => failure.startsWith(`RTO ${Math.round((report.rtoSeconds as number) * 10) / 10} s is over the budget of 60 s.`));
    expect(line).toBeDefined();
    // Two earlier drills of this plan ran in this lab: every group has a history to compare with.
    expect(report.trend.every((entry) => entry.points.length === 3 && entry.changeSeconds !== undefined)).toBe(true);
    const slower = report.trend.filter((entry) => (entry.changeSeconds as number) > 0).map((entry) => entry.group);
    expect(report.slowerGroups.sort()).toEqual([...slower].sort());
    if (slower.length > 0) {
      for (const group of slower) expect(line).toContain(`${group} (+`);
    } else {
      const slowest = [...report.groups].sort((a, b) => (b.durationSeconds ?? 0) - (a.durationSeconds ?? 0))[0]?.name as string;
      expect(line).toContain(`the slowest is ${slowest}`);
    }
    // Everything else worked: the budget alone failed it.
    expect(report.failures).toEqual([line]);
  });
});

describe("a report changed in storage after the drill", () => {
  it("is reported as no longer matching its recorded hash, in the JSON and on the page", async () => {
    const list = await api<{ value: { id: string }[] }>(lab, "GET", "/drills?plan=shop");
    const id = list.body.value[0]?.id as string;
    const before = await api<Report>(lab, "GET", `/drills/${id}`);
    expect(before.body.integrity.intact).toBe(true);
    const container = BlobServiceClient.fromConnectionString(lab.storage.connectionString).getContainerClient(`${lab.storage.containerPrefix}-drills`);
    const page = await api<string>(lab, "GET", `/drills/${id}/report.html`);
    const edited = page.body.replace(/class="verdict [a-z]+"/, `class="verdict succeeded"`).replace("NOT clean", "clean") + "<!-- edited -->";
    await container.getBlockBlobClient(`reports/${id}.html`).upload(edited, Buffer.byteLength(edited), { blobHTTPHeaders: { blobContentType: "text/html; charset=utf-8" } });

    const after = await api<Report & { integrity: { json: { matches: boolean }; html: { matches: boolean } } }>(lab, "GET", `/drills/${id}`);
    expect(after.body.integrity).toMatchObject({ intact: false, json: { matches: true }, html: { matches: false } });
    const served = await api<string>(lab, "GET", `/drills/${id}/report.html`);
    expect(served.headers.get("x-standby-report-intact")).toBe("false");
    const listed = await api<{ value: { id: string; intact: boolean }[] }>(lab, "GET", "/drills?plan=shop");
    expect(listed.body.value.find((entry) => entry.id === id)?.intact).toBe(false);
  });
});

describe("the drill API refuses what it cannot do", () => {
  it("answers 409 for a plan without drill settings and 404 for an unknown plan, starting nothing", async () => {
    const view = await estate(lab);
    expect(view.protectedItems.length).toBeGreaterThan(0);
    const plain = await drillPlan(lab, { name: "nodrill", probes: [] });
    delete plain.drill;
    await putPlan(lab, plain);
    expect((await api(lab, "POST", "/plans/nodrill/drills", { json: { reason: "x" } })).status).toBe(409);
    expect((await api(lab, "POST", "/plans/absent/drills", { json: { reason: "x" } })).status).toBe(404);
    expect((await api(lab, "POST", "/plans/shop/drills", { json: { reason: 5 } })).status).toBe(400);
    const operations = await api<{ value: Operation[] }>(lab, "GET", "/operations?plan=nodrill");
    expect(operations.body.value).toEqual([]);
  });
});
