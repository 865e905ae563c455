// Invokes any captured function with its trigger data plus the extra inputs the host supplies (the durable client),
// through the app's own programming model.
import { randomUUID } from "node:crypto";
import type { DurableFunction, HttpFunction, TimerFunction, EventGridFunction } from "./catalog";
import type { FunctionsCore } from "./worker/functions-core";
import { invokeRegistered, type InvocationLog } from "./worker/invoke";
import type { RpcInvocationResponse, RpcParameterBinding, RpcTypedData } from "./worker/rpc-types";
import { jsonTypedData } from "./worker/typed-data";

type AnyFunction = HttpFunction | TimerFunction | EventGridFunction | DurableFunction;

export class FunctionRunner {
  constructor(
    private readonly core: FunctionsCore,
    /** Binding data for `df.input.durableClient()`; undefined while the host has no durable API. */
    private readonly durableClientData: () => Record<string, unknown> | undefined,
    private readonly log: InvocationLog,
  ) {}

  async invoke(entry: AnyFunction, trigger: RpcTypedData, options: { invocationId?: string; triggerMetadata?: Record<string, RpcTypedData> } = {}): Promise<RpcInvocationResponse> {
    const invocationId = options.invocationId ?? randomUUID();
    const inputData: RpcParameterBinding[] = [{ name: entry.triggerBinding, data: trigger }];
    for (const [name, binding] of Object.entries(entry.registered.metadata.bindings)) {
      if (binding.direction !== "in" || name === entry.triggerBinding) continue;
      inputData.push({ name, data: this.extraInput(entry.name, name, String(binding.type)) });
    }
    // Like the host's "Executed" lines; durable functions run far too often to print each one by default.
    const level = "kind" in entry ? "debug" : "information";
    const started = performance.now();
    const executed = (outcome: string) =>
      this.log(entry.name, invocationId, level, "system", `Executed 'Functions.${entry.name}' (${outcome}, Id=${invocationId}, Duration=${Math.round(performance.now() - started)}ms)`);
    try {
      const response = await invokeRegistered(this.core, entry.registered, { inputData, triggerMetadata: options.triggerMetadata, invocationId }, this.log);
      executed("Succeeded");
      return response;
    } catch (error) {
      executed("Failed");
      throw error;
    }
  }

  private extraInput(functionName: string, bindingName: string, type: string): RpcTypedData {
    if (type === "durableClient" || type === "orchestrationClient") {
      const data = this.durableClientData();
      if (!data) throw new Error(`function ${functionName} asks for a durable client, but the host runs without a durable engine`);
      return jsonTypedData(data);
    }
    throw new Error(`function ${functionName}: input binding "${bindingName}" of type ${type} is not supported by the local host`);
  }
}
