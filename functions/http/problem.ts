// Every error the API returns is application/problem+json (RFC 9457). Domain errors carry a stable code that
// becomes the problem type (the SDK reads the code back from the type's last segment); failures that are about
// HTTP itself (too large, wrong media type) are HttpProblems. Anything else is a 500 whose details stay in the log.
import { PROBLEM_MEDIA_TYPE, type ProblemDetails, type SchemaError } from "@standby/client/contract";
import { isDomainError } from "../core/errors";
import type { ApiResponse } from "./api-types";

/** Problem types are tag URIs (RFC 4151): stable identifiers that are not meant to be fetched. */
export const PROBLEM_TYPE_BASE = "tag:standby,2026:problems/";

export class HttpProblem extends Error {
  override readonly name = "HttpProblem";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: SchemaError[],
  ) {
    super(message);
  }
}

export const payloadTooLarge = (limitBytes: number): HttpProblem =>
  new HttpProblem(413, "PayloadTooLarge", `The request body is larger than ${limitBytes} bytes.`);

const TITLES: Record<number, string> = {
  400: "The request is invalid.",
  404: "Not found.",
  409: "Conflict.",
  412: "Precondition failed.",
  413: "Request body too large.",
  415: "Unsupported media type.",
  422: "The request cannot be processed.",
  500: "Unexpected error.",
  502: "An upstream service failed.",
};

export interface ProblemOptions {
  status: number;
  code: string;
  detail: string;
  instance?: string;
  errors?: SchemaError[];
  operationId?: string;
}

export function problem(options: ProblemOptions): ApiResponse {
  const body: ProblemDetails = {
    type: PROBLEM_TYPE_BASE + options.code,
    title: TITLES[options.status] ?? "Error.",
    status: options.status,
    detail: options.detail,
    ...(options.instance === undefined ? {} : { instance: options.instance }),
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...(options.operationId === undefined ? {} : { operationId: options.operationId }),
  };
  return { status: options.status, headers: { "Content-Type": PROBLEM_MEDIA_TYPE }, body };
}

/** The problem response for any error a handler threw; `report` receives the ones that are not the caller's fault. */
export function problemFromError(error: unknown, instance: string, report: (error: unknown) => void): ApiResponse {
  if (isDomainError(error)) {
    return problem({
      status: error.status,
      code: error.code,
      detail: error.message,
      instance,
      ...(error.details.errors === undefined ? {} : { errors: error.details.errors }),
      ...(error.details.operationId === undefined ? {} : { operationId: error.details.operationId }),
    });
  }
  if (error instanceof HttpProblem) {
    return problem({ status: error.status, code: error.code, detail: error.message, instance, ...(error.errors ? { errors: error.errors } : {}) });
  }
  report(error);
  return problem({ status: 500, code: "InternalServerError", detail: "The service failed unexpectedly; the failure was logged.", instance });
}
