import { isRestError } from "@azure/core-rest-pipeline";
import type { FieldError } from "../contract/problem.js";
import { getProblemDetails } from "../http/problem-error.js";
import { CliError } from "./command.js";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

/** What went wrong, once: printed as one line of text, or under `--json` as `{"error": …}` on stderr. */
export interface ErrorReport {
  exitCode: ExitCodeValue;
  code: string;
  message: string;
  /** The HTTP status when a server refused. */
  status?: number;
  /** The invalid fields of a refused request, each with its JSON pointer. */
  errors?: FieldError[];
  /** The operation that keeps a plan busy (409). */
  operationId?: string;
  /** The command's usage, for a bad command line. */
  usage?: string;
}

/** A server's text may hold line breaks; the CLI keeps every error on one line so a log line says it all. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function exitCodeForStatus(status: number | undefined): ExitCodeValue {
  switch (status) {
    case 401:
    case 403:
      return ExitCode.unauthorized;
    case 404:
      return ExitCode.notFound;
    case 409:
    case 412:
      return ExitCode.conflict;
    default:
      return ExitCode.failed;
  }
}

/** A bad command line, with the usage of the command when one was named. */
export function usageReport(message: string, usage: string): ErrorReport {
  return { exitCode: ExitCode.usage, code: "UsageError", message: oneLine(message), usage };
}

/** Any other failure: one the CLI explained, a refusal of the service (with its problem details), or the unexpected. */
export function reportError(error: unknown): ErrorReport {
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, code: error.code, message: oneLine(error.message), status: error.status };
  }
  if (isRestError(error)) {
    const problem = getProblemDetails(error);
    return {
      exitCode: exitCodeForStatus(error.statusCode),
      code: error.code ?? (error.statusCode === undefined ? "RestError" : String(error.statusCode)),
      message: oneLine(error.message),
      status: error.statusCode,
      errors: problem?.errors?.length ? problem.errors.map((entry) => ({ pointer: entry.pointer, message: oneLine(entry.message) })) : undefined,
      operationId: problem?.operationId,
    };
  }
  const code = (error as { code?: unknown } | null)?.code;
  return {
    exitCode: ExitCode.failed,
    code: typeof code === "string" ? code : error instanceof Error ? error.name : "Error",
    message: oneLine(error instanceof Error ? error.message : String(error)),
  };
}

/** One line: the message, the field errors, the running operation and the status, so a log line says it all. */
export function errorLine(report: ErrorReport): string {
  const parts = [report.message];
  if (report.errors) {
    parts.push(`(${report.errors.map((entry) => `${entry.pointer || "/"}: ${entry.message}`).join("; ")})`);
  }
  if (report.operationId) {
    parts.push(`(running operation: ${report.operationId}; watch it with: standby operations show ${report.operationId} --watch)`);
  }
  if (report.usage) {
    parts.push(`(${report.usage})`);
  }
  const status = report.status === undefined ? "" : ` [${report.status}${report.code ? ` ${report.code}` : ""}]`;
  return `standby: ${parts.join(" ")}${status}`;
}

/** The `--json` form: one object, fields in a fixed order, absent ones left out. */
export function errorJson(report: ErrorReport): string {
  const { exitCode, code, message, status, errors, operationId, usage } = report;
  return JSON.stringify({ error: { status, code, message, errors, operationId, usage, exitCode } });
}
