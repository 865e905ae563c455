import { FunctionsCore } from "../../../local/host/worker/functions-core";
import { invokeRegistered } from "../../../local/host/worker/invoke";
import type { CoreInvocationContext, ProgrammingModel } from "../../../local/host/worker/rpc-types";
import { fromTypedData, jsonTypedData } from "../../../local/host/worker/typed-data";

type Api = {
  registerFunction(metadata: unknown, callback: (...args: unknown[]) => unknown): { dispose(): void };
  registerHook(name: string, callback: (context: Record<string, unknown>) => void): { dispose(): void };
  setProgrammingModel(model: ProgrammingModel): void;
};

/** A programming model that passes the trigger's typed data through, like @azure/functions does for JSON. */
const passThroughModel: ProgrammingModel = {
  name: "test",
  version: "1",
  getInvocationModel: (core: CoreInvocationContext) => ({
    getArguments: async () => ({ context: { functionName: core.metadata.name }, inputs: [fromTypedData(core.request.inputData?.[0]?.data)] }),
    invokeFunction: async (context, inputs, callback) => callback(...inputs, context),
    getResponse: async (_context, result) => ({ returnValue: jsonTypedData(result) }),
  }),
};

function coreWithModel() {
  const core = new FunctionsCore(() => undefined);
  const api = core.moduleExports() as unknown as Api;
  api.setProgrammingModel(passThroughModel);
  return { core, api };
}

describe("the functions-core stand-in", () => {
  it("captures registrations and refuses a second function with the same name", () => {
    const { core, api } = coreWithModel();
    const registration = api.registerFunction({ name: "hello", bindings: {} }, () => "hi");
    expect([...core.functions.keys()]).toEqual(["hello"]);
    expect(() => api.registerFunction({ name: "hello", bindings: {} }, () => "again")).toThrow(/already registered/);
    registration.dispose();
    expect(core.functions.size).toBe(0);
  });

  it("answers unknown hooks as the worker does, so @azure/functions can explain", () => {
    const { api } = coreWithModel();
    let thrown: unknown;
    try {
      api.registerHook("log", () => undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as { isAzureFunctionsSystemError?: boolean }).isAzureFunctionsSystemError).toBe(true);
  });

  it("runs pre- and post-invocation hooks around the handler, which may change inputs and result", async () => {
    const { core, api } = coreWithModel();
    const order: string[] = [];
    api.registerFunction({ name: "double", bindings: {} }, (value) => {
      order.push("handler");
      return (value as number) * 2;
    });
    api.registerHook("preInvocation", (context) => {
      order.push("pre");
      context.inputs = [(context.inputs as number[])[0] + 1];
    });
    api.registerHook("postInvocation", (context) => {
      order.push("post");
      context.result = { doubled: context.result };
    });
    const response = await invokeRegistered(core, core.functions.get("double")!, { inputData: [{ name: "trigger", data: jsonTypedData(20) }] }, () => undefined);
    expect(order).toEqual(["pre", "handler", "post"]);
    expect(fromTypedData(response.returnValue)).toEqual({ doubled: 42 });
  });

  it("rethrows what the handler threw unless a post-invocation hook clears it", async () => {
    const { core, api } = coreWithModel();
    api.registerFunction({ name: "boom", bindings: {} }, () => {
      throw new Error("boom");
    });
    await expect(invokeRegistered(core, core.functions.get("boom")!, { inputData: [] }, () => undefined)).rejects.toThrow("boom");
    api.registerHook("postInvocation", (context) => {
      context.error = null;
      context.result = "recovered";
    });
    const response = await invokeRegistered(core, core.functions.get("boom")!, { inputData: [] }, () => undefined);
    expect(fromTypedData(response.returnValue)).toBe("recovered");
  });

  it("keeps strings as strings in JSON typed data, where string typed data would be parsed", () => {
    expect(fromTypedData(jsonTypedData("42"))).toBe("42");
    expect(jsonTypedData(undefined)).toEqual({});
    expect(fromTypedData({ string: "42" })).toBe("42");
    expect(fromTypedData({ int: 7 })).toBe(7);
  });
});
