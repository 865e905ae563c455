// Where a task hub keeps its state. The engine holds a working copy in memory and writes through to a store in an
// order that lets a fresh engine continue after a crash at any point (see the header of engine.ts).
import type { RuntimeStatus } from "./contract";
import type { FailureDetails, HistoryEvent } from "./history";
import type { WorkMessage } from "./messages";

/** Engine-side state of a retry (callActivityWithRetry / callSubOrchestratorWithRetry) or a long timer. */
export type CompositeTask =
  | {
      kind: "retry";
      target: "activity" | "orchestration";
      name: string;
      /** Activity input value, or sub-orchestration input value. */
      input: unknown;
      subInstanceId?: string;
      firstRetryIntervalInMilliseconds: number;
      maxNumberOfAttempts: number;
      backoffCoefficient: number;
      maxRetryIntervalInMilliseconds?: number;
      /** Attempts made so far (the first call is attempt 1). */
      attempts: number;
    }
  | { kind: "longTimer"; finalFireAt: string };

export interface ParentLink {
  instanceId: string;
  executionId: string;
  name: string;
  taskId: number;
}

export interface InstanceRecord {
  instanceId: string;
  name: string;
  executionId: string;
  runtimeStatus: RuntimeStatus;
  /** JSON text of the current execution's input. */
  input?: string;
  /** JSON text of the output (Completed), or the failure message (Failed) / reason (Terminated). */
  output?: string;
  /** JSON text of the custom status. */
  customStatus?: string;
  failureDetails?: FailureDetails;
  createdTime: string;
  lastUpdatedTime: string;
  /** Number of committed history events of the current execution. */
  historyLength: number;
  /** Next sequence number the orchestrator will consume (task ids, timer ids, entity messages). */
  nextEventId: number;
  parent?: ParentLink;
  /** Open retries and long timers, keyed by the sequence number they currently wait on. */
  composites: Record<string, CompositeTask>;
  /** Sequence numbers the engine consumed on the orchestrator's behalf (retries, long-timer segments). */
  internalEventIds: number[];
  /** Messages consumed by the last committed episode, so a re-delivery after a crash is recognised. */
  lastConsumedMessageIds: string[];
}

export interface EntityRecord {
  /** Scheduler id `@name@key`. */
  entityId: string;
  exists: boolean;
  /** JSON text of the state. */
  state?: string;
  lastModifiedTime: string;
  /** Requests applied by the last committed batch, and what that batch sent, for re-delivery after a crash. */
  lastBatch: { requestIds: string[]; sent: WorkMessage[] };
}

/** History events an episode appended, at positions `fromIndex`, `fromIndex + 1`, ... of the execution's history. */
export interface HistoryAppend {
  fromIndex: number;
  events: HistoryEvent[];
}

export interface TaskHubStore {
  /** Creates tables/containers if needed. */
  open(): Promise<void>;
  loadInstances(): Promise<InstanceRecord[]>;
  /** The first `length` events of the instance's execution `executionId`. */
  readHistory(instanceId: string, executionId: string, length: number): Promise<HistoryEvent[]>;
  /**
   * Writes the instance record and, with it, the history events appended since the last one: one atomic step where
   * the store can. Where it cannot, the events are written first; events past the record's `historyLength` do not
   * count, so a failure in between leaves the last committed state.
   */
  putInstance(record: InstanceRecord, appended?: HistoryAppend): Promise<void>;
  /** Removes the instance record and all its history. */
  deleteInstance(instanceId: string): Promise<void>;
  loadMessages(): Promise<WorkMessage[]>;
  putMessages(messages: WorkMessage[]): Promise<void>;
  deleteMessages(ids: string[]): Promise<void>;
  /** Writes `put` and deletes `deleteIds` as one atomic step where the store can, else writes first, then deletes. */
  exchangeMessages(put: WorkMessage[], deleteIds: string[]): Promise<void>;
  loadEntities(): Promise<EntityRecord[]>;
  putEntity(record: EntityRecord): Promise<void>;
}
