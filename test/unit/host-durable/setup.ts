// Builds an engine on the in-memory store with a virtual clock and the test invoker, for the unit tests.
import { createClock, type Clock } from "../../../local/clock/clock";
import { createDurableEngine, type EngineLog, type LocalDurableEngine } from "../../../local/host/durable/engine";
import { EventType, type HistoryEvent } from "../../../local/host/durable/history";
import { MemoryTaskHubStore } from "../../../local/host/durable/memory-store";
import type { TaskHubStore } from "../../../local/host/durable/store";
import { createTestInvoker } from "./registrations";

export const ORIGIN_MS = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface TestEngine {
  engine: LocalDurableEngine;
  clock: Clock;
  store: TaskHubStore;
  invoker: ReturnType<typeof createTestInvoker>;
}

export async function startTestEngine(options: { store?: TaskHubStore; clock?: Clock; maxConcurrentActivities?: number; log?: EngineLog } = {}): Promise<TestEngine> {
  const store = options.store ?? new MemoryTaskHubStore();
  const clock = options.clock ?? createClock({ mode: "virtual", originMs: ORIGIN_MS });
  const invoker = createTestInvoker();
  const engine = createDurableEngine({ invoker, store, clock, taskHub: "TestHub", maxConcurrentActivities: options.maxConcurrentActivities, log: options.log });
  await engine.start();
  return { engine, clock, store, invoker };
}

export function eventTypes(history: HistoryEvent[]): string[] {
  return history.map((event) => EventType[event.EventType]!);
}

/** Moves virtual time in steps, letting the engine settle after each, as a time-skipping test environment does. */
export async function advance(test: TestEngine, totalMs: number, stepMs = totalMs): Promise<void> {
  for (let moved = 0; moved < totalMs; moved += stepMs) {
    await test.engine.whenIdle();
    await test.clock.advance(Math.min(stepMs, totalMs - moved));
    await test.engine.whenIdle();
  }
}
