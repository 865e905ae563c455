// Invokes any captured function with its trigger data plus the extra inputs the host supplies (the durable client),
// through the app's own programming model.
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

  invoke(entry: AnyFunction, trigger: RpcTypedData, options: { invocationId?: string; triggerMetadata?: Record<string, RpcTypedData> } = {}): Promise<RpcInvocationResponse> {
    const inputData: RpcParameterBinding[] = [{ name: entry.triggerBinding, data: trigger }];
    for (const [name, binding] of Object.entries(entry.registered.metadata.bindings)) {
      if (binding.direction !== "in" || name === entry.triggerBinding) continue;
      inputData.push({ name, data: this.extraInput(entry.name, name, String(binding.type)) });
    }
    return invokeRegistered(this.core, entry.registered, { inputData, triggerMetadata: options.triggerMetadata, invocationId: options.invocationId }, this.log);
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
