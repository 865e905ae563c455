// POST actions on a recovery plan: every item of the plan must allow the operation; the job then runs the plan's
// groups in order (items of a group together) and changes each group's items when the group ends.
import type { RecoveryPlanActionSpec } from "../../estates/estate";
import type { EmulatorContext } from "../context";
import { ArmError, invalidInput } from "../server/arm-error";
import type { ArmResponse, RouteHandler } from "../server/router";
import { type InputRules, parseActionInput } from "./action-inputs";
import { JOB_NAMES, completeItemOperation } from "./item-actions";
import { type ItemOperation, SCENARIO_OF, checkOperationAllowed, expectedDirection, inProgressDisplay } from "./item-states";
import type { JobPhase } from "./jobs";
import { acceptedResponse, registerJobOperation } from "./lro";
import type { ItemRecord } from "./records";
import { replicationOf } from "./replication";

const PLAN_INPUT_RULES: Record<ItemOperation, InputRules> = {
  TestFailover: { bodyRequired: true, directionRequired: true, networkRequired: true, providerDetailsArray: true },
  TestFailoverCleanup: { bodyRequired: true, providerDetailsArray: true },
  PlannedFailover: { bodyRequired: true, directionRequired: true, providerDetailsArray: true },
  UnplannedFailover: { bodyRequired: true, directionRequired: true, providerDetailsArray: true },
  Commit: { bodyRequired: false },
  ReverseReplicate: { bodyRequired: false },
  CancelFailover: { bodyRequired: false },
  RepairReplication: { bodyRequired: false },
};

const FAILOVERS: ItemOperation[] = ["TestFailover", "PlannedFailover", "UnplannedFailover"];

export function planActionHandler(context: EmulatorContext, operation: ItemOperation): RouteHandler {
  return (request, params): ArmResponse => {
    const plan = context.siteRecovery.plan(params.vault, params.plan);
    const now = context.clock.now();
    const input = parseActionInput(request.body, PLAN_INPUT_RULES[operation]);
    if (plan.job) {
      throw new ArmError(409, "OperationInProgress", `Recovery plan '${plan.spec.name}' is running job '${plan.job.name}' (${plan.job.scenarioName}).`);
    }
    const items = plan.items.flat();
    if (items.length === 0) throw invalidInput(`Recovery plan '${plan.spec.name}' has no protected items.`, "RecoveryPlanEmpty");
    const refusals: string[] = [];
    for (const item of items) {
      try {
        checkOperationAllowed(item, operation, replicationOf(item, now, context.outages).health);
        const expected = expectedDirection(item, operation);
        if (input.failoverDirection && FAILOVERS.includes(operation) && input.failoverDirection !== expected) {
          throw invalidInput(`'${item.vmName}' replicates in direction ${expected}`, "InvalidFailoverDirection");
        }
      } catch (error) {
        if (!(error instanceof ArmError)) throw error;
        refusals.push(error.message);
      }
    }
    if (refusals.length > 0) {
      throw new ArmError(400, "RecoveryPlanOperationNotAllowed", `The operation '${operation}' cannot run on recovery plan '${plan.spec.name}': ${refusals.join(" ")}`);
    }

    const scenario = SCENARIO_OF[operation];
    const names = JOB_NAMES[operation];
    const pending = new Set<ItemRecord>(items);
    const release = (groupItems: Iterable<ItemRecord>): void => {
      for (const item of groupItems) {
        item.job = undefined;
        pending.delete(item);
      }
    };
    const direction = input.failoverDirection ?? expectedDirection(items[0], operation);
    const phases: JobPhase[] = plan.items.flatMap((groupItems, index) => {
      const group = plan.spec.groups[index];
      const itemPhase: JobPhase[] = groupItems.length === 0 ? [] : [{
        taskName: `Group${index}${names.scenarioName}Task`,
        taskFriendlyName: `${group.groupType} group ${index}: ${names.friendlyName.toLowerCase()}`,
        durationMs: Math.max(...groupItems.map((item) => context.siteRecovery.jobDurationMs(item, scenario))),
        complete: () => {
          const failures = groupItems.flatMap((item) => completeItemOperation(context, item, operation, input));
          release(groupItems);
          return failures;
        },
      }];
      return [...actionPhases(group.startGroupActions, operation, direction), ...itemPhase, ...actionPhases(group.endGroupActions, operation, direction)];
    });
    const job = context.jobs.start({
      vault: plan.vault,
      scenarioName: names.scenarioName,
      friendlyName: `${names.friendlyName} of recovery plan ${plan.spec.name}`,
      targetKind: "RecoveryPlan",
      targetId: plan.id,
      targetName: plan.spec.name,
      targetFriendlyName: plan.spec.name,
      phases,
      onEnd: (ended) => {
        release([...pending]);
        plan.job = undefined;
        plan.lastJob = { name: ended.name, state: ended.state };
        if (ended.state === "Succeeded") {
          const end = ended.endMs ?? context.clock.now();
          if (operation === "PlannedFailover") plan.lastPlannedFailoverMs = end;
          if (operation === "UnplannedFailover") plan.lastUnplannedFailoverMs = end;
          if (operation === "TestFailover") plan.lastTestFailoverMs = end;
        }
      },
      onCancel: () => {
        release([...pending]);
        plan.job = undefined;
        plan.lastJob = { name: job.name, state: "Cancelled" };
      },
    });
    for (const item of items) item.job = { name: job.name, scenarioName: names.scenarioName, startMs: job.startMs, displayState: inProgressDisplay(scenario) };
    plan.job = { name: job.name, scenarioName: names.scenarioName, startMs: job.startMs };
    return acceptedResponse(request, registerJobOperation(plan.vault, job, plan.id), context.retryAfterSeconds);
  };
}

const ACTION_MS = 2 * 60_000;

/** A group's actions that apply to this operation and direction: manual ones suspend the job, scripts and runbooks run. */
function actionPhases(actions: RecoveryPlanActionSpec[] | undefined, operation: ItemOperation, direction: string): JobPhase[] {
  return (actions ?? [])
    .filter((action) => action.failoverTypes.includes(operation) && action.failoverDirections.includes(direction))
    .map((action) => {
      const manual = action.customDetails.instanceType === "ManualActionDetails";
      const description = typeof action.customDetails.description === "string" ? `: ${action.customDetails.description}` : "";
      return {
        taskName: `${action.actionName}Task`,
        taskFriendlyName: `${action.actionName}${description}`,
        durationMs: ACTION_MS,
        manual,
        complete: () => [],
      };
    });
}
