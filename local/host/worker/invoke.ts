// Runs one invocation the way the Node worker does: the app's programming model turns the host's typed data into
// handler arguments, hooks run around the handler, and the model turns the result back into typed data.
import { randomUUID } from "node:crypto";
import type { FunctionsCore, HookName, RegisteredFunction } from "./functions-core";
import type { CoreInvocationContext, RpcInvocationRequest, RpcInvocationResponse, RpcLogCategory, RpcLogLevel } from "./rpc-types";

export type InvocationLog = (functionName: string, invocationId: string, level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

export interface InvocationInput {
  /** Typed data per binding name; the trigger's binding name comes from the function's metadata. */
  inputData: RpcInvocationRequest["inputData"];
  triggerMetadata?: RpcInvocationRequest["triggerMetadata"];
  invocationId?: string;
}

export async function invokeRegistered(
  core: FunctionsCore,
  registered: RegisteredFunction,
  input: InvocationInput,
  log: InvocationLog,
): Promise<RpcInvocationResponse> {
  const model = core.programmingModel;
  if (!model) throw new Error(`the app registered "${registered.metadata.name}" without setting a programming model`);
  const invocationId = input.invocationId ?? randomUUID();
  const name = registered.metadata.name;
  const coreContext: CoreInvocationContext = {
    invocationId,
    request: { invocationId, functionId: registered.metadata.functionId ?? name, inputData: input.inputData, triggerMetadata: input.triggerMetadata },
    metadata: { name, functionId: registered.metadata.functionId ?? name, bindings: registered.metadata.bindings },
    log: (level, category, message) => log(name, invocationId, level, category, message),
  };
  const invocation = model.getInvocationModel(coreContext);
  const { context, inputs } = await invocation.getArguments();

  const hookData: Record<string, unknown> = {};
  const before = { hookData, appHookData: core.appHookData, invocationContext: context, inputs, functionCallback: registered.callback };
  coreContext.state = "preInvocationHooks";
  await runHooks(core, "preInvocation", before);

  coreContext.state = "invocation";
  let result: unknown;
  let error: unknown;
  try {
    result = await invocation.invokeFunction(context, before.inputs, before.functionCallback);
  } catch (thrown) {
    error = thrown;
  }

  const after = { hookData, appHookData: core.appHookData, invocationContext: context, inputs: before.inputs, result, error };
  coreContext.state = "postInvocationHooks";
  await runHooks(core, "postInvocation", after);
  coreContext.state = undefined;
  if (after.error) throw after.error;
  return invocation.getResponse(context, after.result);
}

export async function runHooks(core: FunctionsCore, name: HookName, context: Record<string, unknown>): Promise<void> {
  for (const hook of [...(core.hooks.get(name) ?? [])]) await hook(context);
}
