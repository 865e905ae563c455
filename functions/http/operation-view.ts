// The operation as a caller sees it: the workflow keeps the live document in its custom status (and returns it as
// its output when done); the stored timeline stands in when the engine no longer has the instance (purged, or the
// history lives elsewhere). If the engine says the instance failed or was terminated before the workflow could
// record that, the document says so too, so a caller never polls a dead operation forever.
import { TERMINAL_OPERATION_STATUSES, type Operation } from "@standby/client/contract";
import type { EngineInstance } from "./operation-engine";

export function currentOperation(instance: EngineInstance | undefined, stored: Operation | undefined): Operation | undefined {
  const live = [instance?.output, instance?.customStatus].find(isOperation);
  const document = live ?? stored;
  if (document === undefined || instance === undefined || isTerminal(document)) return document;
  const runtime = instance.runtimeStatus.toLowerCase();
  if (runtime === "failed") {
    return { ...document, status: "failed", error: { code: "WorkflowFailed", message: failureMessage(instance.output) } };
  }
  if (runtime === "terminated" || runtime === "canceled") {
    return { ...document, status: "canceled", error: { code: "WorkflowTerminated", message: failureMessage(instance.output) } };
  }
  return document;
}

export function isTerminal(operation: Operation): boolean {
  return TERMINAL_OPERATION_STATUSES.includes(operation.status);
}

function isOperation(value: unknown): value is Operation {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Operation>;
  return typeof candidate.id === "string" && typeof candidate.status === "string" && Array.isArray(candidate.steps);
}

function failureMessage(output: unknown): string {
  if (typeof output === "string" && output.length > 0) return output;
  return "The workflow ended without recording a result.";
}
