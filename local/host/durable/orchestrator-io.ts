// What the engine sends an orchestrator function and how it reads the answer, per the out-of-process protocol of
// durable-functions 3.x: the trigger payload carries the whole history; the result is an OrchestratorState, or an
// error whose message embeds the state after the `$OutOfProcData$:` marker.
import { EventType, type FailureDetails, type HistoryEvent } from "./history";
import { errorMessage, errorStack } from "./failure";

/** Durations the extension reports; timers longer than the maximum are split into intervals by the library. */
export const LONG_RUNNING_TIMER_INTERVAL = "3.00:00:00";
export const MAXIMUM_SHORT_TIMER_DURATION = "6.00:00:00";
export const LONG_RUNNING_TIMER_INTERVAL_MS = 3 * 24 * 3600_000;
export const MAXIMUM_SHORT_TIMER_DURATION_MS = 6 * 24 * 3600_000;

export interface OrchestratorState {
  isDone: boolean;
  actions: unknown;
  output?: unknown;
  error?: string;
  customStatus?: unknown;
  failureDetails?: FailureDetails;
}

export type OrchestratorOutcome =
  | { kind: "state"; state: OrchestratorState }
  | { kind: "failed"; message: string; stack?: string; state?: OrchestratorState };

export function orchestratorPayload(args: {
  instanceId: string;
  parentInstanceId?: string;
  input: unknown;
  /** Events of earlier episodes; the library sees them as played. */
  past: HistoryEvent[];
  /** Events of this episode. */
  fresh: HistoryEvent[];
}): Record<string, unknown> {
  return {
    // durable-functions rewrites Timestamps into Dates in place, so it gets copies.
    history: [...args.past.map((event) => ({ ...event, IsPlayed: true })), ...args.fresh.map((event) => ({ ...event }))],
    input: args.input,
    instanceId: args.instanceId,
    isReplaying: args.past.some((event) => event.EventType === EventType.OrchestratorCompleted),
    parentInstanceId: args.parentInstanceId,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 3,
    longRunningTimerIntervalDuration: LONG_RUNNING_TIMER_INTERVAL,
    maximumShortTimerDuration: MAXIMUM_SHORT_TIMER_DURATION,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
}

export function readOrchestratorResult(result: unknown): OrchestratorOutcome {
  const state = asState(typeof result === "string" ? safeParse(result) : result);
  if (!state) return { kind: "failed", message: `the orchestrator returned something that is not an orchestrator state: ${JSON.stringify(result)}` };
  return { kind: "state", state };
}

const OUT_OF_PROC_MARKER = "$OutOfProcData$:";

export function readOrchestratorError(error: unknown): OrchestratorOutcome {
  const message = errorMessage(error);
  const marker = message.indexOf(OUT_OF_PROC_MARKER);
  if (marker >= 0) {
    const state = asState(safeParse(message.slice(marker + OUT_OF_PROC_MARKER.length)));
    if (state) return { kind: "failed", message: state.error ?? message.slice(0, marker).trim(), stack: state.failureDetails?.StackTrace, state };
  }
  return { kind: "failed", message, stack: errorStack(error) };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asState(value: unknown): OrchestratorState | undefined {
  if (!value || typeof value !== "object" || typeof (value as { isDone?: unknown }).isDone !== "boolean") return undefined;
  return value as OrchestratorState;
}
