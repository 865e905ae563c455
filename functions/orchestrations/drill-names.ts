// Orchestration names of the drill, written once (the registration, the starters and the workflow use them).
export const DRILL_ORCHESTRATION = {
  drill: "drillOrchestration",
  /**
   * One item's test failover into the test network: the shared item action, registered under the drill's own name.
   * Every drill's history records its children under this name, and an orchestrator that schedules a different
   * name on replay is non-deterministic, so a drill running while the app is updated would break (and skip its
   * cleanup) if the name changed.
   */
  testFailoverItem: "drillTestFailoverItemOrchestration",
} as const;
