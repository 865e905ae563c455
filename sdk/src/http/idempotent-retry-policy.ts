import {
  defaultRetryPolicy,
  type PipelinePolicy,
  type PipelineRetryOptions,
} from "@azure/core-rest-pipeline";

export const idempotentRetryPolicyName = "standbyIdempotentRetryPolicy";

/**
 * Methods that may be sent twice with the same effect (RFC 9110, 9.2.2). POSTs start operations or record
 * decisions: a retry after a lost response could start a second failover, so they are sent exactly once and their
 * failures surface to the caller, who can look at the operations list before trying again.
 */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Azure's default retries (429 with Retry-After, 5xx and network errors with exponential backoff), for idempotent requests only. */
export function idempotentRetryPolicy(options: PipelineRetryOptions = {}): PipelinePolicy {
  const retrying = defaultRetryPolicy(options);
  return {
    name: idempotentRetryPolicyName,
    sendRequest(request, next) {
      return IDEMPOTENT_METHODS.has(request.method) ? retrying.sendRequest(request, next) : next(request);
    },
  };
}
