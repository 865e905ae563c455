// Turns errors thrown by app code into the failure fields the history records (Reason, Details, FailureDetails).
import type { FailureDetails } from "./history";

export interface RecordedFailure {
  Reason: string;
  Details: string;
  FailureDetails?: FailureDetails;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return JSON.stringify(error) ?? String(error);
}

export function errorStack(error: unknown): string | undefined {
  if (error && typeof error === "object" && typeof (error as { stack?: unknown }).stack === "string") return (error as { stack: string }).stack;
  return undefined;
}

function errorType(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name || "Error";
  return "Error";
}

/**
 * An activity's failure. When the app registered an exception-properties provider, durable-functions puts the
 * failure details as JSON into the error message; the host then records them as FailureDetails, otherwise as
 * Reason and Details (message and stack).
 */
export function activityFailure(activityName: string, error: unknown): RecordedFailure {
  const message = errorMessage(error);
  const wrapped = parseWrappedDetails(message);
  if (wrapped) {
    return {
      Reason: `Activity function '${activityName}' failed: ${wrapped.ErrorMessage}`,
      Details: wrapped.StackTrace ?? "",
      FailureDetails: wrapped,
    };
  }
  return {
    Reason: `Activity function '${activityName}' failed: ${message}`,
    Details: errorStack(error) ?? `${errorType(error)}: ${message}`,
  };
}

export function orchestrationFailure(orchestratorName: string, message: string, details?: FailureDetails): RecordedFailure {
  return {
    Reason: `Orchestrator function '${orchestratorName}' failed: ${message}`,
    Details: details?.StackTrace ?? "",
    FailureDetails: details,
  };
}

function parseWrappedDetails(message: string): FailureDetails | undefined {
  if (!message.startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(message) as Record<string, unknown>;
    if (typeof parsed.errorType !== "string" || typeof parsed.errorMessage !== "string") return undefined;
    return {
      ErrorType: parsed.errorType,
      ErrorMessage: parsed.errorMessage,
      StackTrace: typeof parsed.stackTrace === "string" ? parsed.stackTrace : undefined,
      IsNonRetriable: parsed.isNonRetriable === true,
      Properties: (parsed.properties as Record<string, unknown>) ?? undefined,
    };
  } catch {
    return undefined;
  }
}
