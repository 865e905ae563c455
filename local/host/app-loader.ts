// Loads the app into this process behind the functions-core stand-in, so every registration is captured, then runs
// the app's start hooks. One app per process, as with the worker.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { AppConfig } from "./app-config";
import { FunctionsCore, installFunctionsCore, type CoreLog } from "./worker/functions-core";
import { runHooks } from "./worker/invoke";

export interface LoadedApp {
  config: AppConfig;
  core: FunctionsCore;
  /** Runs the app's terminate hooks and releases the stand-in. */
  terminate(): Promise<void>;
}

/**
 * The worker asks the programming model for its capabilities once the app is loaded, which also locks
 * `app.setup()`. HTTP streaming needs the worker's HTTP proxy, which this host does not have: refuse it clearly
 * instead of letting HTTP invocations wait for a proxy request that never comes.
 */
async function refuseHttpStreaming(core: FunctionsCore): Promise<void> {
  const capabilities = (await core.programmingModel?.getCapabilities?.({})) ?? {};
  if (capabilities.HttpUri) {
    throw new Error("the app enables HTTP streaming (app.setup({ enableHttpStream: true })), which the local host does not support");
  }
}

/**
 * `@azure/functions` remembers the functions-core module it first received, and Node caches the app's modules, so a
 * second app (or the same one again) in this process would register nothing. Refuse instead of serving an empty app.
 */
let appLoadedInThisProcess: string | undefined;

export async function loadApp(config: AppConfig, log: CoreLog): Promise<LoadedApp> {
  if (appLoadedInThisProcess) {
    throw new Error(`this process already loaded the app at ${appLoadedInThisProcess}; the local host runs one app per process`);
  }
  appLoadedInThisProcess = config.folder;
  const core = new FunctionsCore(log);
  const uninstall = installFunctionsCore(core);
  try {
    // The real host hands app settings to the worker as environment variables; apps read them from process.env.
    Object.assign(process.env, config.settings);
    const requireFromApp = createRequire(config.entryFiles[0]);
    for (const file of config.entryFiles) {
      if (file.endsWith(".mjs")) await import(pathToFileURL(file).href);
      else requireFromApp(file);
    }
    await refuseHttpStreaming(core);
    await runHooks(core, "appStart", { hookData: {}, appHookData: core.appHookData, functionAppDirectory: config.folder });
  } catch (error) {
    uninstall();
    throw error;
  }
  return {
    config,
    core,
    terminate: async () => {
      try {
        await runHooks(core, "appTerminate", { hookData: {}, appHookData: core.appHookData });
      } finally {
        uninstall();
      }
    },
  };
}
