// Job cancel: stops a running job (the action's poller then reports the cancellation) and answers as an LRO whose
// final GET returns the cancelled job.
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context";
import { ArmError, resourceNotFound } from "../server/arm-error";
import type { RouteHandler } from "../server/router";
import { acceptedResponse, registerCompletedOperation } from "./lro";

export function cancelJobHandler(context: EmulatorContext): RouteHandler {
  return (request, params) => {
    const vault = context.siteRecovery.vault(params.vault);
    const job = vault.jobs.get(params.job.toLowerCase());
    if (!job) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationJobs", params.job);
    if (!context.jobs.cancel(job)) {
      throw new ArmError(400, "JobNotCancellable", `Job '${job.name}' is ${job.state} and can no longer be cancelled.`);
    }
    const operation = registerCompletedOperation(vault, randomUUID(), job.id, context.clock.now());
    return acceptedResponse(request, operation, context.retryAfterSeconds);
  };
}
