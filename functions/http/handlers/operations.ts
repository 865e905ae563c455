// Reading operations: the list (newest first, by plan and status) from the stored timelines, with the engine's word
// for those whose timeline has not recorded an end, and one operation from the workflow engine with the stored
// timeline as fallback.
import type { Operation } from "@standby/client/contract";
import { operationNotFound } from "../../core/errors";
import type { ApiDependencies, RouteHandler } from "../dependencies";
import type { EngineInstance } from "../operation-engine";
import { currentOperation, isTerminal } from "../operation-view";
import { nextLink, operationIdParam, optionalPlanQuery, optionalStatusQuery, pageQuery } from "../request-input";
import { POLL_AFTER_SECONDS } from "./start-operation";

export const listOperations: RouteHandler = async (request, deps) => {
  const plan = optionalPlanQuery(request);
  const status = optionalStatusQuery(request);
  const page = await deps.operations.list({ ...pageQuery(request), ...(plan ? { plan } : {}), ...(status ? { status } : {}) });
  const current = await Promise.all(page.operations.map((operation) => listedOperation(operation, deps)));
  const link = nextLink(request, page.continuationToken);
  return { status: 200, body: { value: current.filter((operation) => status === undefined || operation.status === status), ...(link ? { nextLink: link } : {}) } };
};

/**
 * A listed operation as GET shows it. The stored timeline is final once it records an end; until then the workflow
 * may have moved on, or died without recording it (failed, terminated), so only those are read from the engine:
 * a page of finished operations costs no engine call at all.
 */
async function listedOperation(stored: Operation, deps: ApiDependencies): Promise<Operation> {
  if (isTerminal(stored)) return stored;
  return currentOperation(await deps.engine.instance(stored.id), stored) ?? stored;
}

export const getOperation: RouteHandler = async (request, deps) => {
  const operation = await loadOperation(operationIdParam(request), deps);
  const headers: Record<string, string> = isTerminal(operation) ? {} : { "Retry-After": String(POLL_AFTER_SECONDS) };
  return { status: 200, headers, body: operation };
};

export async function loadOperation(id: string, deps: ApiDependencies): Promise<Operation> {
  return (await loadOperationAndInstance(id, deps)).operation;
}

export async function loadOperationAndInstance(id: string, deps: ApiDependencies): Promise<{ operation: Operation; instance: EngineInstance | undefined }> {
  // The engine's live document is the newest there is; the stored timeline is read only when the engine has none
  // (not started yet, or purged), which spares storage a read per poll while hundreds of clients poll.
  const instance = await deps.engine.instance(id);
  const operation = currentOperation(instance, undefined) ?? currentOperation(instance, await deps.operations.get(id));
  if (operation === undefined) throw operationNotFound(id);
  return { operation, instance };
}
