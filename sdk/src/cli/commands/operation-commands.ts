import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { delay } from "@azure/core-util";
import { OperationStatusSchema, type Operation, type OperationStatus } from "../../contract/operation.js";
import {
  FailoverModeSchema,
  RecoveryPointChoiceSchema,
  type FailoverMode,
  type RecoveryPointChoice,
} from "../../contract/operation-requests.js";
import { retryAfterInMs } from "../../lro/retry-after.js";
import type { OperationPoller } from "../../models.js";
import { CliError, UsageError, choiceValue, stringValue, type Command, type CommandContext } from "../command.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";
import { table } from "../format.js";
import { hasEnded, operationTook } from "../operation-times.js";
import { ProgressPrinter, summarize } from "../watch.js";

const MODES = FailoverModeSchema.anyOf.map((literal) => literal.const) as FailoverMode[];
const RECOVERY_POINTS = RecoveryPointChoiceSchema.anyOf.map((literal) => literal.const) as RecoveryPointChoice[];
const STATUSES = OperationStatusSchema.anyOf.map((literal) => literal.const) as OperationStatus[];
const WATCH_INTERVAL_IN_MS = 1000;

function outcome(operation: Operation): ExitCodeValue {
  return operation.status === "succeeded" ? ExitCode.ok : ExitCode.failed;
}

/**
 * Where a finished drill's report is served. The URL alone does not open in a browser (every route needs the key),
 * hence the command that does. A report that cannot be read does not change the drill's outcome or exit code.
 */
async function drillReportLines(context: CommandContext, operation: Operation): Promise<string[]> {
  try {
    const drill = await context.client().getDrill(operation.id, { abortSignal: context.signal });
    if (drill.reportUrl === undefined) {
      return ["  report: none stored"];
    }
    const url = new URL(drill.reportUrl, context.client().endpoint).toString();
    return [`  report: ${url}`, `  open it with: standby reports open ${operation.id}`];
  } catch (error) {
    context.err(`standby: the drill's report could not be read: ${(error as Error).message}`);
    return [];
  }
}

async function printFinal(context: CommandContext, operation: Operation): Promise<ExitCodeValue> {
  if (context.json) {
    context.out(JSON.stringify(operation, null, 2));
  } else {
    summarize(operation).forEach((line) => context.out(line));
    if (operation.kind === "drill") {
      (await drillReportLines(context, operation)).forEach((line) => context.out(line));
    }
  }
  return outcome(operation);
}

function interrupted(operationId: string | undefined): CliError {
  return new CliError(
    `stopped watching; the operation goes on. Watch again with: standby operations show ${operationId ?? "<id>"} --watch`,
    "Interrupted",
    ExitCode.interrupted,
  );
}

/** Starts an operation, then either reports it started or watches it to the end. */
async function startAndMaybeWatch(context: CommandContext, start: () => Promise<OperationPoller>): Promise<ExitCodeValue> {
  const poller = await start();
  const initial = poller.getOperationState().operation;
  if (!context.values.watch) {
    if (context.json) {
      context.out(JSON.stringify(initial ?? poller.getOperationState(), null, 2));
    } else {
      const id = initial?.id ?? poller.getOperationState().operationLocation;
      context.out(`${initial?.kind ?? "operation"} of plan ${initial?.plan ?? "?"} started: operation ${id}`);
      context.out(`watch it with: standby operations show ${id} --watch`);
    }
    return ExitCode.ok;
  }
  const printer = new ProgressPrinter(context.out);
  if (!context.json) {
    if (initial) {
      context.out(`${initial.kind} of plan ${initial.plan} started: operation ${initial.id}`);
      printer.update(initial);
    }
    poller.onProgress((state) => state.operation && printer.update(state.operation));
  }
  try {
    return await printFinal(context, await poller.pollUntilDone({ abortSignal: context.signal }));
  } catch (error) {
    if (context.signal.aborted) {
      throw interrupted(poller.getOperationState().operation?.id);
    }
    throw error;
  }
}

const watchOption = { watch: { type: "boolean", short: "w" } } as const;

export const operationCommands: Command[] = [
  {
    name: "failover",
    synopsis: "<plan> --mode planned|unplanned --reason <text> [--recovery-point <choice>] [--force] [--watch]",
    summary: "Fail the plan over to its recovery region.",
    options: {
      mode: { type: "string" },
      reason: { type: "string" },
      "recovery-point": { type: "string" },
      force: { type: "boolean" },
      ...watchOption,
    },
    positionals: ["plan"],
    run: (context) => {
      const mode = choiceValue(context.values, "mode", MODES);
      if (!mode) {
        throw new UsageError("--mode is required: planned or unplanned");
      }
      const request = {
        mode,
        reason: stringValue(context.values, "reason", true),
        recoveryPoint: choiceValue(context.values, "recovery-point", RECOVERY_POINTS),
        force: context.values.force === true ? true : undefined,
      };
      return startAndMaybeWatch(context, () =>
        context.client().beginFailover(context.positionals[0] as string, request, { abortSignal: context.signal }),
      );
    },
  },
  {
    name: "commit",
    synopsis: "<plan> [--reason <text>] [--watch]",
    summary: "Commit the plan's last failover.",
    options: { reason: { type: "string" }, ...watchOption },
    positionals: ["plan"],
    run: (context) =>
      startAndMaybeWatch(context, () =>
        context.client().beginCommit(
          context.positionals[0] as string,
          { reason: stringValue(context.values, "reason") },
          { abortSignal: context.signal },
        ),
      ),
  },
  {
    name: "failback",
    synopsis: "<plan> --reason <text> [--recovery-point <choice>] [--force] [--watch]",
    summary: "Bring the plan back to its primary region (reprotect, fail back, reprotect, traffic back).",
    options: { reason: { type: "string" }, "recovery-point": { type: "string" }, force: { type: "boolean" }, ...watchOption },
    positionals: ["plan"],
    run: (context) => {
      const request = {
        reason: stringValue(context.values, "reason", true),
        recoveryPoint: choiceValue(context.values, "recovery-point", RECOVERY_POINTS),
        force: context.values.force === true ? true : undefined,
      };
      return startAndMaybeWatch(context, () =>
        context.client().beginFailback(context.positionals[0] as string, request, { abortSignal: context.signal }),
      );
    },
  },
  {
    name: "drill",
    synopsis: "<plan> [--reason <text>] [--recovery-point <choice>] [--watch]",
    summary: "Run a drill: test failover into the isolated network, probes, cleanup, report.",
    options: { reason: { type: "string" }, "recovery-point": { type: "string" }, ...watchOption },
    positionals: ["plan"],
    run: (context) => {
      const request = {
        reason: stringValue(context.values, "reason"),
        recoveryPoint: choiceValue(context.values, "recovery-point", RECOVERY_POINTS),
      };
      return startAndMaybeWatch(context, () =>
        context.client().beginDrill(context.positionals[0] as string, request, { abortSignal: context.signal }),
      );
    },
  },
  {
    name: "operations list",
    synopsis: "[--plan <plan>] [--status <status>]",
    summary: "List operations, newest first.",
    options: { plan: { type: "string" }, status: { type: "string" } },
    positionals: [],
    run: async (context) => {
      const operations: Operation[] = [];
      for await (const operation of context.client().listOperations({
        plan: stringValue(context.values, "plan"),
        status: choiceValue(context.values, "status", STATUSES),
        abortSignal: context.signal,
      })) {
        operations.push(operation);
      }
      if (context.json) {
        context.out(JSON.stringify(operations, null, 2));
      } else {
        context.out(
          table(
            ["id", "plan", "kind", "status", "started by", "created", "took"],
            operations.map((operation) => [
              operation.id,
              operation.plan,
              operation.kind,
              operation.status,
              operation.startedBy,
              operation.createdAt,
              operationTook(operation, Date.now()),
            ]),
          ),
        );
      }
      return ExitCode.ok;
    },
  },
  {
    name: "operations show",
    synopsis: "<id> [--watch]",
    summary: "Show an operation's steps, pending approval and result; --watch follows it to the end.",
    options: { ...watchOption },
    positionals: ["id"],
    run: async (context) => {
      const id = context.positionals[0] as string;
      let operation: Operation;
      if (!context.values.watch) {
        operation = await context.client().getOperation(id, { abortSignal: context.signal });
        if (context.json) {
          context.out(JSON.stringify(operation, null, 2));
          return ExitCode.ok;
        }
        new ProgressPrinter(context.out).update(operation);
        summarize(operation).forEach((line) => context.out(line));
        return ExitCode.ok;
      }
      const printer = new ProgressPrinter(context.out);
      // Polls as often as the service asks (Retry-After), like the pollers of the begin… methods.
      let waitInMs: number | undefined;
      const options = {
        abortSignal: context.signal,
        onResponse: (response: PipelineResponse) => {
          waitInMs = retryAfterInMs(response);
        },
      };
      try {
        operation = await context.client().getOperation(id, options);
        while (!hasEnded(operation)) {
          if (!context.json) printer.update(operation);
          await delay(waitInMs ?? WATCH_INTERVAL_IN_MS, { abortSignal: context.signal });
          operation = await context.client().getOperation(id, options);
        }
      } catch (error) {
        if (context.signal.aborted) {
          throw interrupted(id);
        }
        throw error;
      }
      if (!context.json) printer.update(operation);
      return printFinal(context, operation);
    },
  },
  ...(["approve", "reject"] as const).map(
    (decision): Command => ({
      name: `operations ${decision}`,
      synopsis: "<id> [--comment <text>]",
      summary: `${decision === "approve" ? "Approve" : "Reject"} the step the operation waits at.`,
      options: { comment: { type: "string" } },
      positionals: ["id"],
      run: async (context) => {
        const id = context.positionals[0] as string;
        const options = { comment: stringValue(context.values, "comment"), abortSignal: context.signal };
        const operation =
          decision === "approve"
            ? await context.client().approveOperation(id, options)
            : await context.client().rejectOperation(id, options);
        // The answer is the operation as the decision found it; the workflow applies the decision a moment later.
        context.out(
          context.json
            ? JSON.stringify(operation, null, 2)
            : `${decision === "approve" ? "approval" : "rejection"} sent to operation ${id}; ` +
                `it ${decision === "approve" ? "goes on" : "stops"} as its workflow takes it (standby operations show ${id} --watch)`,
        );
        return ExitCode.ok;
      },
    }),
  ),
  {
    name: "operations cancel",
    synopsis: "<id> [--reason <text>]",
    summary: "Ask a running operation to stop; it ends as canceled.",
    options: { reason: { type: "string" } },
    positionals: ["id"],
    run: async (context) => {
      const id = context.positionals[0] as string;
      const operation = await context
        .client()
        .cancelOperation(id, { reason: stringValue(context.values, "reason"), abortSignal: context.signal });
      context.out(context.json ? JSON.stringify(operation, null, 2) : `cancel requested: operation ${id} is ${operation.status}`);
      return ExitCode.ok;
    },
  },
];
