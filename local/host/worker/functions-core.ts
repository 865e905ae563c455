// The stand-in for `@azure/functions-core`, the module the Azure Functions Node worker injects into every app.
// `@azure/functions` (and so `durable-functions`) registers every function, hook and its programming model through
// it; capturing those calls is how the local host learns what the app contains.
import Module from "node:module";
import type { FunctionCallback, FunctionMetadata, ProgrammingModel, RpcLogCategory, RpcLogLevel } from "./rpc-types";

export type HookName = "appStart" | "appTerminate" | "preInvocation" | "postInvocation";
const HOOK_NAMES: readonly string[] = ["appStart", "appTerminate", "preInvocation", "postInvocation"];

export type HookCallback = (context: Record<string, unknown>) => void | Promise<void>;

export interface RegisteredFunction {
  metadata: FunctionMetadata;
  callback: FunctionCallback;
}

export type CoreLog = (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;

/** Mirrors the worker's Disposable: `dispose` runs its callback once. */
export class Disposable {
  #onDispose: (() => unknown) | undefined;

  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }

  constructor(onDispose: () => unknown) {
    this.#onDispose = onDispose;
  }

  dispose(): unknown {
    const onDispose = this.#onDispose;
    this.#onDispose = undefined;
    return onDispose?.();
  }
}

/** Everything an app registered while it was loaded. */
export class FunctionsCore {
  readonly functions = new Map<string, RegisteredFunction>();
  readonly hooks = new Map<HookName, HookCallback[]>(HOOK_NAMES.map((name) => [name as HookName, []]));
  /** Shared by all hooks of the app, as in the worker. */
  readonly appHookData: Record<string, unknown> = {};
  programmingModel: ProgrammingModel | undefined;

  constructor(private readonly log: CoreLog) {}

  /** The object an app receives from `require("@azure/functions-core")`. */
  moduleExports(): Record<string, unknown> {
    return {
      version: "local",
      hostVersion: "4.0.0-local",
      Disposable,
      registerFunction: (metadata: FunctionMetadata, callback: FunctionCallback) => this.registerFunction(metadata, callback),
      registerHook: (name: string, callback: HookCallback) => this.registerHook(name, callback),
      setProgrammingModel: (model: ProgrammingModel) => void (this.programmingModel = model),
      getProgrammingModel: () => this.programmingModel,
      log: (level: RpcLogLevel, category: RpcLogCategory, message: string) => this.log(level, category, message),
    };
  }

  private registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (this.functions.has(metadata.name)) {
      throw new Error(`A function named "${metadata.name}" is already registered; function names must be unique within an app`);
    }
    this.functions.set(metadata.name, { metadata, callback });
    return new Disposable(() => this.functions.delete(metadata.name));
  }

  private registerHook(name: string, callback: HookCallback): Disposable {
    const callbacks = this.hooks.get(name as HookName);
    if (!callbacks) {
      // The worker answers unknown hooks this way; @azure/functions turns it into a "host too old" message.
      throw Object.assign(new RangeError(`Unrecognized hook "${name}"`), { isAzureFunctionsSystemError: true });
    }
    callbacks.push(callback);
    return new Disposable(() => callbacks.splice(callbacks.indexOf(callback), 1));
  }
}

const CORE_MODULE = "@azure/functions-core";

/**
 * Makes `require("@azure/functions-core")` return this core for every module of the process, the way the worker
 * patches `Module.prototype.require`. Returns the function that undoes it.
 */
export function installFunctionsCore(core: FunctionsCore): () => void {
  const prototype = Module.prototype as unknown as { require: (id: string) => unknown };
  const originalRequire = prototype.require;
  const exports = core.moduleExports();
  prototype.require = function requireWithCore(this: unknown, id: string) {
    return id === CORE_MODULE ? exports : originalRequire.call(this, id);
  };
  return () => void (prototype.require = originalRequire);
}
