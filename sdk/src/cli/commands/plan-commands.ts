import { readFileSync } from "node:fs";
import type { Plan } from "../../contract/plan.js";
import type { PlanImportFinding } from "../../contract/plan-import-result.js";
import { UsageError, stringValue, type Command } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { table } from "../format.js";

function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || typeof (parsed as Plan).name !== "string") {
    throw new UsageError(`${path} must hold a plan: a JSON object with a "name"`);
  }
  return parsed as Plan;
}

/** Where a finding is: always in the recovery plan, and in the plan when something was carried over. */
function findingPlace(finding: PlanImportFinding): string {
  const inPlan = finding.pointer === undefined ? "" : `, plan ${finding.pointer}`;
  return `(recovery plan ${finding.recoveryPlanPointer}${inPlan})`;
}

export const planCommands: Command[] = [
  {
    name: "plans list",
    synopsis: "",
    summary: "List the plans.",
    options: {},
    positionals: [],
    run: async (context) => {
      const plans: Plan[] = [];
      for await (const plan of context.client().listPlans({ abortSignal: context.signal })) {
        plans.push(plan);
      }
      if (context.json) {
        context.out(JSON.stringify(plans, null, 2));
      } else {
        context.out(
          table(
            ["plan", "groups", "items", "rpo objective", "rto objective"],
            plans.map((plan) => [
              plan.name,
              String(plan.groups.length),
              String(plan.groups.reduce((count, group) => count + group.items.length, 0)),
              `${plan.objectives.rpoSeconds}s`,
              `${plan.objectives.rtoSeconds}s`,
            ]),
          ),
        );
      }
      return ExitCode.ok;
    },
  },
  {
    name: "plans show",
    synopsis: "<plan>",
    summary: "Print a plan as JSON (with its etag).",
    options: {},
    positionals: ["plan"],
    run: async (context) => {
      const plan = await context.client().getPlan(context.positionals[0] as string, { abortSignal: context.signal });
      context.out(JSON.stringify(plan, null, 2));
      return ExitCode.ok;
    },
  },
  {
    name: "plans apply",
    synopsis: "-f <file.json|-> [--if-match <etag>]",
    summary: "Create or replace the plan in the file; --if-match refuses to overwrite a plan changed since.",
    options: { file: { type: "string", short: "f" }, "if-match": { type: "string" } },
    positionals: [],
    run: async (context) => {
      const plan = readPlanFile(stringValue(context.values, "file", true));
      const etag = stringValue(context.values, "if-match");
      const stored = await context
        .client()
        .createOrUpdatePlan(plan, { etag, onlyIfUnchanged: etag !== undefined, abortSignal: context.signal });
      context.out(context.json ? JSON.stringify(stored, null, 2) : `plan ${stored.name} applied (etag ${stored.etag})`);
      return ExitCode.ok;
    },
  },
  {
    name: "plans delete",
    synopsis: "<plan> [--if-match <etag>]",
    summary: "Delete a plan.",
    options: { "if-match": { type: "string" } },
    positionals: ["plan"],
    run: async (context) => {
      const name = context.positionals[0] as string;
      const etag = stringValue(context.values, "if-match");
      await context.client().deletePlan(name, { etag, onlyIfUnchanged: etag !== undefined, abortSignal: context.signal });
      context.out(context.json ? JSON.stringify({ deleted: name }) : `plan ${name} deleted`);
      return ExitCode.ok;
    },
  },
  {
    name: "plans validate",
    synopsis: "<plan>",
    summary: "Check the plan against live Site Recovery and Traffic Manager state; exits 1 when an error is found.",
    options: {},
    positionals: ["plan"],
    run: async (context) => {
      const readiness = await context.client().validatePlan(context.positionals[0] as string, { abortSignal: context.signal });
      if (context.json) {
        context.out(JSON.stringify(readiness, null, 2));
      } else {
        context.out(`plan ${readiness.plan}: readiness ${readiness.score}/100 (checked ${readiness.checkedAt})`);
        if (readiness.findings.length > 0) {
          context.out(
            table(
              ["severity", "code", "item", "message"],
              readiness.findings.map((finding) => [finding.severity, finding.code, finding.item ?? "-", finding.message]),
            ),
          );
        }
      }
      return readiness.findings.some((finding) => finding.severity === "error") ? ExitCode.failed : ExitCode.ok;
    },
  },
  {
    name: "plans import",
    synopsis: "<plan> --subscription <id> --resource-group <name> --vault <name> --recovery-plan <name> [--if-match <etag>]",
    summary: "Create or replace the plan from an ASR recovery plan; prints on stderr what the import changed or left out.",
    options: {
      subscription: { type: "string" },
      "resource-group": { type: "string" },
      vault: { type: "string" },
      "recovery-plan": { type: "string" },
      "if-match": { type: "string" },
    },
    positionals: ["plan"],
    run: async (context) => {
      const etag = stringValue(context.values, "if-match");
      const result = await context.client().importPlan(
        context.positionals[0] as string,
        {
          vault: {
            subscriptionId: stringValue(context.values, "subscription", true),
            resourceGroup: stringValue(context.values, "resource-group", true),
            name: stringValue(context.values, "vault", true),
          },
          recoveryPlanName: stringValue(context.values, "recovery-plan", true),
        },
        { etag, onlyIfUnchanged: etag !== undefined, abortSignal: context.signal },
      );
      if (context.json) {
        context.out(JSON.stringify(result, null, 2));
        return ExitCode.ok;
      }
      context.out(`plan ${result.plan.name} imported (etag ${result.plan.etag})`);
      // On stderr, so that stdout stays the one line a script reads, while a person still sees every change.
      for (const finding of result.findings) {
        context.err(`${finding.severity} ${finding.code}: ${finding.message} ${findingPlace(finding)}`);
      }
      return ExitCode.ok;
    },
  },
];
