// What orchestrations hand activities and get back: plain JSON shapes, because every input and result is
// stored in the durable history and replayed. Types only; the activities' behaviour lives next to their clients.
import type {
  Operation,
  OperationError,
  PlanAction,
  RecoveryPointChoice,
  StandbyEventType,
  VaultReference,
} from "@standby/client/contract";
import type { ItemDecision } from "../core/failover/guard";
import type { FailoverDirection, ItemOperation } from "../core/plan/sequence";

export interface PreflightInput {
  vault: VaultReference;
  /** The plan's item references, as written in the plan. */
  items: string[];
  operation: ItemOperation;
  direction: FailoverDirection;
  rpoBudgetSeconds: number;
  force?: boolean;
}

export interface PreflightVerdict {
  item: string;
  itemId?: string;
  decision: ItemDecision;
  reason?: string;
}

export interface PreflightResult {
  allowed: boolean;
  items: PreflightVerdict[];
  refusals: string[];
}

export interface StartItemActionInput {
  vault: VaultReference;
  /** The plan's reference, for messages. */
  item: string;
  /** The resolved resource id. */
  itemId: string;
  operation: ItemOperation;
  direction: FailoverDirection;
  recoveryPoint: RecoveryPointChoice;
  rpoBudgetSeconds: number;
  force?: boolean;
  /** Test failovers (drills): the plan's isolated test network the copies are attached to. */
  networkId?: string;
  /**
   * Test failovers (drills): a test failover that succeeded at or after this time is this run's own. A start re-run
   * after a crash may find it already done; it is then reported as done by this run, not as a leftover skipped.
   */
  ownTestFailoverSinceMs?: number;
}

export type StartItemActionResult =
  | { outcome: "skipped"; reason: string; doneByThisRun?: boolean }
  | { outcome: "refused"; reason: string }
  | {
      outcome: "started";
      jobId: string;
      /** True when a job of a previous attempt was already running and is watched instead of starting another. */
      adopted: boolean;
      /** `poller.toString()` of the started action, for a resume without a second POST. */
      pollerState?: string;
      /** Actions to a chosen point (also an adopted one): its time (epoch ms), for the data-loss figure or the drill report. */
      recoveryPointTimeMs?: number;
      /** Failovers to "latest": the item's RPO when it started, i.e. what had not reached the recovery side. */
      rpoSeconds?: number;
    };

export interface ReadJobInput {
  vault: VaultReference;
  jobId: string;
}

export interface JobStatus {
  jobId: string;
  state: string;
  ended: boolean;
  succeeded: boolean;
  error?: OperationError;
}

export interface CancelItemActionInput {
  vault: VaultReference;
  itemId: string;
}

export interface CancelItemActionResult {
  /** What was done: ASR's failover cancel, a cancel of the running job, or nothing ASR allows. */
  action: "failoverCancel" | "jobCancel" | "none";
  reason?: string;
}

export interface ReplicationHealthInput {
  vault: VaultReference;
  itemIds: string[];
}

export interface ItemHealth {
  itemId: string;
  healthy: boolean;
  /** Why not, for the timeline. */
  reason?: string;
}

export interface TrafficSwitchInput {
  /** Resource id of the Traffic Manager profile. */
  profile: string;
  activate: "standby" | "primary";
  primaryEndpoint: string;
  standbyEndpoint: string;
}

export interface EndpointChange {
  endpoint: string;
  from: string;
  to: string;
}

export interface TrafficSwitchResult {
  /** Only the endpoints actually changed (an already-switched profile yields none). */
  changes: EndpointChange[];
}

export interface TrafficEndpointStatus {
  name: string;
  endpointStatus: string;
}

export interface WebhookInput {
  action: Extract<PlanAction, { type: "webhook" }>;
  /** Sent as `Idempotency-Key`, so a receiver can drop the repeat of a call the activity made twice. */
  idempotencyKey: string;
  /** The plan's own allow-list; the app's list from configuration is checked as well. */
  planAllowedHosts: string[];
}

/** A webhook or probe call: ok, or what was wrong (a refused URL, a network error, an unexpected status). */
export interface OutboundResult {
  ok: boolean;
  status?: number;
  problem?: string;
}

export interface ProbeInput {
  url: string;
  expectStatus: number;
  timeoutSeconds: number;
  planAllowedHosts: string[];
}


/** The contract's operation events: a type the contract does not list cannot be published, nor one it renamed. */
export type OperationEventType = Extract<StandbyEventType, `Standby.Operation.${string}`>;

export interface OperationEventInput {
  type: OperationEventType;
  operation: Operation;
}

export interface StartRunbookInput {
  /** …/automationAccounts/{account}/runbooks/{runbook} */
  runbookId: string;
  parameters: Record<string, string>;
  /** Deterministic per operation step: starting twice finds the first job instead of starting a second. */
  jobName: string;
}

export interface RunbookJobStatus {
  jobName: string;
  /** Automation's job status: New, Activating, Running, Completed, Failed, Stopped, Suspended, … */
  state: string;
  ended: boolean;
  succeeded: boolean;
  exception?: string;
}
