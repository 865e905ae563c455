// The FunctionInvoker the durable engine calls: it delivers orchestration, activity and entity trigger payloads to
// the app's handlers through the programming model and hands back what they returned.
import type { DurableFunction } from "./catalog";
import type { DurableFunctionKind, FunctionInvoker, InvocationContextInfo } from "./durable/contract";
import type { FunctionRunner } from "./function-runner";
import { fromTypedData, jsonTypedData } from "./worker/typed-data";

export class DurableInvoker implements FunctionInvoker {
  constructor(
    private readonly functions: DurableFunction[],
    private readonly runner: FunctionRunner,
  ) {}

  functionNames(kind: DurableFunctionKind): string[] {
    return this.functions.filter((entry) => entry.kind === kind).map((entry) => entry.name);
  }

  async invoke(kind: DurableFunctionKind, name: string, payload: unknown, context: InvocationContextInfo): Promise<unknown> {
    // Durable function names are case-insensitive in the extension.
    const entry = this.functions.find((candidate) => candidate.kind === kind && candidate.name.toLowerCase() === name.toLowerCase());
    if (!entry) throw new Error(`the app has no ${kind} function named "${name}"`);
    const response = await this.runner.invoke(entry, jsonTypedData(payload), { invocationId: context.invocationId });
    return fromTypedData(response.returnValue);
  }
}
