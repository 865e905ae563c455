// The local Functions host: loads a compiled app folder, captures its functions, and serves them like `func start`:
// HTTP routes, the durable task API (over the durable engine), the Event Grid webhook, timers and the admin API,
// all on one clock.
import type { Clock } from "../clock/clock";
import { readAppConfig, type AppConfig } from "./app-config";
import { loadApp } from "./app-loader";
import { buildCatalog, type Catalog } from "./catalog";
import type { DurableEngine, FunctionInvoker } from "./durable/contract";
import { durableClientData } from "./durable-client-data";
import { DurableInvoker } from "./durable-invoker";
import { FunctionRunner } from "./function-runner";
import { AdminApi } from "./http/admin-api";
import { AppRoutes } from "./http/app-routes";
import { appServiceAuthSettings } from "./http/app-service-auth";
import { hostKeys, type HostKeys } from "./http/auth";
import { DURABLE_WEBHOOK_PATH, Front } from "./http/front";
import { listenOnLoopback, type Listening } from "./listen";
import { hostLevel, type HostLogger } from "./logger";
import { RpcFront, RPC_BASE_PATH } from "./rpc-front";
import { TimerTriggers } from "./timers/timer-triggers";
import { DurableApi } from "./webhooks/durable-api";
import { EventGridWebhook } from "./webhooks/event-grid";

export interface EngineDependencies {
  invoker: FunctionInvoker;
  clock: Clock;
  taskHubName: string;
  /** The task hub's storage (the app's AzureWebJobsStorage or the connection host.json names). */
  storageConnectionString: string;
  log: HostLogger;
}

export type EngineFactory = (dependencies: EngineDependencies) => DurableEngine | Promise<DurableEngine>;

export interface HostOptions {
  appFolder: string;
  /** 7071 like `func start`; 0 picks a free port. Always on 127.0.0.1. */
  port?: number;
  clock: Clock;
  keys?: { functionKey?: string; masterKey?: string; systemKey?: string };
  /** Settings that override the environment and local.settings.json. */
  settings?: Record<string, string>;
  /**
   * Stand in for App Service authentication: the app sees WEBSITE_AUTH_ENABLED=True and the callers'
   * x-ms-client-principal* headers. Without it the app sees False and the host drops those headers.
   */
  appServiceAuth?: boolean;
  /** Builds the durable engine; needed only when the app has durable functions or durable clients. */
  engineFactory?: EngineFactory;
  log?: HostLogger;
}

export interface RunningHost {
  url: string;
  port: number;
  keys: HostKeys;
  config: AppConfig;
  catalog: Catalog;
  clock: Clock;
  engine: DurableEngine | undefined;
  /** One line per function with its trigger, as the host prints them at start. */
  describeFunctions(): string[];
  stop(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log ?? (() => undefined);
  const appServiceAuth = options.appServiceAuth === true;
  const config = readAppConfig(options.appFolder, { ...process.env, ...options.settings, ...appServiceAuthSettings(appServiceAuth) });
  const keys = hostKeys(options.keys ?? {});
  const app = await loadApp(config, (level, category, message) => log(hostLevel(level), category === "system" ? `[worker] ${message}` : message));
  const stack = new StopStack();
  stack.push(() => app.terminate());
  try {
    const catalog = buildCatalog(app.core.functions.values(), config.settings);
    for (const item of catalog.unsupported) log("warning", `function ${item.name}: trigger ${item.triggerType} is not run by the local host`);
    const endpoints = { origin: "", rpcBaseUrl: "" };
    const needsEngine = catalog.durable.length > 0 || usesDurableClient(catalog);
    const runner = new FunctionRunner(
      app.core,
      () => (needsEngine ? durableClientData({ ...endpoints, taskHubName: config.taskHubName, connectionName: config.storageConnectionSetting, systemKey: keys.systemKey }) : undefined),
      (functionName, _invocationId, level, category, message) => log(hostLevel(level), category === "system" ? message : `[${functionName}] ${message}`),
    );
    const engine = needsEngine ? await createEngine(options, config, new DurableInvoker(catalog.durable, runner), log) : undefined;
    const durableApi = engine
      ? new DurableApi({
          engine,
          orchestratorNames: () => catalog.durable.filter((entry) => entry.kind === "orchestration").map((entry) => entry.name),
          webhooksBase: () => `${endpoints.origin}${DURABLE_WEBHOOK_PATH}`,
          requiredQuery: () => `taskHub=${encodeURIComponent(config.taskHubName)}&connection=${encodeURIComponent(config.storageConnectionSetting)}&code=${encodeURIComponent(keys.systemKey)}`,
        })
      : undefined;
    const routes = new AppRoutes(catalog.http, config.routePrefix);
    const timers = new TimerTriggers(catalog.timers, runner, options.clock, log);
    const describeFunctions = () => describe(catalog, routes, endpoints.origin);
    const admin = new AdminApi({ catalog, runner, timers, clock: options.clock, whenIdle: () => engine?.whenIdle() ?? Promise.resolve(), listing: describeFunctions });
    const front = new Front({ keys, routes, runner, durableApi, eventGrid: new EventGridWebhook(catalog.eventGrid, runner), admin, appServiceAuth, log });

    const publicServer: Listening = await listenOnLoopback(options.port ?? 7071, (request, response) => front.handle(request, response));
    stack.push(() => publicServer.close());
    endpoints.origin = `http://127.0.0.1:${publicServer.port}`;
    // The real host tells the app where it is reachable; DurableClient builds its links from it.
    process.env.WEBSITE_HOSTNAME = `127.0.0.1:${publicServer.port}`;
    if (durableApi && engine) {
      const rpc = new RpcFront(durableApi, log);
      const rpcServer = await listenOnLoopback(0, (request, response) => rpc.handle(request, response));
      stack.push(() => rpcServer.close());
      endpoints.rpcBaseUrl = `http://127.0.0.1:${rpcServer.port}${RPC_BASE_PATH}/`;
      await engine.start();
      stack.push(() => engine.stop());
    }
    timers.start();
    stack.push(() => timers.stop());
    return {
      url: endpoints.origin,
      port: publicServer.port,
      keys,
      config,
      catalog,
      clock: options.clock,
      engine,
      describeFunctions: () => describeFunctions().map((item) => `${item.name}: ${item.trigger}`),
      stop: () => stack.unwind(),
    };
  } catch (error) {
    await stack.unwind();
    throw error;
  }
}

async function createEngine(options: HostOptions, config: AppConfig, invoker: FunctionInvoker, log: HostLogger): Promise<DurableEngine> {
  if (!options.engineFactory) throw new Error("the app has durable functions, but the host was started without a durable engine");
  const storageConnectionString = config.settings[config.storageConnectionSetting];
  if (!storageConnectionString) {
    throw new Error(`the durable task hub needs a storage connection string in the app setting ${config.storageConnectionSetting}`);
  }
  return options.engineFactory({ invoker, clock: options.clock, taskHubName: config.taskHubName, storageConnectionString, log });
}

function usesDurableClient(catalog: Catalog): boolean {
  const all = [...catalog.http, ...catalog.timers, ...catalog.eventGrid];
  return all.some((entry) => Object.values(entry.registered.metadata.bindings).some((binding) => binding.type === "durableClient" || binding.type === "orchestrationClient"));
}

function describe(catalog: Catalog, routes: AppRoutes, origin: string): { name: string; trigger: string }[] {
  return [
    ...catalog.http.map((entry) => ({ name: entry.name, trigger: `[${entry.methods.join(",")}] ${origin}${routes.pathOf(entry)} (${entry.authLevel})` })),
    ...catalog.timers.map((entry) => ({ name: entry.name, trigger: `timerTrigger ${entry.schedule}${entry.runOnStartup ? " (runOnStartup)" : ""}` })),
    ...catalog.eventGrid.map((entry) => ({ name: entry.name, trigger: "eventGridTrigger" })),
    ...catalog.durable.map((entry) => ({ name: entry.name, trigger: `${entry.kind}Trigger` })),
  ];
}

/** Undo actions in reverse order of setup; every one runs even if an earlier one fails. */
class StopStack {
  private readonly actions: (() => Promise<void> | void)[] = [];
  private stopping: Promise<void> | undefined;

  push(action: () => Promise<void> | void): void {
    this.actions.push(action);
  }

  unwind(): Promise<void> {
    this.stopping ??= (async () => {
      const errors: unknown[] = [];
      for (const action of this.actions.reverse()) {
        try {
          await action();
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length > 0) throw errors[0];
    })();
    return this.stopping;
  }
}
