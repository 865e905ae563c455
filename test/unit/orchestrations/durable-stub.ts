// A stub `context.df` and a small driver for orchestrator generators, in the style of Temporal's workflow tests
// with stub activities: the test supplies activity handlers and scripted external events; the driver answers
// each yielded task (`gen.next(result)` / `gen.throw(error)`), moves a virtual clock to fire timers, and runs
// sub-orchestrations through their real generators (one after the other; `maxRunningSubs` counts how many were
// scheduled and not yet answered at once). Like the durable engines, it refuses a task that consumes a sequence
// number (activity, sub-orchestration, timer) being yielded a second time: durable-functions would schedule it again.
// `continueAsNew` restarts the generator with the new input once it returns; `executions` counts the restarts.
import type { OrchestrationContext } from "durable-functions";

type Handler = (input: unknown, world: World) => unknown;
type Orchestrator = (context: OrchestrationContext) => Generator<unknown, unknown, unknown>;

export interface StubTask {
  kind: "activity" | "sub" | "timer" | "event" | "all" | "any";
  name?: string;
  input?: unknown;
  instanceId?: string;
  fireAtMs?: number;
  children?: StubTask[];
  isCompleted: boolean;
  isFaulted: boolean;
  isCanceled: boolean;
  scheduled?: boolean;
  result?: unknown;
  cancel(): void;
}

export interface ScriptedEvent {
  name: string;
  data: unknown;
  /** Arrives at this virtual time (epoch ms); without it, as soon as `when` holds. */
  atMs?: number;
  when?: (world: World) => boolean;
}

export interface CallRecord {
  kind: "activity" | "sub";
  name: string;
  input: unknown;
  atMs: number;
  instanceId?: string;
}

export class World {
  nowMs: number;
  readonly calls: CallRecord[] = [];
  readonly statuses: unknown[] = [];
  /** Most sub-orchestrations started and not yet finished at once, per parent instance. */
  maxRunningSubs = 0;
  /** Executions per instance id: 1, plus one for every continueAsNew. */
  readonly executions = new Map<string, number>();
  private readonly events: ScriptedEvent[] = [];
  private readonly continuedAs = new Map<string, { input: unknown }>();

  constructor(
    readonly activities: Record<string, Handler>,
    readonly orchestrators: Record<string, Orchestrator> = {},
    startMs = Date.parse("2026-03-01T10:00:00Z"),
  ) {
    this.nowMs = startMs;
  }

  raise(event: ScriptedEvent): void {
    this.events.push(event);
  }

  callsTo(name: string): CallRecord[] {
    return this.calls.filter((call) => call.name === name);
  }

  /** Runs an orchestrator to its end and returns its output (throws what it throws). */
  run(orchestrator: Orchestrator, input: unknown, instanceId = "op-1"): unknown {
    for (let executionInput = input; ; ) {
      this.executions.set(instanceId, (this.executions.get(instanceId) ?? 0) + 1);
      const generator = orchestrator(this.context(executionInput, instanceId));
      let step = generator.next();
      for (let guard = 0; !step.done; guard += 1) {
        if (guard > 100_000) throw new Error("the orchestrator does not end");
        const task = step.value as StubTask;
        this.schedule(task);
        this.settle(task, instanceId);
        step = task.isFaulted ? generator.throw(task.result) : generator.next(task.result);
      }
      const continued = this.continuedAs.get(instanceId);
      if (continued === undefined) return step.value;
      this.continuedAs.delete(instanceId);
      // Like the durable engines: the next execution sees the new input as JSON would carry it.
      executionInput = JSON.parse(JSON.stringify(continued.input)) as unknown;
    }
  }

  private context(input: unknown, instanceId: string): OrchestrationContext {
    const task = (fields: Partial<StubTask> & Pick<StubTask, "kind">): StubTask => {
      const created: StubTask = {
        isCompleted: false,
        isFaulted: false,
        isCanceled: false,
        cancel: () => {
          created.isCanceled = true;
        },
        ...fields,
      };
      return created;
    };
    const df = {
      instanceId,
      getInput: () => input,
      setCustomStatus: (status: unknown) => void this.statuses.push(status),
      continueAsNew: (newInput: unknown) => void this.continuedAs.set(instanceId, { input: newInput }),
      callActivity: (name: string, activityInput?: unknown) => task({ kind: "activity", name, input: activityInput }),
      callActivityWithRetry: (name: string, _retry: unknown, activityInput?: unknown) => task({ kind: "activity", name, input: activityInput }),
      callSubOrchestrator: (name: string, subInput?: unknown, subId?: string) =>
        task({ kind: "sub", name, input: subInput, ...(subId === undefined ? {} : { instanceId: subId }) }),
      createTimer: (fireAt: Date) => task({ kind: "timer", fireAtMs: fireAt.getTime() }),
      waitForExternalEvent: (name: string) => task({ kind: "event", name }),
      Task: {
        all: (children: StubTask[]) => task({ kind: "all", children }),
        any: (children: StubTask[]) => task({ kind: "any", children }),
      },
    };
    Object.defineProperty(df, "currentUtcDateTime", { get: () => new Date(this.nowMs) });
    return { df } as unknown as OrchestrationContext;
  }

  private readonly running = new Set<StubTask>();

  /** Marks what a yield schedules; a second yield of the same id-consuming task is a workflow bug. */
  private schedule(task: StubTask): void {
    if (task.kind === "all" || task.kind === "any") {
      for (const child of task.children ?? []) this.schedule(child);
      return;
    }
    if (task.kind === "event") return;
    if (task.scheduled) throw new Error(`a ${task.kind} task${task.name ? ` (${task.name})` : ""} was yielded twice: durable-functions would schedule it again`);
    task.scheduled = true;
    if (task.kind === "sub") {
      this.running.add(task);
      this.maxRunningSubs = Math.max(this.maxRunningSubs, this.running.size);
    }
  }

  private complete(task: StubTask, value: unknown): void {
    this.running.delete(task);
    task.isCompleted = true;
    task.result = value;
  }

  private settle(task: StubTask, parentId: string): void {
    if (task.isCompleted || task.isFaulted) return;
    switch (task.kind) {
      case "activity":
        return this.runActivity(task);
      case "sub":
        return this.runSub(task);
      case "timer":
        if (task.isCanceled) throw new Error("waits for a canceled timer");
        this.nowMs = Math.max(this.nowMs, task.fireAtMs as number);
        return this.complete(task, undefined);
      case "event": {
        const event = this.nextEvent(task.name as string, Number.POSITIVE_INFINITY);
        if (event === undefined) throw new Error(`waits for event ${task.name} and nothing will raise it`);
        return this.deliver(task, event);
      }
      case "all": {
        for (const child of task.children ?? []) {
          this.settle(child, parentId);
          if (child.isFaulted) {
            task.isFaulted = true;
            task.result = child.result;
            return;
          }
        }
        return this.complete(task, (task.children ?? []).map((child) => child.result));
      }
      case "any":
        return this.complete(task, this.firstOf(task.children ?? [], parentId));
    }
  }

  private firstOf(children: StubTask[], parentId: string): StubTask {
    const ended = children.find((child) => child.isCompleted || child.isFaulted);
    if (ended !== undefined) return ended;
    const timers = children.filter((child) => child.kind === "timer" && !child.isCanceled);
    const firstTimerMs = Math.min(...timers.map((timer) => timer.fireAtMs as number));
    for (const child of children) {
      if (child.kind !== "event") continue;
      const event = this.nextEvent(child.name as string, firstTimerMs);
      if (event !== undefined) {
        this.deliver(child, event);
        return child;
      }
    }
    const immediate = children.find((child) => child.kind === "activity" || child.kind === "sub" || child.kind === "all");
    if (immediate !== undefined) {
      this.settle(immediate, parentId);
      return immediate;
    }
    const timer = timers.find((candidate) => candidate.fireAtMs === firstTimerMs);
    if (timer === undefined) throw new Error("Task.any over tasks that will never end");
    this.settle(timer, parentId);
    return timer;
  }

  /** The first scripted event for `name` due before `beforeMs` (moving the clock to its arrival). */
  private nextEvent(name: string, beforeMs: number): ScriptedEvent | undefined {
    const index = this.events.findIndex(
      (event) => event.name === name && (event.atMs === undefined || event.atMs <= beforeMs) && (event.when?.(this) ?? true),
    );
    if (index < 0) return undefined;
    const [event] = this.events.splice(index, 1) as [ScriptedEvent];
    if (event.atMs !== undefined) this.nowMs = Math.max(this.nowMs, event.atMs);
    return event;
  }

  private deliver(task: StubTask, event: ScriptedEvent): void {
    this.complete(task, event.data);
  }

  private runActivity(task: StubTask): void {
    const name = task.name as string;
    this.calls.push({ kind: "activity", name, input: task.input, atMs: this.nowMs });
    const handler = this.activities[name];
    if (handler === undefined) throw new Error(`no stub for activity ${name}`);
    try {
      this.complete(task, handler(task.input, this));
    } catch (error) {
      task.isFaulted = true;
      task.result = error;
    }
  }

  private runSub(task: StubTask): void {
    const name = task.name as string;
    this.calls.push({ kind: "sub", name, input: task.input, atMs: this.nowMs, ...(task.instanceId === undefined ? {} : { instanceId: task.instanceId }) });
    const orchestrator = this.orchestrators[name];
    if (orchestrator === undefined) throw new Error(`no orchestrator ${name}`);
    try {
      this.complete(task, this.run(orchestrator, task.input, task.instanceId ?? `${name}-sub`));
    } catch (error) {
      this.running.delete(task);
      task.isFaulted = true;
      task.result = error;
    }
  }
}
