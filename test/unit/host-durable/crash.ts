// Simulates the death of the engine's process at a chosen point: after the switch flips, every store call and
// every function invocation of the dead engine hangs forever, so it can neither write nor run app code again;
// what reached the store before stays, as on disk after a SIGKILL.
import type { FunctionInvoker } from "../../../local/host/durable/contract";
import type { TaskHubStore } from "../../../local/host/durable/store";

const WRITES = new Set(["putInstance", "deleteInstance", "putMessages", "deleteMessages", "exchangeMessages", "putEntity"]);

export class CrashSwitch {
  crashed = false;
  writes = 0;
  readonly crashedSignal: Promise<void>;
  private fire!: () => void;

  /** Crashes right after the `afterWrites`-th write reached the store (never, when undefined). */
  constructor(readonly afterWrites?: number) {
    this.crashedSignal = new Promise((resolve) => (this.fire = resolve));
  }

  crash(): void {
    if (this.crashed) return;
    this.crashed = true;
    this.fire();
  }
}

const hang = () => new Promise<never>(() => undefined);

export function crashableStore(store: TaskHubStore, crash: CrashSwitch): TaskHubStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (crash.crashed) return hang();
        const result = await value.apply(target, args);
        if (WRITES.has(String(property)) && ++crash.writes === crash.afterWrites) crash.crash();
        if (crash.crashed) return hang();
        return result;
      };
    },
  });
}

export function crashableInvoker(invoker: FunctionInvoker, crash: CrashSwitch): FunctionInvoker {
  return {
    functionNames: (kind) => invoker.functionNames(kind),
    invoke: (kind, name, payload, context) => (crash.crashed ? hang() : invoker.invoke(kind, name, payload, context)),
  };
}
