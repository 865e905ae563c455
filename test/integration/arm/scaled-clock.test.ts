// Job durations on a scaled clock (as the lab runs it): a test failover of simulated minutes finishes in a fraction
// of real time, its job spans those simulated minutes, and the LRO answers ask for a Retry-After scaled down too.
import type { PipelineResponse } from "@azure/core-rest-pipeline";
import { type Lab, startLab } from "./harness";

describe("scaled clock", () => {
  let lab: Lab;
  const posts: PipelineResponse[] = [];
  beforeAll(async () => {
    lab = await startLab({ clock: { mode: "scaled", speed: 1200 } });
    lab.clients.siteRecovery.pipeline.addPolicy({
      name: "recordPosts",
      sendRequest: async (request, next) => {
        const response = await next(request);
        if (request.method === "POST") posts.push(response);
        return response;
      },
    });
  });
  afterAll(async () => lab.emulator.stop());

  it("runs a 6-minute test failover on simulated time, polled with a 1 s Retry-After", async () => {
    const vm = lab.item("shop-web-1");
    const poller = await lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    });
    expect(posts[0].headers.get("retry-after")).toBe("1");
    const result = await poller.pollUntilDone();
    expect(result.properties!.testFailoverState).toBe("WaitingForCompletion");
    const jobs = [];
    for await (const job of lab.clients.siteRecovery.replicationJobs.list(vm.vault, lab.rg)) jobs.push(job);
    const { startTime, endTime, state } = jobs[0].properties!;
    expect(state).toBe("Succeeded");
    expect(endTime!.getTime() - startTime!.getTime()).toBeGreaterThanOrEqual(6 * 60_000);
    expect((await lab.control("POST", "/_emulator/clock/advance", { ms: 1000 })).status).toBe(409);
  });
});
