// What the handlers work with. The stores and the lock are shared by every request; the engine is bound to the
// invocation (the durable client comes with each HTTP call). Tests pass in-memory fakes of the same shapes.
import type { OperationStore } from "../activities/storage/operation-store";
import type { PlanLock } from "../activities/storage/plan-lock";
import type { PlanStore } from "../activities/storage/plan-store";
import type { ApiRequest, ApiResponse } from "./api-types";
import type { LiveStateReader } from "./live-state-reader";
import type { OperationEngine } from "./operation-engine";
import type { RecoveryPlanReader } from "./recovery-plan-reader";

export type PlanRepository = Pick<PlanStore, "get" | "list" | "put" | "delete">;
export type OperationRepository = Pick<OperationStore, "get" | "list" | "saveIfAbsent">;
export type PlanLockPort = Pick<PlanLock, "acquire" | "release" | "activeHolder">;

export interface ApiDependencies {
  plans: PlanRepository;
  operations: OperationRepository;
  lock: PlanLockPort;
  engine: OperationEngine;
  readLiveState: LiveStateReader;
  readRecoveryPlan: RecoveryPlanReader;
  /** Lab only: plans may call loopback webhooks and probes. */
  allowLoopbackTargets: boolean;
  /** The app's allow-list for webhook and probe hosts; a stored plan may name no other host. */
  allowedHosts: readonly string[];
  now(): number;
  newOperationId(kind: string): string;
  /** Failures that are not the caller's fault (logged, answered with a generic 500). */
  reportError(error: unknown): void;
}

export type RouteHandler = (request: ApiRequest, deps: ApiDependencies) => Promise<ApiResponse>;
