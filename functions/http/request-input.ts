// Reading what a request carries, refusing bad input before anything is read from or written to storage: bodies
// over the limit (413), bodies that are not JSON (415/400), bodies that break the route's schema (400 with every
// error's JSON pointer, from the same schemas the OpenAPI document is built from), and malformed names in the path.
import {
  MAX_PAGE_SIZE,
  OperationStatusSchema,
  PLAN_NAME_PATTERN,
  RESOURCE_NAME_PATTERN,
  schemaErrors,
  type OperationStatus,
  type SchemaError,
} from "@standby/client/contract";
import { DomainError } from "../core/errors";
import { printable } from "../activities/storage/names";
import type { ApiRequest } from "./api-types";
import { HttpProblem, payloadTooLarge } from "./problem";

/** Plans are the largest bodies, and a plan of 20 groups of 100 items with actions stays far below this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const DEFAULT_PAGE_SIZE = 100;

const PLAN_NAME = new RegExp(PLAN_NAME_PATTERN);
const OPERATION_ID = new RegExp(RESOURCE_NAME_PATTERN);

const invalid = (message: string, errors: SchemaError[]): DomainError => new DomainError("RequestInvalid", message, { errors });

/** The JSON body, or undefined when the request has none. */
export async function readJsonBody(request: ApiRequest): Promise<unknown> {
  const declared = request.header("content-length");
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
  const bytes = await request.body();
  if (bytes.length > MAX_BODY_BYTES) throw payloadTooLarge(MAX_BODY_BYTES);
  if (bytes.length === 0) return undefined;
  const contentType = request.header("content-type");
  if (contentType !== undefined && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType.trim())) {
    throw new HttpProblem(415, "UnsupportedMediaType", `Send the body as application/json, not ${printable(contentType)}.`);
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw invalid("The request body is not valid JSON.", [{ pointer: "", message: (error as Error).message }]);
  }
}

type ContractSchema = Parameters<typeof schemaErrors>[0];

/** The body checked against `schema` (whose static type is `T`); an absent body counts as `{}`. */
export async function readBody<T>(request: ApiRequest, schema: ContractSchema): Promise<T> {
  const raw = await readJsonBody(request);
  const value = raw === undefined ? {} : raw;
  const errors = schemaErrors(schema, value);
  if (errors.length > 0) {
    throw invalid(`The request body has ${errors.length} error${errors.length === 1 ? "" : "s"}.`, errors);
  }
  return value as T;
}

export function planNameParam(request: ApiRequest): string {
  const name = request.params.plan ?? "";
  if (!PLAN_NAME.test(name)) {
    throw invalid(`"${printable(name)}" is not a plan name.`, [
      { pointer: "", message: "A plan name is 1 to 63 lowercase letters, digits or dashes, starting with a letter or digit." },
    ]);
  }
  return name;
}

export function operationIdParam(request: ApiRequest): string {
  const id = request.params.operationId ?? "";
  if (!OPERATION_ID.test(id)) {
    throw invalid(`"${printable(id)}" is not an operation id.`, [{ pointer: "", message: "An operation id is 1 to 63 letters, digits, '-' or '_'." }]);
  }
  return id;
}

export interface PageQuery {
  maxPageSize: number;
  continuationToken?: string;
}

export function pageQuery(request: ApiRequest): PageQuery {
  const text = request.query.get("maxpagesize");
  let maxPageSize = DEFAULT_PAGE_SIZE;
  if (text !== null) {
    maxPageSize = Number(text);
    if (!/^\d+$/.test(text) || maxPageSize < 1 || maxPageSize > MAX_PAGE_SIZE) {
      throw invalid("maxpagesize is out of range.", [{ pointer: "", message: `maxpagesize must be a whole number from 1 to ${MAX_PAGE_SIZE}.` }]);
    }
  }
  const token = request.query.get("continuationToken");
  return { maxPageSize, ...(token === null ? {} : { continuationToken: token }) };
}

export function optionalPlanQuery(request: ApiRequest): string | undefined {
  const plan = request.query.get("plan");
  if (plan === null) return undefined;
  if (!PLAN_NAME.test(plan)) throw invalid(`"${printable(plan)}" is not a plan name.`, [{ pointer: "", message: "plan must be a plan name." }]);
  return plan;
}

export function optionalStatusQuery(request: ApiRequest): OperationStatus | undefined {
  const status = request.query.get("status");
  if (status === null) return undefined;
  if (schemaErrors(OperationStatusSchema, status).length > 0) {
    throw invalid(`"${printable(status)}" is not an operation status.`, [
      { pointer: "", message: "status must be one of running, waitingForApproval, succeeded, failed, canceled." },
    ]);
  }
  return status as OperationStatus;
}

/**
 * The link to the next page: the same path and query with the new continuation token, minus a function key given
 * as `code`: a key must never come back in a response body (it ends up in logs and in what callers store).
 */
export function nextLink(request: ApiRequest, continuationToken: string | undefined): string | undefined {
  if (continuationToken === undefined) return undefined;
  const url = new URL(request.pathAndQuery, "http://placeholder");
  url.searchParams.delete("code");
  url.searchParams.set("continuationToken", continuationToken);
  return `${url.pathname}${url.search}`;
}
