import type { TSchema } from "@sinclair/typebox";
import { MaxPageSizeSchema } from "./list.js";
import { PlanSchema } from "./plan.js";
import { PlanListSchema, PlanNameSchema } from "./plan-list.js";
import { PlanImportRequestSchema } from "./plan-import.js";
import { PlanImportResultSchema } from "./plan-import-result.js";
import { ReadinessSchema } from "./readiness.js";
import {
  ApprovalDecisionRequestSchema,
  CancelRequestSchema,
  CommitRequestSchema,
  DrillRequestSchema,
  FailbackRequestSchema,
  FailoverRequestSchema,
} from "./operation-requests.js";
import { OperationListSchema, OperationSchema, OperationStatusSchema } from "./operation.js";
import { EstateHealthSchema, PlanHealthSchema } from "./health.js";
import { DrillListSchema, DrillSchema } from "./drill.js";

/** Every route lives under this prefix (Functions' `api` route prefix plus the API version). */
export const API_BASE_PATH = "/api/v1";

export type HttpMethod = "get" | "put" | "post" | "delete";

/** Headers the API defines beyond the usual ones. */
export type HeaderName = "ETag" | "If-Match" | "If-None-Match" | "Location" | "Retry-After";

export interface RouteResponse {
  description: string;
  /** JSON body schema; omitted for empty bodies. */
  body?: TSchema;
  /** Media type of a non-JSON body. */
  mediaType?: "text/html";
  headers?: HeaderName[];
}

export interface RouteQueryParameter {
  name: string;
  description: string;
  schema: TSchema;
}

/** One route of the HTTP API: the single description that the OpenAPI document and the client are built from. */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** Path below {@link API_BASE_PATH}, with `{param}` placeholders. */
  path: string;
  summary: string;
  tag: "plans" | "operations" | "health" | "drills" | "meta";
  query?: RouteQueryParameter[];
  requestHeaders?: HeaderName[];
  requestBody?: TSchema;
  /** Success responses by status code; error responses are added from {@link COMMON_ERROR_STATUSES} and `errors`. */
  responses: Record<number, RouteResponse>;
  /** Error statuses this route can answer besides 401, 429 and 500, which every route can. */
  errors: number[];
  /** Whether the route starts a long-running operation (answered with 202 + Location to poll). */
  startsOperation?: boolean;
}

/** Statuses every route may answer with a problem. */
export const COMMON_ERROR_STATUSES = [401, 429, 500] as const;

/** What a route that reads a JSON body refuses besides its schema: a body over the limit, another media type. */
const BODY_ERRORS = [413, 415];

const maxPageSize: RouteQueryParameter = {
  name: "maxpagesize",
  description: "Most items per page; the server may send fewer.",
  schema: MaxPageSizeSchema,
};

const accepted = (what: string): Record<number, RouteResponse> => ({
  202: {
    description: `The ${what} started; poll the operation at Location (and wait Retry-After seconds between polls).`,
    body: OperationSchema,
    headers: ["Location", "Retry-After"],
  },
});

const startRoute = (
  operationId: string,
  suffix: string,
  what: string,
  body: TSchema,
): RouteDefinition => ({
  operationId,
  method: "post",
  path: `/plans/{plan}/${suffix}`,
  summary: `Start a ${what} of the plan. 409 names the running operation when the plan is busy.`,
  tag: "operations",
  requestBody: body,
  responses: accepted(what),
  errors: [400, 404, 409, ...BODY_ERRORS],
  startsOperation: true,
});

const decisionRoute = (operationId: string, suffix: string, summary: string, body: TSchema): RouteDefinition => ({
  operationId,
  method: "post",
  path: `/operations/{operationId}/${suffix}`,
  summary,
  tag: "operations",
  requestBody: body,
  responses: {
    200: {
      description:
        "The decision was handed to the operation's workflow, which applies it asynchronously (as with cancel): the " +
        "body is the operation as it was when the decision arrived, still waiting for approval. Poll the operation " +
        "to see the decision recorded and the operation go on or stop.",
      body: OperationSchema,
    },
  },
  errors: [400, 404, 409, ...BODY_ERRORS],
});

export const ROUTES: readonly RouteDefinition[] = [
  {
    operationId: "listPlans",
    method: "get",
    path: "/plans",
    summary: "List the plans, one page at a time.",
    tag: "plans",
    query: [maxPageSize],
    responses: { 200: { description: "A page of plans.", body: PlanListSchema } },
    errors: [400],
  },
  {
    operationId: "getPlan",
    method: "get",
    path: "/plans/{plan}",
    summary: "Get a plan and its ETag.",
    tag: "plans",
    responses: { 200: { description: "The plan.", body: PlanSchema, headers: ["ETag"] } },
    errors: [400, 404],
  },
  {
    operationId: "createOrUpdatePlan",
    method: "put",
    path: "/plans/{plan}",
    summary: "Create or replace a plan. Validated first: 400 lists every error with its JSON pointer.",
    tag: "plans",
    requestHeaders: ["If-Match", "If-None-Match"],
    requestBody: PlanSchema,
    responses: {
      200: { description: "Replaced.", body: PlanSchema, headers: ["ETag"] },
      201: { description: "Created.", body: PlanSchema, headers: ["ETag"] },
    },
    errors: [400, 409, 412, ...BODY_ERRORS],
  },
  {
    operationId: "deletePlan",
    method: "delete",
    path: "/plans/{plan}",
    summary: "Delete a plan. 409 while an operation of the plan runs.",
    tag: "plans",
    requestHeaders: ["If-Match"],
    responses: { 204: { description: "Deleted." } },
    errors: [400, 404, 409, 412],
  },
  {
    operationId: "validatePlan",
    method: "post",
    path: "/plans/{plan}/validate",
    summary: "Check the plan against live Site Recovery and Traffic Manager state: findings and a readiness score.",
    tag: "plans",
    responses: { 200: { description: "The readiness of the plan.", body: ReadinessSchema } },
    errors: [400, 404, 502],
  },
  {
    operationId: "importPlan",
    method: "post",
    path: "/plans/{plan}/import",
    summary:
      "Create or replace the plan from an ASR recovery plan (groups, items and actions carried over). " +
      "The answer lists what the import changed or left out; 422 when something cannot be carried over.",
    tag: "plans",
    requestHeaders: ["If-Match", "If-None-Match"],
    requestBody: PlanImportRequestSchema,
    responses: {
      200: { description: "Replaced: the stored plan and the import's findings.", body: PlanImportResultSchema, headers: ["ETag"] },
      201: { description: "Created: the stored plan and the import's findings.", body: PlanImportResultSchema, headers: ["ETag"] },
    },
    errors: [400, 404, 409, 412, ...BODY_ERRORS, 422, 502],
  },
  startRoute("startFailover", "failover", "failover", FailoverRequestSchema),
  startRoute("startCommit", "commit", "commit", CommitRequestSchema),
  startRoute("startFailback", "failback", "failback", FailbackRequestSchema),
  startRoute("startDrill", "drills", "drill", DrillRequestSchema),
  {
    operationId: "getPlanHealth",
    method: "get",
    path: "/plans/{plan}/health",
    summary: "Replication health and RPO of the plan's items, as of the last sweep.",
    tag: "health",
    responses: { 200: { description: "The plan's health.", body: PlanHealthSchema } },
    errors: [400, 404],
  },
  {
    operationId: "listOperations",
    method: "get",
    path: "/operations",
    summary: "List operations, newest first.",
    tag: "operations",
    query: [
      { name: "plan", description: "Only this plan's operations.", schema: PlanNameSchema },
      { name: "status", description: "Only operations in this status.", schema: OperationStatusSchema },
      maxPageSize,
    ],
    responses: { 200: { description: "A page of operations.", body: OperationListSchema } },
    errors: [400],
  },
  {
    operationId: "getOperation",
    method: "get",
    path: "/operations/{operationId}",
    summary: "Get an operation: status, steps with timings, pending approval, result, error.",
    tag: "operations",
    responses: { 200: { description: "The operation.", body: OperationSchema, headers: ["Retry-After"] } },
    errors: [400, 404],
  },
  decisionRoute(
    "approveOperation",
    "approve",
    "Approve the pending approval step; the caller's identity is recorded.",
    ApprovalDecisionRequestSchema,
  ),
  decisionRoute(
    "rejectOperation",
    "reject",
    "Reject the pending approval step; the operation stops.",
    ApprovalDecisionRequestSchema,
  ),
  {
    operationId: "cancelOperation",
    method: "post",
    path: "/operations/{operationId}/cancel",
    summary: "Ask a running operation to stop; it finishes the step in flight and ends as canceled.",
    tag: "operations",
    requestBody: CancelRequestSchema,
    responses: {
      202: { description: "Cancellation requested.", body: OperationSchema, headers: ["Location"] },
    },
    errors: [400, 404, 409, ...BODY_ERRORS],
  },
  {
    operationId: "getHealth",
    method: "get",
    path: "/health",
    summary: "Replication health and RPO of every plan, as of the last sweep.",
    tag: "health",
    responses: { 200: { description: "Every plan's health.", body: EstateHealthSchema } },
    errors: [],
  },
  {
    operationId: "listDrills",
    method: "get",
    path: "/drills",
    summary: "List drills, newest first.",
    tag: "drills",
    query: [
      { name: "plan", description: "Only this plan's drills.", schema: PlanNameSchema },
      maxPageSize,
    ],
    responses: { 200: { description: "A page of drills.", body: DrillListSchema } },
    errors: [400],
  },
  {
    operationId: "getDrill",
    method: "get",
    path: "/drills/{drillId}",
    summary: "Get a drill's evidence: items, probes, cleanup.",
    tag: "drills",
    responses: { 200: { description: "The drill.", body: DrillSchema } },
    errors: [400, 404],
  },
  {
    operationId: "getDrillReport",
    method: "get",
    path: "/drills/{drillId}/report.html",
    summary: "The drill report as a self-contained HTML page.",
    tag: "drills",
    responses: { 200: { description: "The report.", mediaType: "text/html" } },
    errors: [400, 404],
  },
  {
    operationId: "getOpenApiDocument",
    method: "get",
    path: "/openapi.json",
    summary: "This document.",
    tag: "meta",
    responses: { 200: { description: "The OpenAPI 3.1 document of the API." } },
    errors: [],
  },
];

/** The path parameters of a route path, in order: `/plans/{plan}/health` gives `["plan"]`. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1] as string);
}
