// The drill scheduler's tick: for every plan with drill settings whose schedule is due, start a drill through the
// same starter as the API, so the plan lock decides: never two drills of one plan, never a drill beside a failover.
// A due drill that finds the plan busy is not started, and that occurrence is not made up later.
import type { Operation, Plan } from "@standby/client/contract";
import { drillDue } from "../core/drill/schedule-due";
import { isDomainError } from "../core/errors";
import { parseNcrontab } from "../core/schedule/ncrontab";
import { ConfigError, loadConfig, type StandbyConfig } from "../azure/config";
import { settings } from "../azure/config-settings";

export interface DrillSchedulerDependencies {
  /** Every stored plan, page by page. */
  plans(): AsyncIterable<Plan>;
  marks: { lastHandled(plan: string): Promise<number | undefined>; setLastHandled(plan: string, epochMs: number): Promise<void> };
  startDrill(plan: string, reason: string): Promise<Operation>;
  now(): number;
}

export type SchedulerOutcome =
  | { plan: string; action: "armed" }
  | { plan: string; action: "started"; operationId: string }
  | { plan: string; action: "skipped"; reason: string }
  | { plan: string; action: "failed"; reason: string };

/** Who the scheduler's drills are started by, in the operation record. */
export const SCHEDULER_IDENTITY = "drill-scheduler";

export async function runDrillScheduler(deps: DrillSchedulerDependencies): Promise<SchedulerOutcome[]> {
  const outcomes: SchedulerOutcome[] = [];
  for await (const plan of deps.plans()) {
    if (plan.drill === undefined) continue;
    try {
      const outcome = await schedulePlan(deps, plan, plan.drill.schedule);
      if (outcome !== undefined) outcomes.push(outcome);
    } catch (error) {
      // One plan's trouble (storage, a start that broke) must not keep the other plans' drills from starting.
      outcomes.push({ plan: plan.name, action: "failed", reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

async function schedulePlan(deps: DrillSchedulerDependencies, plan: Plan, schedule: string): Promise<SchedulerOutcome | undefined> {
  const nowMs = deps.now();
  const last = await deps.marks.lastHandled(plan.name);
  if (last === undefined) {
    // A plan seen for the first time starts counting from now: saving a plan never triggers a past drill.
    await deps.marks.setLastHandled(plan.name, nowMs);
    return { plan: plan.name, action: "armed" };
  }
  const due = drillDue(parseNcrontab(schedule), last, nowMs);
  if (!due.due) return undefined;
  // Marked before starting: an occurrence is handled at most once, even if this host dies right after the start.
  await deps.marks.setLastHandled(plan.name, due.occurrenceMs);
  try {
    const operation = await deps.startDrill(plan.name, `Scheduled drill (${schedule}) due at ${new Date(due.occurrenceMs).toISOString()}.`);
    return { plan: plan.name, action: "started", operationId: operation.id };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { plan: plan.name, action: "skipped", reason: error.message };
  }
}

/**
 * The scheduler's own NCRONTAB schedule from the configuration (its documented default when unset). The timer is
 * registered when the app loads; with settings the configuration refuses it registers on the default, so the host
 * still starts and each tick fails naming the bad setting.
 */
export function drillSchedulerSchedule(load: () => StandbyConfig = loadConfig): string {
  try {
    return load().drillSchedulerSchedule;
  } catch (error) {
    if (error instanceof ConfigError) return String(settings.drillSchedulerSchedule.defaultValue);
    throw error;
  }
}
