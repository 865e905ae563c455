import { RestError, isRestError, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import type { FieldError, ProblemDetails } from "../contract/problem.js";

/** Error codes by status, for problems whose `type` is the generic about:blank. */
const CODES_BY_STATUS: Record<number, string> = {
  400: "InvalidRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  412: "PreconditionFailed",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

function parseProblem(bodyText: string | undefined): Record<string, unknown> | undefined {
  if (!bodyText) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // A proxy or the host itself may answer with text; the status still tells what happened.
  }
  return undefined;
}

/**
 * A member of a problem as text: a string as it is, any other JSON value compacted, so a service that sends an
 * object where the contract says string still shows what it said rather than `[object Object]`.
 */
function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function fieldErrorsOf(errors: unknown): FieldError[] | undefined {
  if (errors === undefined || errors === null) {
    return undefined;
  }
  return (Array.isArray(errors) ? errors : [errors]).map((entry: unknown) => {
    const { pointer, message } = (entry !== null && typeof entry === "object" ? entry : { message: entry }) as Record<string, unknown>;
    return { pointer: typeof pointer === "string" ? pointer : "", message: textOf(message) ?? "" };
  });
}

/** The problem with every member the contract types as a string made one; extension members are kept as sent. */
function normalizeProblem(raw: Record<string, unknown>, status: number): ProblemDetails {
  const { type, title, detail, instance, errors, operationId, ...extensions } = raw;
  const optional = {
    detail: textOf(detail),
    instance: textOf(instance),
    errors: fieldErrorsOf(errors),
    // An id that is not a string cannot name an operation to watch.
    operationId: typeof operationId === "string" ? operationId : undefined,
  };
  return {
    ...extensions,
    type: typeof type === "string" ? type : "about:blank",
    title: textOf(title) ?? CODES_BY_STATUS[status] ?? `HTTP ${status}`,
    status: typeof extensions.status === "number" ? extensions.status : status,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** The message of the error: the detail, else the title; a detail that is not a string follows the title as JSON. */
function messageOf(raw: Record<string, unknown> | undefined): string | undefined {
  const title = typeof raw?.title === "string" ? raw.title : undefined;
  if (typeof raw?.detail === "string") {
    return raw.detail;
  }
  const detail = textOf(raw?.detail);
  if (detail !== undefined) {
    return title === undefined ? detail : `${title}: ${detail}`;
  }
  return title;
}

function codeOf(problem: Record<string, unknown> | undefined, status: number): string | undefined {
  const type = problem?.type;
  if (typeof type === "string" && type !== "about:blank") {
    const lastSegment = type.split(/[/#]/).filter((part) => part.length > 0).pop();
    if (lastSegment) {
      return lastSegment;
    }
  }
  return CODES_BY_STATUS[status];
}

/** A `RestError` for an error response, with the problem details (RFC 9457) in `details`. */
export function createProblemError(request: PipelineRequest, response: PipelineResponse): RestError {
  const problem = parseProblem(response.bodyAsText ?? undefined);
  const message = messageOf(problem) ?? `${request.method} ${new URL(request.url).pathname} failed with status ${response.status}.`;
  const error = new RestError(message, {
    code: codeOf(problem, response.status),
    statusCode: response.status,
    request,
    response,
  });
  error.details = problem;
  return error;
}

/**
 * The problem details a `RestError` from this client carries, if any. Validation problems list `errors` with JSON
 * pointers; a 409 because the plan is busy has the running operation's id in `operationId`. Members the contract
 * types as strings are strings here even when the service sent something else (see `details` for the body as sent).
 */
export function getProblemDetails(error: unknown): ProblemDetails | undefined {
  if (!isRestError(error) || error.details === null || typeof error.details !== "object" || Array.isArray(error.details)) {
    return undefined;
  }
  const details = error.details as Record<string, unknown>;
  return typeof details.status === "number" || typeof details.title === "string"
    ? normalizeProblem(details, error.statusCode ?? (details.status as number))
    : undefined;
}
