// The report page: self-contained, escaped, with one timeline bar per group, probe and the cleanup.
import { buildDrillReport } from "../../../functions/core/drill/build-report";
import { renderDrillReportHtml } from "../../../functions/core/report/report-html";
import { drillPlanFixture, evidenceFixture, min, operationFixture } from "./report-fixtures";

function page(groupName = "db"): string {
  const plan = drillPlanFixture();
  const evidence = evidenceFixture();
  (plan.groups[0] as { name: string }).name = groupName;
  (evidence.items[0] as { group: string }).group = groupName;
  const report = buildDrillReport({ plan, operation: operationFixture(), evidence, history: [], endedAtMs: min(22), reportUrl: "/r" });
  return renderDrillReportHtml(report);
}

describe("drill report page", () => {
  it("draws one bar per group, probe and cleanup on an inline SVG timeline", () => {
    const html = page();
    expect(html).toContain(`<svg id="timeline"`);
    expect(html.match(/<rect /g)).toHaveLength(4);
    expect(html.match(/data-kind="group"/g)).toHaveLength(2);
  });

  it("loads nothing from outside: no scripts, no external links or images", () => {
    const html = page();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)\s*=/i);
  });

  it("escapes names that come from the plan", () => {
    const html = page(`<script>alert(1)</script>`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("states the verdict and the measured RTO", () => {
    const html = page();
    expect(html).toContain(`class="verdict succeeded"`);
    expect(html).toContain(`<strong id="rto">1020 s</strong>`);
  });
});
