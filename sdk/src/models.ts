import type { KeyCredential } from "@azure/core-auth";
import type { CommonClientOptions, OperationOptions } from "@azure/core-client";
import type { PollerLike, PollOperationState } from "@azure/core-lro";
import type { Operation, OperationStatus } from "./contract/operation.js";
import type { Plan } from "./contract/plan.js";
import type { PlanImportFinding } from "./contract/plan-import-result.js";

/** Options of {@link StandbyClient}. */
export interface StandbyClientOptions extends CommonClientOptions {
  /**
   * Scope asked of a `TokenCredential`: the Entra application ID URI of the Standby app followed by `/.default`.
   * Defaults to the endpoint's origin followed by `/.default`.
   */
  audience?: string;
  /**
   * The function key, sent as `x-functions-key` along with the token when the credential is a `TokenCredential`.
   * In Azure every route needs it, App Service authentication or not; the token only adds who the caller is.
   * Read for each request, so `AzureKeyCredential.update` rotates it at once.
   */
  functionKey?: KeyCredential;
}

/** A plan as stored by the service, with the ETag to send back for optimistic concurrency. */
export type StoredPlan = Plan & { etag: string };

/** Conditional write: with `onlyIfUnchanged`, the write fails with 412 if the stored ETag is no longer `etag`. */
export interface ConditionalRequestOptions {
  /** ETag the caller read; defaults to the `etag` of the plan passed in, when there is one. */
  etag?: string;
  /** Send `If-Match` so that a concurrent change is never overwritten. */
  onlyIfUnchanged?: boolean;
}

export type ListPlansOptions = OperationOptions;
export type GetPlanOptions = OperationOptions;
export interface CreateOrUpdatePlanOptions extends OperationOptions, ConditionalRequestOptions {}
export interface DeletePlanOptions extends OperationOptions, ConditionalRequestOptions {}
export type ValidatePlanOptions = OperationOptions;
export interface ImportPlanOptions extends OperationOptions, ConditionalRequestOptions {}

/** What {@link StandbyClient.importPlan} gives back: the stored plan and what the import changed or left out. */
export interface ImportPlanResult {
  /** The plan as stored, with its ETag. */
  plan: StoredPlan;
  /**
   * Warnings and notes, e.g. an action ASR ran only in test failovers that was left out, or the timeout chosen for
   * an approval: each located in the recovery plan (`recoveryPlanPointer`) and, when carried over, in the plan
   * (`pointer`). Empty when everything carried over as it was.
   */
  findings: PlanImportFinding[];
}

/** State of an operation poller: where the operation is polled, and its last known state. */
export interface OperationPollerState extends PollOperationState<Operation> {
  /** URL of the operation, as the service gave it in Location. */
  operationLocation: string;
  /** The operation as of the last poll. */
  operation?: Operation;
}

/**
 * A poller over a long-running operation. `pollUntilDone()` resolves with the final operation, whether it
 * succeeded, failed or was canceled: check `status`, `error` and the steps. Aborting stops waiting; it never cancels.
 */
export type OperationPoller = PollerLike<OperationPollerState, Operation>;

/** Options shared by every `begin…` method. */
export interface BeginOperationOptions extends OperationOptions {
  /** Delay between polls when the service does not say (Retry-After). Default 2000 ms. */
  updateIntervalInMs?: number;
  /** A poller's `toString()`: resume watching that operation instead of starting a new one. */
  resumeFrom?: string;
}

export type BeginFailoverOptions = BeginOperationOptions;
export type BeginCommitOptions = BeginOperationOptions;
export type BeginFailbackOptions = BeginOperationOptions;
export type BeginDrillOptions = BeginOperationOptions;

export interface ListOperationsOptions extends OperationOptions {
  /** Only this plan's operations. */
  plan?: string;
  /** Only operations in this status. */
  status?: OperationStatus;
}
export type GetOperationOptions = OperationOptions;
export interface ApproveOperationOptions extends OperationOptions {
  comment?: string;
}
export interface RejectOperationOptions extends OperationOptions {
  comment?: string;
}
export interface CancelOperationOptions extends OperationOptions {
  reason?: string;
}

export type GetHealthOptions = OperationOptions;
export type GetPlanHealthOptions = OperationOptions;

export interface ListDrillsOptions extends OperationOptions {
  /** Only this plan's drills. */
  plan?: string;
}
export type GetDrillOptions = OperationOptions;
export type GetDrillReportHtmlOptions = OperationOptions;
