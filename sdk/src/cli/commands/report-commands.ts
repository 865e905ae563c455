import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DrillSummary } from "../../contract/drill.js";
import { stringValue, type Command } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { formatSeconds, table } from "../format.js";

/** The desktop's own opener: a report is a file the operator's browser shows. */
function openInBrowser(path: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [path]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", path]]
        : ["xdg-open", [path]];
  const child = spawn(command, args, { detached: true, stdio: "ignore" });
  // No opener installed is fine: the path is printed either way.
  child.on("error", () => undefined);
  child.unref();
}

export const reportCommands: Command[] = [
  {
    name: "reports list",
    synopsis: "[--plan <plan>]",
    summary: "List drills and their evidence at a glance.",
    options: { plan: { type: "string" } },
    positionals: [],
    run: async (context) => {
      const drills: DrillSummary[] = [];
      for await (const drill of context.client().listDrills({ plan: stringValue(context.values, "plan"), abortSignal: context.signal })) {
        drills.push(drill);
      }
      if (context.json) {
        context.out(JSON.stringify(drills, null, 2));
      } else {
        context.out(
          table(
            ["drill", "plan", "status", "started", "rto", "items ok", "probes ok", "cleanup"],
            drills.map((drill) => [
              drill.id,
              drill.plan,
              drill.status,
              drill.startedAt,
              formatSeconds(drill.rtoSeconds),
              `${drill.itemsSucceeded}/${drill.itemsTotal}`,
              `${drill.probesPassed}/${drill.probesPassed + drill.probesFailed}`,
              drill.cleanup,
            ]),
          ),
        );
      }
      return ExitCode.ok;
    },
  },
  {
    name: "reports open",
    synopsis: "<drill> [--output <file.html>]",
    summary: "Save a drill's HTML report (to --output or a temp file) and open it in the browser.",
    options: { output: { type: "string", short: "o" } },
    positionals: ["drill"],
    run: async (context) => {
      const drillId = context.positionals[0] as string;
      const html = await context.client().getDrillReportHtml(drillId, { abortSignal: context.signal });
      const path = resolve(stringValue(context.values, "output") ?? join(tmpdir(), `standby-drill-${drillId}.html`));
      writeFileSync(path, html);
      if (context.interactive) {
        openInBrowser(path);
      }
      context.out(context.json ? JSON.stringify({ drill: drillId, path }) : `report of drill ${drillId}: ${path}`);
      return ExitCode.ok;
    },
  },
];
