// Job cancel and resume, answered as LROs whose final GET returns the job. Cancel stops a running or suspended job
// (the action's poller then reports the cancellation); resume continues a job suspended on a manual action.
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

/** Job resume: continues a job suspended on a recovery plan's manual action. */
export function resumeJobHandler(context: EmulatorContext): RouteHandler {
  return (request, params) => {
    const vault = context.siteRecovery.vault(params.vault);
    const job = vault.jobs.get(params.job.toLowerCase());
    if (!job) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationJobs", params.job);
    if (request.body !== undefined && (typeof request.body !== "object" || request.body === null || Array.isArray(request.body))) {
      throw new ArmError(400, "InvalidRequestContent", "The request body must be a JSON object such as {properties:{comments}}.");
    }
    if (!context.jobs.resume(job)) {
      throw new ArmError(400, "JobNotResumable", `Job '${job.name}' is ${job.state}; only a job suspended on a manual action can be resumed.`);
    }
    const operation = registerCompletedOperation(vault, randomUUID(), job.id, context.clock.now());
    return acceptedResponse(request, operation, context.retryAfterSeconds);
  };
}
