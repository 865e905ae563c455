// The durable engine of the local Functions host: a task hub that keeps instances, histories, entities and pending
// work in a TaskHubStore and runs them through the app's durable functions (via the host shell's FunctionInvoker).
//
// Crash safety comes from the write order of every unit of work, the same as the Durable Task Framework's:
//   1. write what the work sends (messages, sub-orchestration instances) under deterministic ids,
//   2. commit the new state (the history rows and the instance record that says how long the history is, in one
//      transaction where the store can; or the entity record),
//   3. delete the messages the work consumed.
// A crash before 2 repeats the work (its messages are overwritten, not doubled); a crash before 3 re-delivers
// messages that the record's last-consumed list, or the history itself, marks as already applied.
// An orchestration's step 3 rides on its next episode's step 1 (one store call instead of two per episode), so
// only the last committed episode's messages can still be stored, and that is what the last-consumed list covers;
// an instance that ends deletes them at once.
import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock/clock";
import {
  InstanceExistsError,
  InstanceNotFoundError,
  InstanceNotRunningError,
  type DurableEngine,
  type EntityId,
  type FunctionInvoker,
  type InstanceQuery,
  type InstanceStatus,
} from "./contract";
import { runActivity } from "./activity-runner";
import { runEntityBatch, schedulerId } from "./entity-runner";
import { toJsonText } from "./decision-recorder";
import { DueTimers } from "./due-timers";
import { runEpisode } from "./episode";
import { planChildren } from "./sub-orchestrations";
import { GroupCommit } from "./group-commit";
import { EventType, historyEvent, type HistoryEvent } from "./history";
import { InstanceState } from "./instance-state";
import { messageIds, type ActivityMessage, type EntityMessage, type OrchestratorMessage, type WorkMessage } from "./messages";
import { isTerminal, parseJsonText, projectStatus, type StatusOptions } from "./status";
import type { EntityRecord, InstanceRecord, TaskHubStore } from "./store";
import { validateInstanceId, validateEntityId } from "./validation";

/** Histories read at once when the engine starts. */
const LOAD_PARALLELISM = 16;

/** Pause before work that failed (for example, storage unreachable) is tried again. */
const RETRY_AFTER_FAILURE_MS = 1_000;

/** Activity answers written in one store call: 50 answers and 50 deletions fill one table transaction. */
const ANSWER_GROUP_LIMIT = 50;

/** How long stop() waits for app code that is still running. */
const STOP_GRACE_MS = 5_000;

/** Thrown at a write boundary once the engine is stopping: the work is abandoned and resumes on the next start. */
class EngineStoppedError extends Error {}

export type EngineLog = (level: "info" | "warning" | "error", message: string) => void;

export interface DurableEngineOptions {
  invoker: FunctionInvoker;
  store: TaskHubStore;
  clock: Clock;
  taskHub: string;
  /** Activities running at once; 10 unless set. */
  maxConcurrentActivities?: number;
  log?: EngineLog;
}

/** The engine, plus what tests and benchmarks read beyond the host contract. */
export interface LocalDurableEngine extends DurableEngine {
  readonly taskHub: string;
  /** The raw history of the instance's current execution, as replayed to the orchestrator. */
  getHistory(instanceId: string): Promise<HistoryEvent[]>;
}

export function createDurableEngine(options: DurableEngineOptions): LocalDurableEngine {
  return new TaskHubEngine(options);
}

class TaskHubEngine implements LocalDurableEngine {
  readonly taskHub: string;
  private readonly invoker: FunctionInvoker;
  private readonly store: TaskHubStore;
  private readonly clock: Clock;
  private readonly maxConcurrentActivities: number;
  private readonly log: EngineLog;

  private readonly instances = new Map<string, InstanceState>();
  private readonly entities = new Map<string, EntityRecord>();
  private readonly messages = new Map<string, WorkMessage>();
  private readonly timers: DueTimers;
  private readonly busyInstances = new Set<string>();
  private readonly busyEntities = new Set<string>();
  private readonly runningActivities = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Activities that finish together are answered together: their answers are written and their messages retired
   * in one store call, which keeps a wide fan-out from costing two storage round trips per activity.
   */
  private readonly answers = new GroupCommit<{ activityId: string; answer: OrchestratorMessage }>((group) => this.commitAnswers(group), ANSWER_GROUP_LIMIT);
  private idleWaiters: (() => void)[] = [];
  private sequence = 0;
  private started = false;
  private stopped = false;
  private pumpScheduled = false;

  constructor(options: DurableEngineOptions) {
    this.taskHub = options.taskHub;
    this.invoker = options.invoker;
    this.store = options.store;
    this.clock = options.clock;
    const limit = options.maxConcurrentActivities ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`maxConcurrentActivities must be a positive integer, got ${limit}`);
    this.maxConcurrentActivities = limit;
    this.log = options.log ?? (() => undefined);
    this.timers = new DueTimers(this.clock, () => this.kick());
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.store.open();
    const [records, entities, messages] = await Promise.all([this.store.loadInstances(), this.store.loadEntities(), this.store.loadMessages()]);
    for (let start = 0; start < records.length; start += LOAD_PARALLELISM) {
      await Promise.all(records.slice(start, start + LOAD_PARALLELISM).map(async (record) => {
        const history = await this.store.readHistory(record.instanceId, record.executionId, record.historyLength);
        this.instances.set(record.instanceId, new InstanceState(record, history));
      }));
    }
    for (const entity of entities) this.entities.set(entity.entityId, entity);
    for (const message of messages) {
      this.messages.set(message.id, message);
      this.sequence = Math.max(this.sequence, message.sequence + 1);
    }
    this.started = true;
    for (const message of messages) this.armTimer(message);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.close();
    // Work in flight stops at its next write (see `write`); app code that never returns is not waited for long.
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, STOP_GRACE_MS).unref()));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(graceTimer);
    this.releaseIdleWaiters();
  }

  async startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): Promise<string> {
    this.assertRunning();
    this.assertRegistered("orchestration", name);
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, "");
    validateInstanceId(instanceId);
    const existing = this.instances.get(instanceId);
    if (existing && !isTerminal(existing.record.runtimeStatus)) throw new InstanceExistsError(instanceId);
    const record = newInstanceRecord(instanceId, this.registeredName("orchestration", name), toJsonText(options.input), this.nowIso());
    await this.store.putInstance(record);
    this.instances.set(instanceId, new InstanceState(record, []));
    this.kick();
    return instanceId;
  }

  async getStatus(instanceId: string, options: StatusOptions = {}): Promise<InstanceStatus | undefined> {
    const state = this.instances.get(instanceId);
    return state ? projectStatus(state.record, state.history, options) : undefined;
  }

  async listInstances(query: InstanceQuery = {}): Promise<InstanceStatus[]> {
    return [...this.instances.values()]
      .map((state) => state.record)
      .filter((record) => !query.runtimeStatus || query.runtimeStatus.includes(record.runtimeStatus))
      .filter((record) => !query.createdTimeFrom || record.createdTime >= new Date(query.createdTimeFrom).toISOString())
      .filter((record) => !query.createdTimeTo || record.createdTime <= new Date(query.createdTimeTo).toISOString())
      .filter((record) => !query.instanceIdPrefix || record.instanceId.startsWith(query.instanceIdPrefix))
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime))
      .map((record) => projectStatus(record, undefined));
  }

  async getHistory(instanceId: string): Promise<HistoryEvent[]> {
    const state = this.instances.get(instanceId);
    if (!state) throw new InstanceNotFoundError(instanceId);
    return structuredClone(state.history);
  }

  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<void> {
    if (typeof eventName !== "string" || eventName === "") throw new TypeError("an event name is required");
    this.runningInstance(instanceId);
    await this.enqueue({
      kind: "orchestrator",
      id: `event|${instanceId}|${randomUUID()}`,
      sequence: this.sequence++,
      instanceId,
      event: historyEvent(EventType.EventRaised, this.nowIso(), { Name: eventName, Input: toJsonText(data) }),
    });
  }

  async terminate(instanceId: string, reason: string): Promise<void> {
    this.runningInstance(instanceId);
    await this.enqueueControl(instanceId, "terminate", historyEvent(EventType.ExecutionTerminated, this.nowIso(), { Input: toJsonText(reason) }));
  }

  async suspend(instanceId: string, reason: string): Promise<void> {
    if (this.runningInstance(instanceId).runtimeStatus === "Suspended") return;
    await this.enqueueControl(instanceId, "suspend", historyEvent(EventType.ExecutionSuspended, this.nowIso(), { Reason: reason }));
  }

  async resume(instanceId: string, reason: string): Promise<void> {
    this.runningInstance(instanceId);
    await this.enqueueControl(instanceId, "resume", historyEvent(EventType.ExecutionResumed, this.nowIso(), { Reason: reason }));
  }

  async purge(instanceId: string): Promise<boolean> {
    const state = this.instances.get(instanceId);
    if (!state) return false;
    if (!isTerminal(state.record.runtimeStatus)) {
      throw new InstanceNotRunningError(instanceId, `instance '${instanceId}' is ${state.record.runtimeStatus}; only finished instances can be purged`);
    }
    const leftovers = [...this.messages.values()].filter((message) => message.kind !== "entity" && message.instanceId === instanceId).map((message) => message.id);
    await this.store.deleteMessages(leftovers);
    await this.store.deleteInstance(instanceId);
    leftovers.forEach((id) => this.forgetMessage(id));
    this.instances.delete(instanceId);
    return true;
  }

  async signalEntity(entity: EntityId, operation: string, input?: unknown): Promise<void> {
    this.assertRunning();
    validateEntityId(entity);
    if (typeof operation !== "string" || operation === "") throw new TypeError("an entity operation name is required");
    this.assertRegistered("entity", entity.name);
    const requestId = randomUUID();
    await this.enqueue({
      kind: "entity",
      id: messageIds.entityOperation(requestId),
      sequence: this.sequence++,
      entityId: schedulerId(entity.name, entity.key),
      operation,
      input: input === undefined ? undefined : JSON.stringify(input),
      requestId,
    });
  }

  async readEntityState(entity: EntityId): Promise<{ exists: boolean; state: unknown }> {
    validateEntityId(entity);
    const record = this.entities.get(schedulerId(entity.name, entity.key));
    if (!record || !record.exists) return { exists: false, state: undefined };
    return { exists: true, state: parseJsonText(record.state) };
  }

  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  // ---- dispatching -------------------------------------------------------------------------------------------

  /**
   * Runs the dispatcher on the next turn of the event loop: answers that arrive meanwhile join one episode (a
   * fan-in of many activities replays once per batch, not once per answer), and a virtual clock, which yields one
   * turn after each timer it fires, still sees the episode that timer started before it fires the next one.
   */
  private kick(): void {
    if (this.pumpScheduled || !this.started) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.stopped) return this.releaseIdleWaiters();
    const nowMs = this.clock.now();
    const forInstances = new Map<string, OrchestratorMessage[]>();
    const forEntities = new Map<string, EntityMessage[]>();
    const activities: ActivityMessage[] = [];
    const dropped: string[] = [];

    for (const message of this.messages.values()) {
      if (message.kind === "activity") {
        if (!this.runningActivities.has(message.id)) activities.push(message);
      } else if (message.kind === "entity") {
        if (!this.busyEntities.has(message.entityId) && (message.visibleAtMs ?? 0) <= nowMs) push(forEntities, message.entityId, message);
      } else if (!this.busyInstances.has(message.instanceId)) {
        const state = this.instances.get(message.instanceId);
        const delivery = state ? state.classify(message, nowMs) : "drop";
        if (delivery === "drop") dropped.push(message.id);
        else if (delivery === "deliver") push(forInstances, message.instanceId, message);
      }
    }
    if (dropped.length > 0) this.track(this.dropMessages(dropped));

    for (const [instanceId, state] of this.instances) {
      if (state.needsFirstEpisode && !this.busyInstances.has(instanceId) && !forInstances.has(instanceId)) forInstances.set(instanceId, []);
    }
    for (const [instanceId, deliverable] of forInstances) {
      const state = this.instances.get(instanceId)!;
      deliverable.sort(deliveryOrder);
      const batch = state.nextBatch(deliverable, nowMs);
      if (batch.length === 0 && !state.needsFirstEpisode) continue;
      this.busyInstances.add(instanceId);
      this.track(this.processInstance(state, batch, nowMs).finally(() => this.busyInstances.delete(instanceId)));
    }
    for (const [entityId, batch] of forEntities) {
      this.busyEntities.add(entityId);
      batch.sort(deliveryOrder);
      this.track(this.processEntity(entityId, batch).finally(() => this.busyEntities.delete(entityId)));
    }
    activities.sort(deliveryOrder);
    for (const message of activities) {
      if (this.runningActivities.size >= this.maxConcurrentActivities) break;
      this.runningActivities.add(message.id);
      this.track(this.processActivity(message).finally(() => this.runningActivities.delete(message.id)));
    }
    if (this.inFlight.size === 0) this.releaseIdleWaiters();
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .then(
        () => this.kick(),
        (error) => {
          if (error instanceof EngineStoppedError) return;
          this.log("error", `durable engine work failed, retrying: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          // The work's messages are still pending; try again after a pause rather than spin on a failing store.
          setTimeout(() => this.kick(), RETRY_AFTER_FAILURE_MS).unref();
        },
      )
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private releaseIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private async processInstance(state: InstanceState, batch: OrchestratorMessage[], nowMs: number): Promise<void> {
    const { output, startedNewExecution } = await runEpisode({
      record: state.record,
      history: state.history,
      batch,
      nowMs,
      invoker: this.invoker,
      nextSequence: () => this.sequence++,
    });
    const record = output.record;
    const { create: children, rejections } = planChildren({
      starts: output.childStarts,
      existing: (instanceId) => this.instances.get(instanceId)?.record,
      newRecord: (start) => newInstanceRecord(start.instanceId, this.registeredName("orchestration", start.name), start.input, output.now),
      now: output.now,
      sequence: () => this.sequence++,
    });
    const outbound = [...output.outbound, ...rejections];

    const firstIndex = state.record.historyLength;
    if (!startedNewExecution) record.historyLength = firstIndex + output.events.length;
    const consumed = batch.map((message) => message.id);
    await this.write(() => this.store.exchangeMessages(outbound, state.consumedUndeleted));
    state.consumedUndeleted = [];
    await Promise.all(children.map((child) => this.write(() => this.store.putInstance(child))));
    await this.write(() => this.store.putInstance(record, startedNewExecution ? undefined : { fromIndex: firstIndex, events: output.events }));
    if (isTerminal(record.runtimeStatus)) await this.write(() => this.store.deleteMessages(consumed));
    else state.consumedUndeleted = consumed;

    state.commit(record, output.events, startedNewExecution);
    for (const child of children) this.instances.set(child.instanceId, new InstanceState(child, []));
    consumed.forEach((id) => this.forgetMessage(id));
    outbound.forEach((message) => this.remember(message));
    if (isTerminal(record.runtimeStatus)) this.log("info", `orchestration '${record.instanceId}' (${record.name}) ${record.runtimeStatus}`);
  }

  private async processActivity(message: ActivityMessage): Promise<void> {
    const answer = await runActivity(this.invoker, message, () => this.nowIso(), () => this.sequence++);
    await this.answers.add({ activityId: message.id, answer });
  }

  private async commitAnswers(group: { activityId: string; answer: OrchestratorMessage }[]): Promise<void> {
    await this.write(() => this.store.exchangeMessages(group.map((entry) => entry.answer), group.map((entry) => entry.activityId)));
    for (const entry of group) {
      this.forgetMessage(entry.activityId);
      this.remember(entry.answer);
    }
  }

  private async processEntity(entityId: string, messages: EntityMessage[]): Promise<void> {
    const record = this.entities.get(entityId) ?? { entityId, exists: false, lastModifiedTime: this.nowIso(), lastBatch: { requestIds: [], sent: [] } };
    const applied = new Set(record.lastBatch.requestIds);
    const repeats = messages.filter((message) => applied.has(message.requestId));
    const batch = messages.filter((message) => !applied.has(message.requestId));
    if (repeats.length > 0) {
      // Re-delivered after a crash: what that batch sent may not have been written yet.
      await this.write(() => this.store.putMessages(record.lastBatch.sent));
      await this.write(() => this.store.deleteMessages(repeats.map((message) => message.id)));
      repeats.forEach((message) => this.forgetMessage(message.id));
      record.lastBatch.sent.forEach((message) => this.remember(message));
    }
    if (batch.length === 0) return;
    const outcome = await runEntityBatch({ invoker: this.invoker, record, batch, now: this.nowIso(), sequence: () => this.sequence++ });
    await this.write(() => this.store.putMessages(outcome.sent));
    await this.write(() => this.store.putEntity(outcome.record));
    await this.write(() => this.store.deleteMessages(batch.map((message) => message.id)));
    this.entities.set(entityId, outcome.record);
    batch.forEach((message) => this.forgetMessage(message.id));
    outcome.sent.forEach((message) => this.remember(message));
  }

  private async dropMessages(ids: string[]): Promise<void> {
    await this.write(() => this.store.deleteMessages(ids));
    ids.forEach((id) => this.forgetMessage(id));
  }

  /** Every write of dispatched work goes through here, so a stopping engine leaves off between writes. */
  private async write(step: () => Promise<void>): Promise<void> {
    if (this.stopped) throw new EngineStoppedError("the durable engine is stopping");
    await step();
  }

  private async enqueue(message: WorkMessage): Promise<void> {
    await this.store.putMessages([message]);
    this.remember(message);
  }

  private async enqueueControl(instanceId: string, control: NonNullable<OrchestratorMessage["control"]>, event: HistoryEvent): Promise<void> {
    await this.enqueue({ kind: "orchestrator", id: `${control}|${instanceId}|${randomUUID()}`, sequence: this.sequence++, instanceId, control, event });
  }

  private remember(message: WorkMessage): void {
    this.messages.set(message.id, message);
    this.armTimer(message);
    this.kick();
  }

  private forgetMessage(id: string): void {
    this.messages.delete(id);
    this.timers.cancel(id);
  }

  private armTimer(message: WorkMessage): void {
    if (message.visibleAtMs !== undefined) this.timers.arm(message.id, message.visibleAtMs);
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private assertRunning(): void {
    if (!this.started || this.stopped) throw new Error("the durable engine is not running; call start() first");
  }

  private runningInstance(instanceId: string): InstanceRecord {
    this.assertRunning();
    const state = this.instances.get(instanceId);
    if (!state) throw new InstanceNotFoundError(instanceId);
    if (isTerminal(state.record.runtimeStatus)) throw new InstanceNotRunningError(instanceId);
    return state.record;
  }

  private registeredName(kind: "orchestration" | "entity", name: string): string {
    return this.invoker.functionNames(kind).find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? name;
  }

  private assertRegistered(kind: "orchestration" | "entity", name: string): void {
    if (typeof name !== "string" || name === "") throw new TypeError(`a${kind === "entity" ? "n entity" : "n orchestration"} name is required`);
    const names = this.invoker.functionNames(kind);
    if (!names.some((candidate) => candidate.toLowerCase() === name.toLowerCase())) {
      throw new RangeError(`no ${kind} function named '${name}' is registered (registered: ${names.join(", ") || "none"})`);
    }
  }
}

function newInstanceRecord(instanceId: string, name: string, input: string, now: string): InstanceRecord {
  return {
    instanceId,
    name,
    executionId: randomUUID().replace(/-/g, ""),
    runtimeStatus: "Pending",
    input,
    createdTime: now,
    lastUpdatedTime: now,
    historyLength: 0,
    nextEventId: 0,
    composites: {},
    internalEventIds: [],
    lastConsumedMessageIds: [],
  };
}

/** Due timers by due time, everything else first, in creation order. */
function deliveryOrder(a: WorkMessage, b: WorkMessage): number {
  return (a.visibleAtMs ?? 0) - (b.visibleAtMs ?? 0) || a.sequence - b.sequence;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
