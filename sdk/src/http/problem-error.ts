import { RestError, isRestError, type PipelineRequest, type PipelineResponse } from "@azure/core-rest-pipeline";
import type { ProblemDetails } from "../contract/problem.js";

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

function parseProblem(bodyText: string | undefined): ProblemDetails | undefined {
  if (!bodyText) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as ProblemDetails;
    }
  } catch {
    // A proxy or the host itself may answer with text; the status still tells what happened.
  }
  return undefined;
}

function codeOf(problem: ProblemDetails | undefined, status: number): string | undefined {
  const type = problem?.type;
  if (type && type !== "about:blank") {
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
  const message =
    problem?.detail ?? problem?.title ?? `${request.method} ${new URL(request.url).pathname} failed with status ${response.status}.`;
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
 * pointers; a 409 because the plan is busy has the running operation's id in `operationId`.
 */
export function getProblemDetails(error: unknown): ProblemDetails | undefined {
  if (!isRestError(error) || error.details === null || typeof error.details !== "object") {
    return undefined;
  }
  const details = error.details as Partial<ProblemDetails>;
  return typeof details.status === "number" || typeof details.title === "string"
    ? (details as ProblemDetails)
    : undefined;
}
