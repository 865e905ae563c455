// Builds the durable engine (./durable) for the host, keeping the task hub in Azure Storage (Azurite locally) under
// the connection string the app's settings give, as the Durable Functions Azure Storage provider does.
import { AzureStorageTaskHubStore, createDurableEngine, type LocalDurableEngine } from "./durable";
import type { EngineDependencies } from "./host";

export function createEngine(dependencies: EngineDependencies): LocalDurableEngine {
  return createDurableEngine({
    invoker: dependencies.invoker,
    store: new AzureStorageTaskHubStore({ connectionString: dependencies.storageConnectionString, taskHub: dependencies.taskHubName }),
    clock: dependencies.clock,
    taskHub: dependencies.taskHubName,
    log: (level, message) => dependencies.log(level === "info" ? "information" : level, `[durable] ${message}`),
  });
}
