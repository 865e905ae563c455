// Runs one operation through the real API while SIGKILLing the host once at every distinct step: each time the
// operation document shows a step that has started and has not been a crash point yet, the host is killed and
// started again on the same storage. The steps are enumerated from the operation's own document as it runs, so the
// sweep follows whatever steps the plan produces (items, actions between groups, probes, cleanup, traffic).
import type { Operation } from "@standby/client/contract";
import { TERMINAL_OPERATION_STATUSES } from "@standby/client/contract";
import type { Lab } from "../../support/lab";
import { readOperation, runUntil, startOperation } from "../workflows/workflow-lab";

export interface CrashPoint {
  /** The step the kill was aimed at (`start` = right after the 202, before any step began). */
  step: string;
  /** That step's status when the kill landed: `running` means the kill hit work in progress. */
  statusAtKill: string;
}

export interface SweptOperation {
  operation: Operation;
  crashPoints: CrashPoint[];
  /** Distinct steps the operation went through, in the order they were first seen started. */
  stepsSeen: string[];
  /**
   * Steps first seen only once the operation had ended (started and finished between two reads of the last
   * stretch, typically the traffic switch right after the last group): no kill could land on them.
   */
  missed: string[];
}

export interface SweepOptions {
  /** Kill at every `every`-th step only (1 = every step). */
  every?: number;
  /** Simulated time per clock step while waiting for the next step; smaller lands kills closer to a step's start. */
  stepMs?: number;
  limitMs?: number;
}

const isTerminal = (operation: Operation): boolean => TERMINAL_OPERATION_STATUSES.includes(operation.status);
const hasStarted = (status: string): boolean => status !== "pending";

export async function runWithCrashAtEveryStep(lab: Lab, path: string, body: unknown, options: SweepOptions = {}): Promise<SweptOperation> {
  const every = options.every ?? 1;
  const stepMs = options.stepMs ?? 30_000;
  const started = await startOperation(lab, path, body);
  const crashPoints: CrashPoint[] = [];
  const stepsSeen: string[] = [];
  const seen = new Set<string>();

  // The first POSTs may be in flight right after the 202.
  await lab.restartHost({ kill: "SIGKILL" });
  crashPoints.push({ step: "start", statusAtKill: "accepted" });

  let operation = await readOperation(lab, started.id);
  while (!isTerminal(operation)) {
    const next = operation.steps.find((step) => hasStarted(step.status) && !seen.has(step.id));
    if (next === undefined) {
      operation = await runUntil(lab, started.id, {
        stepMs,
        limitMs: options.limitMs,
        until: (current) => isTerminal(current) || current.steps.some((step) => hasStarted(step.status) && !seen.has(step.id)),
      });
      continue;
    }
    seen.add(next.id);
    stepsSeen.push(next.id);
    if (stepsSeen.length % every === 0) {
      await lab.restartHost({ kill: "SIGKILL" });
      crashPoints.push({ step: next.id, statusAtKill: next.status });
    }
    operation = await readOperation(lab, started.id);
  }
  const missed = operation.steps.filter((step) => hasStarted(step.status) && !seen.has(step.id)).map((step) => step.id);
  stepsSeen.push(...missed);
  return { operation, crashPoints, stepsSeen, missed };
}
