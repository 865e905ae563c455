// `POST /plans/{plan}/failover|commit|failback`: checks the body and the plan, then launches the operation
// (operation-launch.ts: the plan's lock, exactly one starter wins and the others get 409 naming the running
// operation; 409 too while another plan sharing an item runs one), and answers 202 with Location to poll.
// Everything that can refuse the request for its own content runs before the lock is taken.
import {
  API_BASE_PATH,
  CommitRequestSchema,
  FailbackRequestSchema,
  FailoverRequestSchema,
  type CommitRequest,
  type FailbackRequest,
  type FailoverRequest,
  type Operation,
} from "@standby/client/contract";
import { planNotFound } from "../../core/errors";
import { startOperation } from "../../core/operation/progress";
import { sequenceOperation } from "../../core/plan/sequence";
import { ORCHESTRATION, type OperationStart } from "../../orchestrations/contract";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import { launchOperation } from "../operation-launch";
import { planNameParam, readBody } from "../request-input";

/** Seconds a client should wait before polling a new operation; ASR jobs take minutes. */
export const POLL_AFTER_SECONDS = 5;

const NO_REASON = "No reason given.";

export type StartableKind = "failover" | "commit" | "failback";

/** What to start: the kind and its request body, already checked against the contract's schema. */
export type StartRequest =
  | { kind: "failover"; body: FailoverRequest }
  | { kind: "commit"; body: CommitRequest }
  | { kind: "failback"; body: FailbackRequest };

export type OperationStartDependencies = Pick<ApiDependencies, "plans" | "lock" | "engine" | "operations" | "now" | "newOperationId" | "reportError">;

const BODY_SCHEMAS = {
  failover: FailoverRequestSchema,
  commit: CommitRequestSchema,
  failback: FailbackRequestSchema,
} as const;

/**
 * Starts an operation of `planName` for `startedBy` and returns its first document; throws PlanNotFound or
 * OperationConflict (nothing started then). Any starter (the HTTP route, an automatic failover) goes through here.
 */
export async function beginOperation(deps: OperationStartDependencies, planName: string, start: StartRequest, startedBy: string): Promise<Operation> {
  const stored = await deps.plans.get(planName);
  if (stored === undefined) throw planNotFound(planName);

  const { kind } = start;
  const operationId = deps.newOperationId(kind);
  const requestedAtMs = deps.now();
  const reason = start.body.reason ?? NO_REASON;
  const mode = start.kind === "failover" ? start.body.mode : "planned";
  const operation = startOperation({
    id: operationId,
    plan: planName,
    kind,
    startedBy,
    reason,
    stages: sequenceOperation(stored.plan, kind, { mode }),
    atMs: requestedAtMs,
  });
  const input: OperationStart = {
    operationId,
    kind,
    plan: stored.plan,
    planEtag: stored.etag,
    request: { ...start.body, reason },
    startedBy,
    requestedAtMs,
  };

  await launchOperation(deps, ORCHESTRATION[kind], input, operation);
  return operation;
}

export function startOperationHandler(kind: StartableKind): RouteHandler {
  return async (request, deps) => {
    const planName = planNameParam(request);
    const start = { kind, body: await readBody(request, BODY_SCHEMAS[kind]) } as StartRequest;
    const operation = await beginOperation(deps, planName, start, request.caller);
    return {
      status: 202,
      headers: { Location: `${API_BASE_PATH}/operations/${operation.id}`, "Retry-After": String(POLL_AFTER_SECONDS) },
      body: operation,
    };
  };
}
