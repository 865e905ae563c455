// Commit: makes the last failover final for every item, group by group (recovery points are discarded). Items
// already committed are skipped, so a commit after a partial one finishes the rest.
import type { OrchestrationHandler } from "durable-functions";
import { runOperation } from "./operation-runner";

export const commitOrchestrator: OrchestrationHandler = function* (context) {
  return yield* runOperation(context, "commit");
};
