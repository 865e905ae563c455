// Failover: preflight (allowed operations, RPO within budget unless forced) -> per group in plan order: before-
// actions, the group's items in parallel (bounded), after-actions -> Traffic Manager switch to the standby endpoint
// once the last group's probes passed -> result with the measured RTO (start to traffic switched) and the recovery
// point used per item. Planned failover of A2A items is an unplanned failover with the source shut down first.
import type { OrchestrationHandler } from "durable-functions";
import { runOperation } from "./operation-runner";

export const failoverOrchestrator: OrchestrationHandler = function* (context) {
  return yield* runOperation(context, "failover");
};
