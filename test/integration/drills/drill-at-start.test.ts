// The lab's start-up drill (what `npm start` runs after start-up) against a lab with no plan yet: it creates the
// shop plan from the estate, runs the drill through the API, prints each step as it happens and the report's URL.
import { startLab, type Lab } from "../../support/lab";
import { runStartupDrill } from "../../../local/lab/drill-at-start";

jest.setTimeout(600_000);

let lab: Lab;

beforeAll(async () => {
  // The lab's own allow-list admits `localhost` only; the start-up drill's probes use that name.
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOWED_HOSTS: "localhost" } });
});

afterAll(async () => {
  await lab?.stop();
});

describe("the start-up drill", () => {
  it("creates the plan, runs a passing drill with progress per step, and prints a report URL that opens", async () => {
    const lines: string[] = [];
    const outcome = await runStartupDrill({ endpoint: lab.hostUrl, key: lab.key, armEndpoint: lab.armUrl }, (line) => lines.push(line), {
      pause: () => lab.advance(30_000, { stepMs: 30_000 }).then(() => new Promise((resolve) => setTimeout(resolve, 100))),
    });
    expect(outcome).toMatchObject({ ran: true, status: "succeeded" });
    expect(lines[0]).toBe("Plan shop created from the lab's estate (groups db, app, web).");
    // Each item's test failover is shown running, then succeeded; db before web.
    const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(index(/✓ Test failover of group db .* succeeded/)).toBeGreaterThan(0);
    expect(index(/✓ Test failover of group db .* succeeded/)).toBeLessThan(index(/✓ Test failover of group web .* succeeded/));
    expect(index(/✓ db answers in the test network succeeded/)).toBeGreaterThan(index(/✓ Test failover of group web .* succeeded/));
    expect(index(/✓ Clean up test failover .* succeeded/)).toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.stringMatching(/^Drill succeeded, RTO \d+ s, cleanup succeeded$/));
    const reportLine = lines.find((line) => line.startsWith("Drill report: "));
    expect(reportLine).toBeDefined();
    const url = (reportLine as string).slice("Drill report: ".length);
    expect(url.startsWith(`${lab.hostUrl}/api/v1/drills/drill-`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<svg id="timeline"`);
  });

  it("drills the existing plan the next time, and says why when a drill cannot start", async () => {
    const lines: string[] = [];
    const first = runStartupDrill({ endpoint: lab.hostUrl, key: lab.key, armEndpoint: lab.armUrl }, (line) => lines.push(line), { pause: () => new Promise((resolve) => setTimeout(resolve, 200)), maxReads: 3 });
    expect(await first).toEqual({ ran: true, status: "running" });
    expect(lines[0]).toMatch(/^Drill of shop started: drill-/);
    const busy: string[] = [];
    const second = await runStartupDrill({ endpoint: lab.hostUrl, key: lab.key, armEndpoint: lab.armUrl }, (line) => busy.push(line));
    expect(second.ran).toBe(false);
    expect(busy[0]).toMatch(/^the drill of shop was not started: 409 /);
  });
});
