// Registers the monitor: the health sweep (timer -> orchestration -> per-vault and per-page-range
// sub-orchestrations -> activities), the two health routes, and the `alertIntake` Event Grid trigger (the name the
// infrastructure subscribes). Settings are read on first use, like the other registrations, so a host with a bad
// setting still starts and the failing function names the setting; only the timer's schedule is read at load, and
// falls back to its default when the settings are refused (see timers/health-sweep-timer.ts).
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext, type Timer } from "@azure/functions";
import * as df from "durable-functions";
import type { ActivityHandler } from "durable-functions";
import { composeMonitoring, type MonitoringParts } from "../activities/health/compose";
import { HEALTH_ACTIVITY } from "../activities/health/health-activities";
import type { EvaluateInput } from "../activities/health/health-activities";
import type { ItemsPagesInput } from "../activities/health/item-page";
import type { HealthAlert } from "../core/alerts/health-alerts";
import { loadConfig } from "../azure/config";
import { describeIntake, runAlertIntake } from "../events/alert-intake-trigger";
import { composeSharedDependencies, type SharedDependencies } from "../http/compose";
import type { ApiDependencies } from "../http/dependencies";
import { durableOperationEngine } from "../http/durable-engine";
import { getHealthHandler, getPlanHealthHandler } from "../http/handlers/health";
import { toApiRequest, toHttpResponse } from "../http/functions-adapter";
import { healthRoutes } from "../http/handlers/health-functions";
import { problem } from "../http/problem";
import { runHandler } from "../http/routes";
import { healthPageRangeOrchestrator } from "../orchestrations/health-page-range";
import { HEALTH_ORCHESTRATION } from "../orchestrations/health-names";
import { healthSweepOrchestrator } from "../orchestrations/health-sweep";
import { healthVaultOrchestrator } from "../orchestrations/health-vault";
import { createHealthSweepStarter, healthSweepSchedule } from "../timers/health-sweep-timer";

let monitoring: MonitoringParts | undefined;
let shared: SharedDependencies | undefined;

function parts(): MonitoringParts {
  monitoring ??= composeMonitoring(loadConfig());
  return monitoring;
}

/** Errors go to the log of the invocation they happened in. */
function invocationErrorLog(context: InvocationContext): (error: unknown) => void {
  return (error) => context.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

function apiDependencies(context: InvocationContext): ApiDependencies {
  shared ??= composeSharedDependencies(loadConfig(), invocationErrorLog(context));
  return { ...shared, engine: durableOperationEngine(df.getClient(context)), reportError: invocationErrorLog(context) };
}

df.app.orchestration(HEALTH_ORCHESTRATION.sweep, healthSweepOrchestrator);
df.app.orchestration(HEALTH_ORCHESTRATION.vault, healthVaultOrchestrator);
df.app.orchestration(HEALTH_ORCHESTRATION.pageRange, healthPageRangeOrchestrator);

function activity<I>(name: string, run: (all: MonitoringParts, input: I) => Promise<unknown>): void {
  const handler: ActivityHandler = async (input: unknown) => run(parts(), input as I);
  df.app.activity(name, { handler });
}

activity<null>(HEALTH_ACTIVITY.listVaults, (all) => all.health.listVaults());
activity<ItemsPagesInput>(HEALTH_ACTIVITY.readItemsPages, (all, input) => all.health.readItemsPages(input));
activity<EvaluateInput>(HEALTH_ACTIVITY.evaluate, (all, input) => all.health.evaluate(input));
activity<HealthAlert[]>(HEALTH_ACTIVITY.publishAlerts, (all, input) => all.health.publishAlerts(input));

const startSweep = createHealthSweepStarter(() => parts().healthStore.latest());

app.timer("healthSweep", {
  schedule: healthSweepSchedule(),
  extraInputs: [df.input.durableClient()],
  handler: async (timer: Timer, context: InvocationContext): Promise<void> => {
    // The tick's time on the host's clock when the host reports it (the schedule monitor), else this process's.
    const reported = Date.parse(timer.scheduleStatus?.lastUpdated ?? "");
    const started = await startSweep(df.getClient(context), Number.isNaN(reported) ? Date.now() : reported);
    context.log(started.started ? `health sweep ${started.instanceId} started` : `health sweep skipped: ${started.reason}`);
  },
});

app.eventGrid("alertIntake", {
  extraInputs: [df.input.durableClient()],
  handler: async (event: unknown, context: InvocationContext): Promise<void> => {
    const api = apiDependencies(context);
    const result = await runAlertIntake(event, { api, alertStore: parts().alertStore, healthStore: parts().healthStore });
    context.log(describeIntake(result));
  },
});

const readSnapshot = () => parts().healthStore.latest();

for (const route of healthRoutes({ getHealth: getHealthHandler(readSnapshot), getPlanHealth: getPlanHealthHandler(readSnapshot) })) {
  app.http(route.name, {
    methods: [route.method],
    route: route.route,
    authLevel: "function",
    extraInputs: [df.input.durableClient()],
    handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
      try {
        return toHttpResponse(await runHandler(route.handler, toApiRequest(request, loadConfig()), apiDependencies(context)));
      } catch (error) {
        context.error(error instanceof Error ? error.message : String(error));
        return toHttpResponse(problem({ status: 500, code: "ServiceMisconfigured", detail: "The service cannot start; see its log.", instance: new URL(request.url).pathname }));
      }
    },
  });
}
