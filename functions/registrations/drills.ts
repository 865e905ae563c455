// Registers the drills with the Functions host: the drill workflow and, under the drill's name, the shared per-item
// sub-orchestration (its start and job activities are registered with the workflows), the drill's own activities,
// the scheduler's timer, and the drill routes of the API (start, list, get, HTML report), each behind a function
// key. Settings are read on first use, like the other registrations, so a bad setting shows in the failing call
// rather than stopping the host.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext, type Timer } from "@azure/functions";
import * as df from "durable-functions";
import type { ActivityHandler } from "durable-functions";
import { ROUTES } from "@standby/client/contract";
import { loadConfig } from "../azure/config";
import type { SaveDrillReportInput, VerifyCleanupInput } from "../activities/drill/drill-contracts";
import { allStoredPlans } from "../activities/storage/all-stored-plans";
import { composeDrill, type DrillComposition } from "../activities/drill/compose-drill";
import type { DrillCompletedInput } from "../activities/drill/drill-event";
import { DRILL_ACTIVITY } from "../activities/drill/drill-names";
import type { ApiResponse } from "../http/api-types";
import { toApiRequest, toHttpResponse } from "../http/functions-adapter";
import { composeSharedDependencies, type SharedDependencies } from "../http/compose";
import { durableOperationEngine } from "../http/durable-engine";
import { beginDrill, startDrill } from "../http/handlers/drill-start";
import { getDrill, getDrillReport, listDrills, type DrillReadDependencies, type DrillRouteHandler } from "../http/handlers/report-reads";
import { problem, problemFromError } from "../http/problem";
import { drillHandler } from "../orchestrations/drill";
import { DRILL_ORCHESTRATION } from "../orchestrations/drill-names";
import { itemActionHandler } from "../orchestrations/item-action";
import { drillSchedulerSchedule, runDrillScheduler, SCHEDULER_IDENTITY } from "../timers/drill-scheduler";

let drill: DrillComposition | undefined;
let shared: SharedDependencies | undefined;

function drillParts(): DrillComposition {
  drill ??= composeDrill(loadConfig());
  return drill;
}

function sharedDependencies(context: InvocationContext): SharedDependencies {
  shared ??= composeSharedDependencies(loadConfig(), (error) => context.error(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return shared;
}

function dependencies(context: InvocationContext): DrillReadDependencies {
  return { ...sharedDependencies(context), engine: durableOperationEngine(df.getClient(context)), reports: drillParts().reports };
}

df.app.orchestration(DRILL_ORCHESTRATION.drill, drillHandler);
df.app.orchestration(DRILL_ORCHESTRATION.testFailoverItem, itemActionHandler);

function activity<I>(name: string, run: (parts: DrillComposition, input: I) => Promise<unknown>): void {
  const handler: ActivityHandler = async (input: unknown) => run(drillParts(), input as I);
  df.app.activity(name, { handler });
}

activity<VerifyCleanupInput>(DRILL_ACTIVITY.verifyCleanup, (parts, input) => parts.testFailover.verifyCleanup(input));
activity<SaveDrillReportInput>(DRILL_ACTIVITY.saveDrillReport, (parts, input) => parts.reportActivities.saveDrillReport(input));
activity<DrillCompletedInput>(DRILL_ACTIVITY.publishDrillCompleted, (parts, input) => parts.publishDrillCompleted(input));

app.timer("drillScheduler", {
  schedule: drillSchedulerSchedule(),
  extraInputs: [df.input.durableClient()],
  handler: async (timer: Timer, context: InvocationContext): Promise<void> => {
    const deps = dependencies(context);
    const firedAtMs = timerFiredAtMs(timer);
    const outcomes = await runDrillScheduler({
      plans: async function* () {
        for await (const stored of allStoredPlans(deps.plans)) yield stored.plan;
      },
      marks: drillParts().marks,
      startDrill: (plan, reason) => beginDrill(deps, plan, { reason }, SCHEDULER_IDENTITY),
      now: () => firedAtMs,
    });
    for (const outcome of outcomes) {
      const detail = outcome.action === "started" ? ` as ${outcome.operationId}` : outcome.action === "skipped" || outcome.action === "failed" ? `: ${outcome.reason}` : "";
      context.log(`drill scheduler: plan ${outcome.plan} ${outcome.action}${detail}`);
    }
  },
});

/**
 * The host's time of this tick: the schedule status it hands the function was updated as it fired. Schedules are
 * judged on the host's clock, which is also the clock the timer itself runs on (a simulated one in the local lab).
 */
function timerFiredAtMs(timer: Timer): number {
  const updated = Date.parse(timer.scheduleStatus?.lastUpdated ?? "");
  return Number.isFinite(updated) ? updated : Date.now();
}

const DRILL_HANDLERS: Readonly<Record<string, DrillRouteHandler>> = { startDrill, listDrills, getDrill, getDrillReport };

for (const route of ROUTES.filter((definition) => DRILL_HANDLERS[definition.operationId] !== undefined)) {
  const handler = DRILL_HANDLERS[route.operationId] as DrillRouteHandler;
  app.http(route.operationId, {
    methods: [route.method.toUpperCase() as "GET" | "POST"],
    route: `v1${route.path}`,
    authLevel: "function",
    extraInputs: [df.input.durableClient()],
    handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
      const instance = new URL(request.url).pathname;
      let response: ApiResponse;
      try {
        const deps = dependencies(context);
        const apiRequest = toApiRequest(request, loadConfig());
        try {
          response = await handler(apiRequest, deps);
        } catch (error) {
          response = problemFromError(error, instance, deps.reportError);
        }
      } catch (error) {
        context.error(error instanceof Error ? error.message : String(error));
        response = problem({ status: 500, code: "ServiceMisconfigured", detail: "The service cannot start; see its log.", instance });
      }
      return toHttpResponse(response);
    },
  });
}

