// The OperationEngine over the Durable Functions client the host binds to each HTTP invocation.
import type { DurableClient } from "durable-functions";
import type { OperationStart } from "../orchestrations/contract";
import type { EngineInstance, OperationEngine } from "./operation-engine";

export function durableOperationEngine(client: DurableClient): OperationEngine {
  return {
    start: async (orchestration: string, input: OperationStart) => {
      await client.startNew(orchestration, { instanceId: input.operationId, input });
    },
    instance: async (operationId: string): Promise<EngineInstance | undefined> => {
      try {
        const status = await client.getStatus(operationId, { showHistory: false, showHistoryOutput: false, showInput: false });
        return { runtimeStatus: String(status.runtimeStatus), customStatus: status.customStatus, output: status.output };
      } catch (error) {
        // durable-functions 3.x reports an unknown instance only through this message (pinned version).
        if (/HTTP 404/.test((error as Error).message ?? "")) return undefined;
        throw error;
      }
    },
    raise: (operationId: string, eventName: string, data: unknown) => client.raiseEvent(operationId, eventName, data),
  };
}
