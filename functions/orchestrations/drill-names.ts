// Orchestration names of the drill, written once (the registration, the starters and the workflow use them).
export const DRILL_ORCHESTRATION = {
  drill: "drillOrchestration",
  /** One item's test failover into the test network, watched on durable timers; a sub-orchestration per item. */
  testFailoverItem: "drillTestFailoverItemOrchestration",
} as const;
