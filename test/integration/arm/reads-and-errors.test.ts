// Reads through the real SDK clients (paging with nextLink, ids as ARM writes them, RPO that moves with simulated
// time, recovery points) and bad input answered with ARM's error shape and status, never a crash.
import { loadEstate } from "../../../local/estates/load-estate";
import { type Lab, expectRestError, startLab } from "./harness";

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  apiVersion: string | null;
}

describe("Site Recovery reads", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ estate: { ...loadEstate("shop"), pageSize: 4 } });
  });
  afterAll(async () => lab.emulator.stop());

  it("pages vault-wide and per-container item lists with nextLink", async () => {
    const vault = lab.estate.vaults[0].name;
    await lab.control("DELETE", "/_emulator/requests");
    const all = [];
    for await (const item of lab.clients.siteRecovery.replicationProtectedItems.list(vault, lab.rg)) all.push(item);
    expect(all.map((item) => item.name).sort()).toEqual(lab.estate.protectedItems.map((item) => item.name).sort());
    const log = (await lab.control<LoggedRequest[]>("GET", "/_emulator/requests")).body;
    expect(log.filter((entry) => entry.path.endsWith("/replicationProtectedItems"))).toHaveLength(2);
    expect(log.every((entry) => entry.apiVersion === "2023-06-01" && entry.status === 200)).toBe(true);

    const web = lab.item("shop-web-1");
    const pages = [];
    for await (const page of lab.clients.siteRecovery.replicationProtectedItems.listByReplicationProtectionContainers(vault, lab.rg, web.fabric, web.container).byPage()) {
      pages.push(page.length);
    }
    expect(pages).toEqual([4, 2]);
  });

  it("writes ids with /Subscriptions/ and answers reads of fabrics, containers, policies, plans and jobs", async () => {
    const vault = lab.estate.vaults[0].name;
    const sr = lab.clients.siteRecovery;
    const fabrics = [];
    for await (const fabric of sr.replicationFabrics.list(vault, lab.rg)) fabrics.push(fabric);
    expect(fabrics[0].id).toMatch(/^\/Subscriptions\//);
    const containers = [];
    for await (const container of sr.replicationProtectionContainers.list(vault, lab.rg)) containers.push(container);
    expect(containers.length).toBeGreaterThan(0);
    const policy = await sr.replicationPolicies.get(vault, lab.rg, "a2a-24h");
    expect(policy.properties!.providerSpecificDetails).toMatchObject({ instanceType: "A2A", recoveryPointThresholdInMinutes: 60 });
    const plan = await sr.replicationRecoveryPlans.get(vault, lab.rg, lab.estate.recoveryPlans[0].name);
    expect(plan.properties!.groups!.filter((group) => group.groupType === "Boot")).toHaveLength(3);
    expect(plan.properties!.allowedOperations).toEqual(expect.arrayContaining(["TestFailover", "UnplannedFailover"]));
    const plans = [];
    for await (const entry of sr.replicationRecoveryPlans.list(vault, lab.rg)) plans.push(entry);
    expect(plans).toHaveLength(1);
    const jobs = [];
    for await (const job of sr.replicationJobs.list(vault, lab.rg)) jobs.push(job);
    expect(jobs).toEqual([]);
  });

  it("moves the RPO with simulated time and lists timestamped recovery points", async () => {
    const vm = lab.item("shop-app-1");
    const rpoNow = async (): Promise<{ rpo: number; at: Date }> => {
      const details = (await lab.getItem(vm)).properties!.providerSpecificDetails as unknown as { rpoInSeconds: number; lastRpoCalculatedTime: Date };
      return { rpo: details.rpoInSeconds, at: details.lastRpoCalculatedTime };
    };
    const seen = new Set<number>();
    const times = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const { rpo, at } = await rpoNow();
      seen.add(rpo);
      times.add(at.getTime());
      await lab.advanceMinutes(3);
    }
    expect(seen.size).toBeGreaterThan(1);
    expect(times.size).toBe(6);

    const points = [];
    for await (const point of lab.clients.siteRecovery.recoveryPoints.listByReplicationProtectedItems(vm.vault, lab.rg, vm.fabric, vm.container, vm.name)) {
      points.push(point);
    }
    expect(points.length).toBeGreaterThan(10);
    const stamps = points.map((point) => point.properties!.recoveryPointTime!.getTime());
    expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);
    expect(points.some((point) => point.properties!.recoveryPointType === "ApplicationConsistent")).toBe(true);
    const one = await lab.clients.siteRecovery.recoveryPoints.get(vm.vault, lab.rg, vm.fabric, vm.container, vm.name, points[1].name!);
    expect(one.properties!.recoveryPointTime).toEqual(points[1].properties!.recoveryPointTime);
  });

  it("filters jobs by status and scenario, and vault-wide items by recovery plan", async () => {
    const sr = lab.clients.siteRecovery;
    const [first, second] = ["shop-web-2", "shop-app-2"].map((vmName) => lab.item(vmName));
    const started = await sr.replicationProtectedItems.beginTestFailover(first.vault, lab.rg, first.fabric, first.container, first.name, {
      properties: { networkType: "VmNetworkAsInput", networkId: lab.estate.testNetworkId },
    });
    await lab.advanceMinutes(10);
    await started.pollUntilDone();
    await sr.replicationProtectedItems.beginUnplannedFailover(second.vault, lab.rg, second.fabric, second.container, second.name, {
      properties: { failoverDirection: "PrimaryToRecovery", sourceSiteOperations: "Required" },
    });
    const list = async (filter: string): Promise<string[]> => {
      const names = [];
      for await (const job of sr.replicationJobs.list(first.vault, lab.rg, { filter })) names.push(`${job.properties!.scenarioName}:${job.properties!.state}`);
      return names;
    };
    expect(await list("jobStatus eq 'InProgress'")).toEqual(["UnplannedFailover:InProgress"]);
    expect(await list("jobName eq 'TestFailover'")).toEqual(["TestFailover:Succeeded"]);
    expect(await list(`startTime eq '${new Date(Date.now() + 365 * 86_400_000).toISOString()}'`)).toEqual([]);
    expect(await expectRestError(list("owner eq 'me'"))).toMatchObject({ statusCode: 400, code: "InvalidFilter" });

    const planItems = [];
    for await (const item of sr.replicationProtectedItems.list(first.vault, lab.rg, { filter: `RecoveryPlanName eq '${lab.estate.recoveryPlans[0].name}'` })) planItems.push(item.name);
    expect(planItems.sort()).toEqual(lab.estate.recoveryPlans[0].groups.flatMap((group) => group.items).sort());
  });

  it("applies the RPO and health set through the control API", async () => {
    const vm = lab.item("shop-db-2");
    expect((await lab.control("POST", `/_emulator/items/${vm.vmName}/replication`, { rpoSeconds: 5400, health: "Warning" })).status).toBe(200);
    const item = await lab.getItem(vm);
    expect(item.properties).toMatchObject({ replicationHealth: "Warning", providerSpecificDetails: { rpoInSeconds: 5400 } });
    expect(item.properties!.healthErrors!.length).toBeGreaterThan(0);
    await lab.control("POST", `/_emulator/items/${vm.vmName}/replication`, { rpoSeconds: null, health: null });
    expect((await lab.getItem(vm)).properties!.replicationHealth).toBe("Normal");
    expect((await lab.control("POST", `/_emulator/items/${vm.vmName}/replication`, { health: "Fine" })).status).toBe(400);
    expect((await lab.control("POST", "/_emulator/items/no-such-vm/replication", { health: "Normal" })).status).toBe(404);
  });
});

describe("bad input gets ARM's error shape", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => lab.emulator.stop());

  const raw = async (method: string, path: string, body?: string): Promise<{ status: number; body: { error?: { code: string; message: string } } }> => {
    const response = await fetch(`${lab.emulator.url}${path}`, { method, body, headers: body === undefined ? {} : { "Content-Type": "application/json" } });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
  };

  it("answers unknown vaults, items, plans, jobs and profiles with 404 and an ARM code", async () => {
    const vm = lab.item("shop-web-1");
    const sr = lab.clients.siteRecovery;
    expect(await expectRestError(sr.replicationProtectedItems.get("no-vault", lab.rg, vm.fabric, vm.container, vm.name))).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    expect(await expectRestError(sr.replicationProtectedItems.get(vm.vault, lab.rg, vm.fabric, vm.container, "no-item"))).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    expect(await expectRestError(sr.replicationRecoveryPlans.get(vm.vault, lab.rg, "no-plan"))).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    expect(await expectRestError(sr.replicationJobs.get(vm.vault, lab.rg, "no-job"))).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    expect(await expectRestError(sr.replicationProtectedItems.get(vm.vault, "other-rg", vm.fabric, vm.container, vm.name))).toMatchObject({ statusCode: 404, code: "ResourceGroupNotFound" });
    expect(await expectRestError(lab.clients.trafficManager.profiles.get(lab.rg, "no-profile"))).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
    const action = await expectRestError(sr.replicationProtectedItems.beginFailoverCommit(vm.vault, lab.rg, vm.fabric, vm.container, "no-item"));
    expect(action).toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });

  it("refuses a wrong or missing api-version with ARM's 400 codes", async () => {
    // The factory's client, with one policy that swaps the api-version the SDK sends.
    const client = lab.clients.siteRecovery;
    client.pipeline.addPolicy({
      name: "wrongApiVersion",
      sendRequest: (request, next) => {
        request.url = request.url.replace(/api-version=[^&]*/, "api-version=2099-01-01");
        return next(request);
      },
    });
    try {
      expect(await expectRestError(client.replicationRecoveryPlans.get(lab.estate.vaults[0].name, lab.rg, lab.estate.recoveryPlans[0].name))).toMatchObject({
        statusCode: 400,
        code: "InvalidApiVersionParameter",
      });
    } finally {
      client.pipeline.removePolicy({ name: "wrongApiVersion" });
    }
    const missing = await raw("GET", `${lab.estate.vaults[0].id}/replicationRecoveryPlans`);
    expect(missing).toMatchObject({ status: 400, body: { error: { code: "MissingApiVersionParameter" } } });
  });

  it("refuses malformed and incomplete action bodies without changing the item", async () => {
    const vm = lab.item("shop-app-2");
    const action = `${vm.id}/testFailover?api-version=2023-06-01`;
    expect(await raw("POST", action, "{not json")).toMatchObject({ status: 400, body: { error: { code: "InvalidRequestContent" } } });
    expect(await raw("POST", action, "[1,2]")).toMatchObject({ status: 400, body: { error: { code: "InvalidRequestContent" } } });
    expect(await raw("POST", action, JSON.stringify({ properties: { networkType: "VmNetworkAsInput" } }))).toMatchObject({ status: 400, body: { error: { code: "InvalidParameter" } } });
    expect(await raw("POST", action, JSON.stringify({ properties: { failoverDirection: "Sideways", networkId: "x" } }))).toMatchObject({ status: 400, body: { error: { code: "InvalidParameter" } } });
    expect(await raw("POST", `${vm.id}/recoveryPoints?api-version=2023-06-01`)).toMatchObject({ status: 405, body: { error: { code: "MethodNotAllowed" } } });
    expect(await raw("GET", `${lab.estate.vaults[0].id}/noSuchCollection?api-version=2023-06-01`)).toMatchObject({ status: 404, body: { error: { code: "InvalidResourceType" } } });
    const item = await lab.getItem(vm);
    expect(item.properties).toMatchObject({ currentScenario: { scenarioName: "None" }, testFailoverState: "None" });
    const jobs = [];
    for await (const job of lab.clients.siteRecovery.replicationJobs.list(vm.vault, lab.rg)) jobs.push(job);
    expect(jobs).toHaveLength(0);
  });

  it("refuses bad control-API input with 400 and keeps serving", async () => {
    expect((await lab.control("POST", "/_emulator/faults", { rate429: 3 })).status).toBe(400);
    expect((await lab.control("POST", "/_emulator/faults", { bogus: 1 })).status).toBe(400);
    expect((await lab.control("POST", "/_emulator/clock/advance", { ms: -5 })).status).toBe(400);
    expect((await lab.control("POST", "/_emulator/regions/atlantis/outage")).status).toBe(404);
    expect((await lab.control("POST", "/_emulator/eventgrid/subscriptions", { name: "x" })).status).toBe(400);
    const clock = await lab.control<{ now: string; spec: { mode: string } }>("GET", "/_emulator/clock");
    expect(clock).toMatchObject({ status: 200, body: { spec: { mode: "virtual" } } });
  });
});
