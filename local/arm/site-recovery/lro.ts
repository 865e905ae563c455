// Long-running operations as ASR runs them: 202 Accepted with Azure-AsyncOperation (a replicationOperationStatus
// URL), Location (`{resource}/operationresults/{id}`, which the SDK GETs for the final result) and Retry-After.
// A 202 without those headers would make the SDK report success at once, so every action goes through here.
import type { ArmRequest, ArmResponse } from "../server/router";
import type { JobRecord, OperationRecord, VaultRecord } from "./records";

export function registerJobOperation(vault: VaultRecord, job: JobRecord, resultId: string): OperationRecord {
  const operation: OperationRecord = {
    name: job.name,
    vault,
    startMs: job.startMs,
    resultId,
    status: () => {
      switch (job.state) {
        case "Succeeded":
          return { status: "Succeeded", endMs: job.endMs };
        case "Failed": {
          const first = job.errors[0];
          return { status: "Failed", endMs: job.endMs, error: { code: first?.code ?? "JobFailed", message: first?.message ?? `Job ${job.name} failed.` } };
        }
        case "Cancelled":
          return { status: "Canceled", endMs: job.endMs };
        default:
          return { status: "InProgress" };
      }
    },
  };
  vault.operations.set(operation.name.toLowerCase(), operation);
  return operation;
}

/** An operation that finished when it was accepted (job cancel): it still answers with the full LRO headers. */
export function registerCompletedOperation(vault: VaultRecord, name: string, resultId: string, atMs: number): OperationRecord {
  const operation: OperationRecord = { name, vault, startMs: atMs, resultId, status: () => ({ status: "Succeeded", endMs: atMs }) };
  vault.operations.set(name.toLowerCase(), operation);
  return operation;
}

export function acceptedResponse(request: ArmRequest, operation: OperationRecord, retryAfterSeconds: number): ArmResponse {
  return { status: 202, headers: lroHeaders(request, operation, retryAfterSeconds) };
}

export function lroHeaders(request: ArmRequest, operation: OperationRecord, retryAfterSeconds: number): Record<string, string> {
  const apiVersion = encodeURIComponent(request.query.get("api-version") ?? "");
  return {
    "Azure-AsyncOperation": `${request.baseUrl}${operation.vault.id}/replicationOperationStatus/${operation.name}?api-version=${apiVersion}`,
    Location: `${request.baseUrl}${operation.resultId}/operationresults/${operation.name}?api-version=${apiVersion}`,
    "Retry-After": String(retryAfterSeconds),
  };
}
