// Domain errors: what went wrong in terms a caller can act on, each with a stable code. The HTTP layer turns them
// into problem+json with the status suggested here; orchestrations and the CLI match on `code`, never on messages.
import type { SchemaError } from "@standby/client/contract";

/** Every code, with the HTTP status it stands for. */
export const DOMAIN_ERROR_STATUS = {
  /** The body or a parameter is malformed (not a plan problem: wrong JSON, a bad name in the URL). */
  RequestInvalid: 400,
  /** The plan does not pass validation; `errors` lists every problem with its JSON pointer. */
  PlanInvalid: 400,
  /** The plan in the body names another plan than the URL. */
  PlanNameMismatch: 400,
  PlanNotFound: 404,
  /** If-Match / If-None-Match did not hold: someone else changed (or created) the plan first. */
  PlanVersionConflict: 412,
  /** The plan cannot do what was asked (no drill settings, no traffic switch to undo, …). */
  PlanNotCapable: 409,
  OperationNotFound: 404,
  /** Another mutating operation runs on the plan; `operationId` names it. */
  OperationConflict: 409,
  /** Approve/reject sent to an operation that waits for no approval. */
  OperationNotWaitingForApproval: 409,
  /** Cancel or approve sent to an operation that has already ended. */
  OperationFinished: 409,
  /** The preflight guard refused the failover; `details` says why per item. */
  FailoverRefused: 409,
  /** An ASR recovery plan uses something Standby cannot carry over (script actions, …). */
  ImportUnsupported: 422,
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_STATUS;

export interface DomainErrorDetails {
  /** PlanInvalid, RequestInvalid: every problem, located by JSON pointer. */
  errors?: SchemaError[];
  /** OperationConflict: the operation that holds the plan. */
  operationId?: string;
  /** FailoverRefused, ImportUnsupported: one line per item or finding. */
  reasons?: string[];
}

export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
  }

  /** The HTTP status this error stands for. */
  get status(): number {
    return DOMAIN_ERROR_STATUS[this.code];
  }
}

/** Checks by name and shape, not instanceof, so errors that crossed a module or serialization boundary still count. */
export function isDomainError(error: unknown): error is DomainError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "DomainError" &&
    typeof (error as { code?: unknown }).code === "string" &&
    (error as { code: string }).code in DOMAIN_ERROR_STATUS
  );
}

export const planNotFound = (plan: string): DomainError =>
  new DomainError("PlanNotFound", `Plan "${plan}" does not exist.`);

export const planInvalid = (errors: SchemaError[]): DomainError =>
  new DomainError("PlanInvalid", `The plan has ${errors.length} error${errors.length === 1 ? "" : "s"}.`, { errors });

export const operationConflict = (plan: string, operationId: string): DomainError =>
  new DomainError("OperationConflict", `Plan "${plan}" is busy with operation ${operationId}.`, { operationId });

export const operationNotFound = (operationId: string): DomainError =>
  new DomainError("OperationNotFound", `Operation "${operationId}" does not exist.`);
