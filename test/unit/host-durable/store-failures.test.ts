import "./registrations";
import { MemoryTaskHubStore } from "../../../local/host/durable/memory-store";
import type { TaskHubStore } from "../../../local/host/durable/store";
import { resetApp, runs } from "./app";
import { startTestEngine } from "./setup";

/** A store whose `exchangeMessages` (an episode's first write) fails the first `failures` times, like storage that is briefly unreachable. */
function flakyStore(store: TaskHubStore, failures: number): TaskHubStore {
  let left = failures;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "exchangeMessages" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        if (left > 0) {
          left--;
          throw new Error("storage unavailable");
        }
        return value.apply(target, args);
      };
    },
  });
}

describe("durable engine when storage fails", () => {
  beforeEach(resetApp);

  it("logs the failure, keeps the work pending and finishes once storage answers again", async () => {
    const logged: string[] = [];
    const test = await startTestEngine({ store: flakyStore(new MemoryTaskHubStore(), 2), log: (level, message) => logged.push(`${level}: ${message}`) });
    const id = await test.engine.startNew("HelloSequence");
    let status = await test.engine.getStatus(id);
    for (let attempt = 0; attempt < 100 && status?.runtimeStatus !== "Completed"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await test.engine.getStatus(id);
    }
    expect(status).toMatchObject({ runtimeStatus: "Completed", output: ["Hello Tokyo!", "Hello Seattle!", "Hello London!"] });
    expect(runs.get("SayHello")).toBe(3);
    expect(logged.filter((line) => line.startsWith("error: ") && line.includes("storage unavailable"))).toHaveLength(2);
    await test.engine.stop();
  });
});
