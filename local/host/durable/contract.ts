// The seam between the local host's two halves:
//   - the durable engine (local/host/durable/) keeps task-hub state, replays orchestrations, runs activities,
//     timers, events and entities; it speaks the durable-functions wire protocol (see shared durable-local notes);
//   - the host shell (the rest of local/host/) loads the app, captures registrations, invokes handlers through the
//     @azure/functions invocation model, serves HTTP and timers, and exposes the engine over the durable HTTP API.
// The engine never imports the shell; the shell hands it a FunctionInvoker.

/** How the engine reaches the app's durable functions; implemented by the host shell. */
export interface FunctionInvoker {
  /** Names of the registered functions of a durable kind. */
  functionNames(kind: DurableFunctionKind): string[];
  /**
   * Invokes a registered durable function with its trigger payload exactly as the Functions host would deliver it
   * (for an orchestrator: `{history, input, instanceId, isReplaying, parentInstanceId, upperSchemaVersion, ...}`;
   * for an activity: the activity input; for an entity: the entity batch request) and returns what the handler
   * returned, or throws what it threw.
   */
  invoke(kind: DurableFunctionKind, name: string, payload: unknown, context: InvocationContextInfo): Promise<unknown>;
}

export type DurableFunctionKind = "orchestration" | "activity" | "entity";

export interface InvocationContextInfo {
  instanceId: string;
  /** A fresh id per invocation, for logs. */
  invocationId: string;
}

export type RuntimeStatus =
  | "Pending"
  | "Running"
  | "Completed"
  | "ContinuedAsNew"
  | "Failed"
  | "Canceled"
  | "Terminated"
  | "Suspended";

/** Status of one orchestration instance, in the shape of the Durable Functions HTTP API. */
export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: RuntimeStatus;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  /** Present when asked for with `showHistory`. */
  historyEvents?: unknown[];
}

export interface InstanceQuery {
  runtimeStatus?: RuntimeStatus[];
  createdTimeFrom?: string;
  createdTimeTo?: string;
  instanceIdPrefix?: string;
}

export interface EntityId {
  name: string;
  key: string;
}

/** What the host shell needs from the engine; everything is durable (survives a restart of the process). */
export interface DurableEngine {
  /** Loads state from storage and resumes every unfinished instance. */
  start(): Promise<void>;
  /** Stops taking work; in-flight work is abandoned and resumes on the next start, like a host shutdown. */
  stop(): Promise<void>;
  /** Starts an orchestration; rejects with InstanceExistsError when a non-terminal instance has that id. */
  startNew(name: string, options?: { instanceId?: string; input?: unknown }): Promise<string>;
  getStatus(instanceId: string, options?: { showHistory?: boolean; showHistoryOutput?: boolean; showInput?: boolean }): Promise<InstanceStatus | undefined>;
  listInstances(query?: InstanceQuery): Promise<InstanceStatus[]>;
  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void>;
  terminate(instanceId: string, reason: string): Promise<void>;
  suspend(instanceId: string, reason: string): Promise<void>;
  resume(instanceId: string, reason: string): Promise<void>;
  purge(instanceId: string): Promise<boolean>;
  signalEntity(entity: EntityId, operation: string, input?: unknown): Promise<void>;
  readEntityState(entity: EntityId): Promise<{ exists: boolean; state: unknown }>;
  /** Resolves once no work is runnable right now (only timers in the future or external waits remain); for tests. */
  whenIdle(): Promise<void>;
}

export class InstanceExistsError extends Error {
  constructor(readonly instanceId: string) {
    super(`an orchestration instance with id '${instanceId}' already exists and is not finished`);
    this.name = "InstanceExistsError";
  }
}

export class InstanceNotFoundError extends Error {
  constructor(readonly instanceId: string) {
    super(`no orchestration instance with id '${instanceId}'`);
    this.name = "InstanceNotFoundError";
  }
}

/** The operation needs a running instance, and this one has finished (or is in a state that forbids it). */
export class InstanceNotRunningError extends Error {
  constructor(
    readonly instanceId: string,
    message = `orchestration instance '${instanceId}' is not running`,
  ) {
    super(message);
    this.name = "InstanceNotRunningError";
  }
}
