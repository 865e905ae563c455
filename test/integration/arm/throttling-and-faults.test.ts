// ARM throttling (token buckets on the wall clock) and injected faults, as the real SDK pipeline experiences them:
// a 429 with Retry-After is retried by the SDK and succeeds; faults that never stop exhaust its retries.
import { type Lab, expectRestError, startLab } from "./harness";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

describe("throttling and faults", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());
  afterEach(async () => {
    await lab.control("POST", "/_emulator/faults", {});
    await lab.control("POST", "/_emulator/throttling", { enabled: true, readsPerSecond: 25, readBucket: 250, writesPerSecond: 10, writeBucket: 200 });
  });

  it("counts down x-ms-ratelimit-remaining-subscription-reads and -writes separately", async () => {
    // A bucket that barely refills, so each read visibly takes one token.
    await lab.control("POST", "/_emulator/throttling", { readBucket: 250, readsPerSecond: 0.01 });
    const vault = lab.estate.vaults[0].id;
    const read = async (): Promise<Response> => fetch(`${lab.emulator.url}${vault}/replicationRecoveryPlans?api-version=2023-06-01`);
    const first = Number((await read()).headers.get("x-ms-ratelimit-remaining-subscription-reads"));
    const second = Number((await read()).headers.get("x-ms-ratelimit-remaining-subscription-reads"));
    expect([first, second]).toEqual([249, 248]);
    const write = await fetch(`${lab.emulator.url}${lab.estate.trafficManagerProfiles[0].endpoints[0].id}?api-version=2022-04-01`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ properties: { weight: 1 } }),
    });
    expect(write.status).toBe(200);
    expect(Number(write.headers.get("x-ms-ratelimit-remaining-subscription-writes"))).toBe(199);
  });

  it("answers 429 with Retry-After when the read bucket is empty, and the SDK retries to success", async () => {
    expect((await lab.control("POST", "/_emulator/throttling", { readBucket: 2, readsPerSecond: 0.5 })).status).toBe(200);
    await lab.control("DELETE", "/_emulator/requests");
    const vault = lab.estate.vaults[0].name;
    const plan = lab.estate.recoveryPlans[0].name;
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await lab.clients.siteRecovery.replicationRecoveryPlans.get(vault, lab.rg, plan));
    expect(results.every((result) => result.name === plan)).toBe(true);
    const log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThanOrEqual(1);
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(3);


    // A bucket that refills every ten seconds: the second read is refused, with ARM's code and a Retry-After.
    await lab.control("POST", "/_emulator/throttling", { readBucket: 1, readsPerSecond: 0.1 });
    const url = `${lab.emulator.url}${lab.estate.vaults[0].id}/replicationRecoveryPlans?api-version=2023-06-01`;
    expect((await fetch(url)).status).toBe(200);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("SubscriptionRequestsThrottled");
  });

  it("injects 429s that the SDK retries, and gives up with RestError 429 when they never stop", async () => {
    await lab.control("POST", "/_emulator/faults", { rate429: 1 });
    const vault = lab.estate.vaults[0].name;
    const failure = await expectRestError(lab.clients.siteRecovery.replicationRecoveryPlans.get(vault, lab.rg, lab.estate.recoveryPlans[0].name));
    expect(failure).toMatchObject({ statusCode: 429, code: "TooManyRequests" });
    await lab.control("POST", "/_emulator/faults", { rate429: 0.3 });
    await lab.control("DELETE", "/_emulator/requests");
    let log: LoggedRequest[] = [];
    let reads = 0;
    while (reads < 20 && !log.some((entry) => entry.status === 429)) {
      await lab.clients.siteRecovery.replicationRecoveryPlans.get(vault, lab.rg, lab.estate.recoveryPlans[0].name);
      reads += 1;
      log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    }
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(reads);
    expect(log.some((entry) => entry.status === 429)).toBe(true);
  });

  it("injects 500s that the SDK retries with backoff", async () => {
    await lab.control("POST", "/_emulator/faults", { rate5xx: 0.3 });
    await lab.control("DELETE", "/_emulator/requests");
    const vault = lab.estate.vaults[0].name;
    let log: LoggedRequest[] = [];
    let reads = 0;
    // Each read succeeds through the SDK's retries; stop once the log shows that a 500 was among the answers.
    while (reads < 20 && !log.some((entry) => entry.status === 500)) {
      await lab.clients.siteRecovery.replicationRecoveryPlans.get(vault, lab.rg, lab.estate.recoveryPlans[0].name);
      reads += 1;
      log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    }
    expect(log.filter((entry) => entry.status === 200)).toHaveLength(reads);
    expect(log.some((entry) => entry.status === 500)).toBe(true);
  });

  it("fails the next N jobs when failJobs is a count", async () => {
    await lab.control("POST", "/_emulator/faults", { failJobs: 1 });
    const [first, second] = ["shop-app-1", "shop-app-2"].map((vmName) => lab.item(vmName));
    const start = (vm: typeof first) =>
      lab.clients.siteRecovery.replicationProtectedItems.beginTestFailover(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, {
        properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
      }, { updateIntervalInMs: 50 });
    const pollers = [await start(first), await start(second)];
    await lab.advanceMinutes(10);
    const outcomes = await Promise.allSettled(pollers.map((poller) => poller.pollUntilDone()));
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});
