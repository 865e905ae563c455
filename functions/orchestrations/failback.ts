// Failback: reprotect towards the primary region -> wait until that replication is healthy -> planned failover back,
// group by group with the plan's actions -> commit -> reprotect towards the recovery region again -> traffic back
// to the primary endpoint. Hyper-V items skip the first reprotect (their failback synchronizes by itself).
import type { OrchestrationHandler } from "durable-functions";
import { runOperation } from "./operation-runner";

export const failbackOrchestrator: OrchestrationHandler = function* (context) {
  return yield* runOperation(context, "failback");
};
