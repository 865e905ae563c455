import "./registrations";
import { createClock } from "../../../local/clock/clock";
import { resetApp } from "./app";
import { startTestEngine } from "./setup";

describe("durable engine on a scaled clock", () => {
  beforeEach(resetApp);

  it("fires durable timers from the wall clock when time runs faster than real time", async () => {
    // 10,000 simulated ms per real ms: a five-minute timer takes about 30 real milliseconds.
    const test = await startTestEngine({ clock: createClock({ mode: "scaled", speed: 10_000 }) });
    const id = await test.engine.startNew("Sleeper", { input: 5 });
    let status = await test.engine.getStatus(id);
    for (let waited = 0; waited < 200 && status?.runtimeStatus !== "Completed"; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = await test.engine.getStatus(id);
    }
    expect(status?.runtimeStatus).toBe("Completed");
    // Simulated minutes from start to the episode after the timer: at least the five it waited.
    expect(status?.output).toBeGreaterThanOrEqual(5);
    await test.engine.stop();
  });
});
