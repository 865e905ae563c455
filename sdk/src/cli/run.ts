import { parseArgs } from "node:util";
import { AzureKeyCredential } from "@azure/core-auth";
import { StandbyClient } from "../standby-client.js";
import { SDK_VERSION } from "../constants.js";
import {
  CliError,
  UsageError,
  refuseEmptyFlags,
  type Command,
  type CommandContext,
  type OptionSpecs,
  type OptionValues,
} from "./command.js";
import { resolveConnection, type Connection } from "./config.js";
import { errorJson, errorLine, reportError, usageReport, type ErrorReport } from "./error-report.js";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";
import { healthCommands } from "./commands/health-commands.js";
import { labCommands } from "./commands/lab-commands.js";
import { operationCommands } from "./commands/operation-commands.js";
import { planCommands } from "./commands/plan-commands.js";
import { reportCommands } from "./commands/report-commands.js";
import { staticTokenCredential } from "./static-token.js";

const COMMANDS: Command[] = [...planCommands, ...operationCommands, ...healthCommands, ...reportCommands, ...labCommands];

const GLOBAL_OPTIONS: OptionSpecs = {
  endpoint: { type: "string" },
  key: { type: "string" },
  token: { type: "string" },
  "arm-endpoint": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/** Where the CLI writes, reads its environment and hears Ctrl-C; the tests and `main.ts` pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  interactive: boolean;
}

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    `standby ${SDK_VERSION}: disaster-recovery orchestration for Azure Site Recovery`,
    "",
    "usage: standby <command> [arguments] [--json] [--endpoint <url>] [--key <function key>] [--token <Entra token>]",
    "",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.synopsis}\n  ${"".padEnd(width)}    ${command.summary}`),
    "",
    "Endpoint and key come from --endpoint/--key, else STANDBY_ENDPOINT/STANDBY_KEY, else .standby/lab.json",
    "(written by `npm start`). The key is always needed; an Entra token for the app from --token or STANDBY_TOKEN",
    "(az account get-access-token --scope <app id uri>/.default) is sent with it so the service records who you are.",
    "--json prints machine-readable output on every command; errors then go to stderr as one JSON object",
    '{"error":{"status","code","message",…,"exitCode"}} with the same exit codes.',
    "Exit codes: 0 ok, 1 error or operation failed/canceled, 2 usage, 3 not found, 4 conflict (busy plan, stale",
    "etag), 5 unauthorized, 130 watching interrupted (the operation goes on).",
  ].join("\n");
}

/** The command named by the leading words: the longest match, so `plans list` wins over a bare `plans`. */
function findCommand(args: string[]): { command: Command; rest: string[] } | undefined {
  const words = args.slice(0, 2);
  for (let length = words.length; length > 0; length -= 1) {
    const name = words.slice(0, length).join(" ");
    const command = COMMANDS.find((candidate) => candidate.name === name);
    if (command) {
      return { command, rest: args.slice(length) };
    }
  }
  return undefined;
}

/** A key-only client, or with a token a signed-in one: the key still opens the route, the token names the person. */
function createClient(endpoint: string, key: string, token: Connection["token"]): StandbyClient {
  const functionKey = new AzureKeyCredential(key);
  return token === undefined
    ? new StandbyClient(endpoint, functionKey)
    : new StandbyClient(endpoint, staticTokenCredential(token), { functionKey });
}

/** Writes the error on stderr, as one JSON object under --json, and answers its exit code. */
function fail(io: CliIo, json: boolean, report: ErrorReport): ExitCodeValue {
  io.err(json ? errorJson(report) : errorLine(report));
  return report.exitCode;
}

/** Runs one command line and answers its exit code; never throws. */
export async function runCli(args: string[], io: CliIo): Promise<ExitCodeValue> {
  if (args.length === 0 || args[0] === "help" || args[0] === "--help" || args[0] === "-h") {
    (args.length === 0 ? io.err : io.out)(usage());
    return args.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  if (args[0] === "--version") {
    io.out(SDK_VERSION);
    return ExitCode.ok;
  }
  // Until the flags parse, --json is taken from the words as given, so a bad command line is answered in JSON too.
  let json = args.includes("--json");
  const found = findCommand(args);
  if (!found) {
    const unknown = `unknown command: ${args.slice(0, 2).join(" ")}`;
    if (json) {
      return fail(io, json, usageReport(unknown, "usage: standby help"));
    }
    io.err(`standby: ${unknown}\n\n${usage()}`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  const commandUsage = `usage: standby ${command.name} ${command.synopsis}`.trimEnd();
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    const values = parsed.values as OptionValues;
    json = values.json === true;
    if (values.help) {
      io.out(`${commandUsage}\n  ${command.summary}`);
      return ExitCode.ok;
    }
    const allowed = command.positionals.length + (command.optionalPositionals?.length ?? 0);
    if (parsed.positionals.length < command.positionals.length) {
      throw new UsageError(`missing <${command.positionals[parsed.positionals.length]}>`);
    }
    if (parsed.positionals.length > allowed) {
      throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[allowed])}`);
    }
    refuseEmptyFlags(values);
    const connection = resolveConnection(
      {
        endpoint: values.endpoint as string | undefined,
        key: values.key as string | undefined,
        token: values.token as string | undefined,
        armEndpoint: values["arm-endpoint"] as string | undefined,
      },
      io.env,
      io.cwd,
    );
    let client: StandbyClient | undefined;
    const context: CommandContext = {
      values,
      positionals: parsed.positionals,
      json,
      connection,
      signal: io.signal,
      interactive: io.interactive,
      out: io.out,
      err: io.err,
      client: () => {
        if (client) {
          return client;
        }
        const endpoint = connection.endpoint();
        if (!endpoint) {
          throw new UsageError("no endpoint: pass --endpoint, set STANDBY_ENDPOINT, or start the lab (npm start)");
        }
        const key = connection.key();
        if (!key) {
          throw new UsageError("no function key: pass --key, set STANDBY_KEY, or start the lab (npm start)");
        }
        client = createClient(endpoint.value, key.value, connection.token);
        return client;
      },
    };
    return await command.run(context);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      return fail(io, json, usageReport((error as Error).message, commandUsage));
    }
    if (io.signal.aborted && !(error instanceof CliError)) {
      return fail(io, json, { exitCode: ExitCode.interrupted, code: "Interrupted", message: "interrupted" });
    }
    return fail(io, json, reportError(error));
  }
}
