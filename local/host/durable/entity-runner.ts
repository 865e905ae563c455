// Runs a batch of operations on one entity through the app's entity function (durable-functions' entity batch
// protocol) and produces the new entity record plus the responses and signals it sends.
import { randomUUID } from "node:crypto";
import type { FunctionInvoker } from "./contract";
import { errorMessage } from "./failure";
import { EventType, historyEvent } from "./history";
import { messageIds, type EntityMessage, type WorkMessage } from "./messages";
import type { EntityRecord } from "./store";

interface OperationResult {
  isError?: boolean;
  result?: string;
}

interface EntityBatchResult {
  entityExists?: boolean;
  entityState?: string;
  results?: (OperationResult | null)[];
  signals?: { target: { name: string; key: string }; name: string; input?: string }[];
}

export interface EntityBatchOutcome {
  record: EntityRecord;
  sent: WorkMessage[];
}

/** `@name@key` -> name and key, as durable-functions' EntityId does. */
export function parseSchedulerId(entityId: string): { name: string; key: string } {
  const at = entityId.indexOf("@", 1);
  return { name: entityId.substring(1, at), key: entityId.substring(at + 1) };
}

export function schedulerId(name: string, key: string): string {
  return `@${name.toLowerCase()}@${key}`;
}

export async function runEntityBatch(args: {
  invoker: FunctionInvoker;
  record: EntityRecord;
  batch: EntityMessage[];
  now: string;
  sequence: () => number;
}): Promise<EntityBatchOutcome> {
  const { invoker, record, batch } = args;
  const self = parseSchedulerId(record.entityId);
  const functionName = invoker.functionNames("entity").find((name) => name.toLowerCase() === self.name) ?? self.name;
  const payload = {
    self,
    exists: record.exists,
    state: record.state,
    batch: batch.map((message) => ({ id: message.requestId, name: message.operation, signal: !message.caller, input: message.input })),
  };
  let result: EntityBatchResult;
  let failure: string | undefined;
  try {
    result = ((await invoker.invoke("entity", functionName, payload, { instanceId: record.entityId, invocationId: randomUUID() })) ?? {}) as EntityBatchResult;
  } catch (error) {
    failure = errorMessage(error);
    result = { entityExists: record.exists, entityState: record.state, results: [], signals: [] };
  }

  const sent: WorkMessage[] = [];
  batch.forEach((message, index) => {
    if (!message.caller) return;
    const outcome = result.results?.[index] ?? undefined;
    const response = failure !== undefined
      ? { result: JSON.stringify(failure), exceptionType: "Error" }
      : { result: outcome?.result, exceptionType: outcome?.isError ? "Error" : undefined };
    const { instanceId, executionId, eventId } = message.caller;
    sent.push({
      kind: "orchestrator",
      id: messageIds.answer(instanceId, executionId, eventId),
      sequence: args.sequence(),
      instanceId,
      executionId,
      answers: eventId,
      event: historyEvent(EventType.EventRaised, args.now, { Name: message.requestId, Input: JSON.stringify(response) }),
    });
  });
  (result.signals ?? []).forEach((signal, index) => {
    const requestId = `${batch[batch.length - 1]!.requestId}:signal:${index}`;
    sent.push({
      kind: "entity",
      id: messageIds.entityOperation(requestId),
      sequence: args.sequence(),
      entityId: schedulerId(signal.target.name, signal.target.key),
      operation: signal.name,
      input: signal.input ? signal.input : undefined,
      requestId,
    });
  });

  return {
    record: {
      entityId: record.entityId,
      exists: result.entityExists === true,
      state: result.entityExists ? result.entityState : undefined,
      lastModifiedTime: args.now,
      lastBatch: { requestIds: batch.map((message) => message.requestId), sent },
    },
    sent,
  };
}
