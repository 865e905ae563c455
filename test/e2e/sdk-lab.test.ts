// The SDK against the real app: the local host runs the compiled Functions app over the ARM emulator and Azurite,
// on a virtual clock the test moves. Nothing here is faked; the client is the published one.
import {
  AzureKeyCredential,
  StandbyClient,
  getProblemDetails,
  isRestError,
  type Operation,
  type OperationPollerState,
  type Plan,
} from "@standby/client";
import { PlanImportResultSchema, TERMINAL_OPERATION_STATUSES } from "@standby/client/contract";
import { shopPlan } from "../support/api-client";
import { startLab, type Lab } from "../support/lab";
import { caught } from "../unit/sdk/fixtures";
import { contractMismatches } from "./sdk-contract-check";
import { driveUntilDone } from "./sdk-lab-time";

let lab: Lab;
let client: StandbyClient;
let plan: Plan;

beforeAll(async () => {
  lab = await startLab({ estate: "shop" });
  client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
  plan = (await shopPlan(lab)) as Plan;
}, 120_000);

afterAll(async () => {
  await lab?.stop();
});

describe("plans through the SDK", () => {
  it("creates a plan, reads it with its etag, and refuses a write from a stale etag with 412", async () => {
    const created = await client.createOrUpdatePlan(plan);
    expect(created.etag).toBeTruthy();
    const read = await client.getPlan("shop");
    expect(read).toEqual(created);
    const changed = await client.createOrUpdatePlan({ ...read, description: "three tiers" }, { onlyIfUnchanged: true });
    expect(changed.etag).not.toBe(read.etag);
    const stale = await caught(client.createOrUpdatePlan({ ...read, description: "stale" }, { onlyIfUnchanged: true }));
    expect(stale).toMatchObject({ name: "RestError", statusCode: 412 });
  });

  it("answers an invalid plan with 400 and every error's JSON pointer", async () => {
    const error = await caught(client.createOrUpdatePlan({ ...plan, name: "broken", objectives: { rpoSeconds: 1, rtoSeconds: 1 } }));
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 400 });
    const pointers = getProblemDetails(error)?.errors?.map((entry) => entry.pointer) ?? [];
    expect(pointers).toEqual(expect.arrayContaining(["/objectives/rpoSeconds", "/objectives/rtoSeconds"]));
  });

  it("pages through the plans", async () => {
    await client.createOrUpdatePlan({ ...plan, name: "shop-copy" });
    const pages: string[][] = [];
    for await (const page of client.listPlans().byPage({ maxPageSize: 1 })) {
      pages.push(page.map((item) => item.name));
    }
    expect(pages.flat().sort()).toEqual(["shop", "shop-copy"]);
    expect(pages.length).toBe(2);
    await client.deletePlan("shop-copy");
    const names: string[] = [];
    for await (const item of client.listPlans()) names.push(item.name);
    expect(names).toEqual(["shop"]);
  });

  it("validates the plan against the live estate and imports one from ASR, with what the import chose", async () => {
    const readiness = await client.validatePlan("shop");
    expect(readiness.plan).toBe("shop");
    expect(readiness.score).toBeGreaterThan(0);
    // A manual action in the recovery plan's last boot group: the import turns it into an approval and says so.
    const groups = lab.emulator.estate.vaults[0]?.recoveryPlans.find((candidate) => candidate.name === "shop-plan")?.groups ?? [];
    const lastBoot = groups.map((group) => group.groupType).lastIndexOf("Boot");
    expect(lastBoot).toBeGreaterThan(0);
    groups[lastBoot]!.endGroupActions = [
      {
        actionName: "Check the storefront",
        failoverTypes: ["PlannedFailover", "UnplannedFailover"],
        failoverDirections: ["PrimaryToRecovery", "RecoveryToPrimary"],
        customDetails: { instanceType: "ManualActionDetails", description: "Does the storefront answer?" },
      },
    ];
    const { plan: imported, findings } = await client.importPlan("imported", { vault: plan.vault, recoveryPlanName: "shop-plan" });
    expect(imported.etag).toBeTruthy();
    const lastGroup = imported.groups.length - 1;
    expect(imported.groups[lastGroup]?.after).toEqual([
      { type: "approval", name: "Check the storefront", prompt: "Does the storefront answer?", timeoutMinutes: 60, onTimeout: "reject" },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        code: "ApprovalTimeoutChosen",
        severity: "info",
        recoveryPlanPointer: `/properties/groups/${lastBoot}/endGroupActions/0`,
        pointer: `/groups/${lastGroup}/after/0`,
      }),
    ]);
    const { etag: _etag, ...served } = imported;
    expect(contractMismatches(PlanImportResultSchema, { plan: served, findings })).toEqual([]);
  });

  it("answers 401 to a client without the right key", async () => {
    const stranger = new StandbyClient(lab.hostUrl, new AzureKeyCredential("not-the-key"));
    const error = await caught(stranger.getPlan("shop"));
    expect(error).toMatchObject({ name: "RestError", statusCode: 401 });
  });
});

describe("a failover through the SDK", () => {
  let saved: string;
  let operationId: string;

  it("starts, and a second start gets 409 naming the running operation", async () => {
    const poller = await client.beginFailover("shop", { mode: "planned", reason: "e2e" });
    const started = poller.getOperationState().operation as Operation;
    operationId = started.id;
    expect(started).toMatchObject({ plan: "shop", kind: "failover" });
    saved = poller.toString();

    const conflict = await caught(client.beginFailover("shop", { mode: "planned", reason: "again" }));
    expect(conflict).toMatchObject({ name: "RestError", statusCode: 409 });
    expect(getProblemDetails(conflict)?.operationId).toBe(operationId);
  });

  it("stops waiting on abort without cancelling the operation", async () => {
    const poller = await client.beginFailover("shop", { mode: "planned", reason: "e2e" }, { resumeFrom: saved });
    const controller = new AbortController();
    const waiting = poller.pollUntilDone({ abortSignal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    const operation = await client.getOperation(operationId);
    expect(["running", "waitingForApproval"]).toContain(operation.status);
  });

  it("is followed by a poller resumed from toString() in a new client, reporting step progress", async () => {
    const other = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
    const poller = await other.beginFailover("shop", { mode: "planned", reason: "e2e" }, { resumeFrom: saved });
    const seen: Operation[] = [];
    poller.onProgress((state: OperationPollerState) => state.operation && seen.push(state.operation));
    // Simulated time passes until the first group's Site Recovery jobs have ended.
    for (let round = 0; round < 6 && !seen.some((operation) => operation.steps.some((step) => step.status === "succeeded")); round += 1) {
      await lab.advance(5 * 60_000);
      await poller.poll();
    }
    const latest = seen[seen.length - 1];
    expect(latest?.id).toBe(operationId);
    const firstGroup = latest?.steps.filter((step) => step.group === plan.groups[0]?.name) ?? [];
    expect(firstGroup.length).toBeGreaterThan(0);
    expect(firstGroup.every((step) => step.status === "succeeded" && step.jobId !== undefined && step.durationMs !== undefined)).toBe(true);

    const listed: string[] = [];
    for await (const operation of client.listOperations({ plan: "shop", status: "running" })) listed.push(operation.id);
    expect(listed).toEqual([operationId]);
  }, 180_000);

  it("is canceled on request and ends as canceled, freeing the plan", async () => {
    const requested = await client.cancelOperation(operationId, { reason: "e2e is over" });
    expect(requested.id).toBe(operationId);
    let status = requested.status;
    for (let round = 0; round < 24 && status !== "canceled"; round += 1) {
      await lab.advance(5 * 60_000);
      status = (await client.getOperation(operationId)).status;
    }
    expect(status).toBe("canceled");
  }, 180_000);

  it("runs to the end under a poller resumed in a new client, with the measured RTO", async () => {
    const started = await client.beginFailover("shop", { mode: "planned", reason: "e2e, again" });
    const id = started.getOperationState().operation?.id as string;
    const resumed = await new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key)).beginFailover(
      "shop",
      { mode: "planned", reason: "e2e, again" },
      { resumeFrom: started.toString() },
    );
    const stop = new AbortController();
    const finished = resumed.pollUntilDone({ abortSignal: stop.signal });
    try {
      // Minute by minute, as the lab advises: each side reacts to the other before time moves on.
      for (let minute = 0; minute < 120; minute += 1) {
        if (TERMINAL_OPERATION_STATUSES.includes((await client.getOperation(id)).status)) break;
        await lab.advance(60_000);
      }
    } catch (error) {
      stop.abort();
      throw error;
    }
    // The poller sees the end at its next poll, after the Retry-After the service asked for.
    const deadline = setTimeout(() => stop.abort(), 60_000);
    const final = await finished.finally(() => clearTimeout(deadline));
    expect(final).toMatchObject({ id, status: "succeeded" });
    expect(final.result?.rtoSeconds).toBeGreaterThan(0);
    expect(final.steps.every((step) => step.status === "succeeded" || step.status === "skipped")).toBe(true);
    const succeeded: string[] = [];
    for await (const operation of client.listOperations({ plan: "shop", status: "succeeded" })) succeeded.push(operation.id);
    expect(succeeded).toContain(id);
  }, 400_000);

  it("is committed through beginCommit, then brought back through beginFailback, each to its end", async () => {
    const commit = await driveUntilDone(lab, await client.beginCommit("shop", { reason: "e2e: stay there" }), { stepMs: 60_000 });
    expect(commit).toMatchObject({ plan: "shop", kind: "commit", status: "succeeded" });

    const failback = await driveUntilDone(lab, await client.beginFailback("shop", { reason: "e2e: come home" }), { stepMs: 60_000, limitMs: 12 * 3600_000 });
    expect({ kind: failback.kind, status: failback.status, error: failback.error }).toEqual({ kind: "failback", status: "succeeded", error: undefined });
    expect(failback.steps.find((step) => step.id === "replication/healthy")?.status).toBe("succeeded");
    const kinds: string[] = [];
    for await (const operation of client.listOperations({ plan: "shop", status: "succeeded" })) kinds.push(operation.kind);
    expect(kinds.slice(0, 3)).toEqual(["failback", "commit", "failover"]);
  }, 900_000);
});
