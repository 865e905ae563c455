// A test-only stand-in for `@azure/functions-core`: captures what `df.app.*` registers so unit tests can invoke the
// real durable-functions handlers (orchestrator replay, activity wrapper, entity batch) without the host shell.
// Import this module before anything that imports `@azure/functions` or `durable-functions`.
import { InvocationContext } from "@azure/functions";
import type { DurableFunctionKind, FunctionInvoker, InvocationContextInfo } from "../../../local/host/durable/contract";

type Handler = (trigger: unknown, context: InvocationContext) => unknown;

interface Registration {
  kind: DurableFunctionKind | "other";
  handler: Handler;
}

const mockRegistrations = new Map<string, Registration>();

jest.mock(
  "@azure/functions-core",
  () => ({
    setProgrammingModel: () => undefined,
    getProgrammingModel: () => undefined,
    registerHook: () => ({ dispose: () => undefined }),
    registerFunction: (metadata: { name: string; bindings: Record<string, { type: string }> }, handler: Handler) => {
      const types = Object.values(metadata.bindings).map((binding) => binding.type);
      const kind = types.includes("orchestrationTrigger")
        ? "orchestration"
        : types.includes("activityTrigger")
          ? "activity"
          : types.includes("entityTrigger")
            ? "entity"
            : "other";
      mockRegistrations.set(metadata.name, { kind, handler });
      return { dispose: () => mockRegistrations.delete(metadata.name) };
    },
  }),
  { virtual: true },
);

/**
 * Invokes the captured handlers directly. Results cross a JSON boundary, as they do between the worker and the
 * host, so the engine never depends on object identity or class instances.
 */
export function createTestInvoker(): FunctionInvoker & { invocations: { kind: DurableFunctionKind; name: string }[] } {
  const invocations: { kind: DurableFunctionKind; name: string }[] = [];
  return {
    invocations,
    functionNames: (kind) => [...mockRegistrations].filter(([, registration]) => registration.kind === kind).map(([name]) => name),
    async invoke(kind: DurableFunctionKind, name: string, payload: unknown, info: InvocationContextInfo) {
      const registration = mockRegistrations.get(name);
      if (!registration || registration.kind !== kind) throw new Error(`no ${kind} function named '${name}'`);
      invocations.push({ kind, name });
      const context = new InvocationContext({ functionName: name, invocationId: info.invocationId, logHandler: () => undefined });
      const result = await registration.handler(JSON.parse(JSON.stringify(payload ?? null)), context);
      return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    },
  };
}
