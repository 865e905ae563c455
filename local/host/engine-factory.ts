// Builds the durable engine for the host from the engine package in ./durable.
import type { DurableEngine } from "./durable/contract";
import type { EngineDependencies } from "./host";

export function createEngine(_dependencies: EngineDependencies): DurableEngine {
  throw new Error("the durable engine is not available in this build");
}
