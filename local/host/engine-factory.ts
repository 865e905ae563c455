// Builds the durable engine (./durable) for the host, with the task hub's store.
import { createDurableEngine, type LocalDurableEngine } from "./durable/engine";
import { MemoryTaskHubStore } from "./durable/memory-store";
import type { EngineDependencies } from "./host";

export function createEngine(dependencies: EngineDependencies): LocalDurableEngine {
  return createDurableEngine({
    invoker: dependencies.invoker,
    store: new MemoryTaskHubStore(),
    clock: dependencies.clock,
    taskHub: dependencies.taskHubName,
    log: (level, message) => dependencies.log(level === "info" ? "information" : level, `[durable] ${message}`),
  });
}
