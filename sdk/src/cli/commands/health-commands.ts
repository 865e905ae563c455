import type { PlanHealth } from "../../contract/health.js";
import type { Command } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { formatSeconds, table } from "../format.js";

function rpoCell(health: PlanHealth): string {
  return `${formatSeconds(health.worstRpoSeconds)} / ${formatSeconds(health.rpoObjectiveSeconds)}`;
}

function asOfCell(health: PlanHealth): string {
  return health.asOf === null ? "never swept" : `${health.asOf} (${formatSeconds(health.ageSeconds)} ago)`;
}

export const healthCommands: Command[] = [
  {
    name: "health",
    synopsis: "[<plan>]",
    summary: "Replication health: one line per plan (worst RPO vs objective), or per item of one plan.",
    options: {},
    positionals: [],
    optionalPositionals: ["plan"],
    run: async (context) => {
      const planName = context.positionals[0];
      if (planName !== undefined) {
        const health = await context.client().getPlanHealth(planName, { abortSignal: context.signal });
        if (context.json) {
          context.out(JSON.stringify(health, null, 2));
        } else {
          context.out(`plan ${health.plan}: ${health.status}, worst RPO ${rpoCell(health)}, as of ${asOfCell(health)}`);
          context.out(
            table(
              ["item", "status", "replication", "rpo", "problems"],
              health.items.map((item) => [
                item.item,
                item.status,
                item.replicationHealth,
                formatSeconds(item.rpoSeconds),
                (item.problems ?? []).join("; ") || "-",
              ]),
            ),
          );
        }
        return ExitCode.ok;
      }
      const estate = await context.client().getHealth({ abortSignal: context.signal });
      if (context.json) {
        context.out(JSON.stringify(estate, null, 2));
      } else {
        context.out(
          table(
            ["plan", "status", "worst rpo / objective", "items", "as of"],
            estate.plans.map((health) => [health.plan, health.status, rpoCell(health), String(health.items.length), asOfCell(health)]),
          ),
        );
      }
      return ExitCode.ok;
    },
  },
];
