import type { ParseArgsConfig } from "node:util";
import type { StandbyClient } from "../standby-client.js";
import type { Connection } from "./config.js";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** A bad command line: answered with the usage and exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * A failure the CLI explains in one line of its own: `code` names it under `--json`, `status` is the HTTP status
 * when a server refused, and `exitCode` is what scripts see.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly code: string,
    readonly exitCode: ExitCodeValue = ExitCode.failed,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a command gets to do its job. */
export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  json: boolean;
  connection: Connection;
  /** Aborted on Ctrl-C: watching stops, the operation goes on. */
  signal: AbortSignal;
  out(text: string): void;
  err(text: string): void;
  /** The client for the resolved endpoint and key; a UsageError when either is missing. */
  client(): StandbyClient;
  /** Whether stdout is a terminal (only then does `reports open` start a browser). */
  interactive: boolean;
}

export interface Command {
  /** Words that select the command, e.g. `plans list`. */
  name: string;
  /** Arguments and flags as shown in the usage, e.g. `<plan> [--watch]`. */
  synopsis: string;
  summary: string;
  options: OptionSpecs;
  /** Names of the required positional arguments, in order. */
  positionals: string[];
  /** Names of optional positional arguments after the required ones. */
  optionalPositionals?: string[];
  run(context: CommandContext): Promise<ExitCodeValue>;
}

/**
 * Refuses a string flag given an empty value. `--if-match "$ETAG"` with ETAG unset must not become "no check", nor
 * `--endpoint "$URL"` another service: a script that meant to pass something gets told instead.
 */
export function refuseEmptyFlags(values: OptionValues): void {
  const empty = Object.keys(values).find((name) => values[name] === "");
  if (empty !== undefined) {
    throw new UsageError(`--${empty} is empty: give it a value or leave the flag out`);
  }
}

/** A string flag's value, or a UsageError naming it when it is required and missing. */
export function stringValue(values: OptionValues, name: string, required: true): string;
export function stringValue(values: OptionValues, name: string, required?: false): string | undefined;
export function stringValue(values: OptionValues, name: string, required = false): string | undefined {
  const value = values[name];
  if (typeof value === "string") {
    return value;
  }
  if (required) {
    throw new UsageError(`--${name} is required`);
  }
  return undefined;
}

/** A flag's value checked against the values it may take. */
export function choiceValue<T extends string>(values: OptionValues, name: string, choices: readonly T[]): T | undefined {
  const value = stringValue(values, name);
  if (value === undefined) {
    return undefined;
  }
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}
