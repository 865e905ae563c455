// Plans may share protected items (a plan per tier beside a plan of the whole app). An operation of one plan must not
// start while an operation of another plan acts on a shared item: 409 naming that operation, nothing started, the
// new plan's lock not kept. Every starter is held to it: the API's failover and drill routes, and the scheduler.
import type { Operation, Plan, ProblemDetails } from "@standby/client/contract";
import { beginDrill, startDrill } from "../../../functions/http/handlers/drill-start";
import { beginOperation, startOperationHandler } from "../../../functions/http/handlers/start-operation";
import { runHandler } from "../../../functions/http/routes";
import { runDrillScheduler } from "../../../functions/timers/drill-scheduler";
import { apiRequest, fakeDependencies, validPlan, type TestDependencies } from "./fakes";

let deps: TestDependencies;

const ITEM_ID = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/vault/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/";

function withDrill(plan: Plan): Plan {
  return { ...plan, drill: { schedule: "0 0 * * * *", testNetworkId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test", probes: [] } };
}

/** The whole app, and a plan of its database tier that names the items by resource id (and in another case). */
const shop = withDrill(validPlan("shop"));
const shopDb = withDrill({ ...validPlan("shop-db"), groups: [{ name: "db", items: [`${ITEM_ID}DB-1`] }] });
const web = withDrill({ ...validPlan("web"), groups: [{ name: "web", items: ["web-2"] }] });

beforeEach(async () => {
  deps = fakeDependencies();
  for (const plan of [shop, shopDb, web]) await deps.plans.put(plan);
});

const post = (plan: string, kind: "failover" | "drills", json: unknown) =>
  runHandler(kind === "drills" ? (startDrill as never) : startOperationHandler("failover"), apiRequest({ method: "POST", params: { plan }, json }), deps);

async function startShopDbFailover(): Promise<Operation> {
  const answer = await post("shop-db", "failover", { mode: "planned", reason: "db region down" });
  expect(answer.status).toBe(202);
  return answer.body as Operation;
}

describe("while an operation of another plan acts on a shared item", () => {
  it("refuses a drill of the overlapping plan with 409 naming that operation, starting nothing and keeping no lock", async () => {
    const failover = await startShopDbFailover();
    const answer = await post("shop", "drills", { reason: "weekly drill" });
    expect(answer.status).toBe(409);
    expect(answer.headers?.["Content-Type"]).toBe("application/problem+json");
    const problem = answer.body as ProblemDetails;
    expect(problem).toMatchObject({ type: expect.stringMatching(/OperationConflict$/), operationId: failover.id });
    expect(problem.detail).toContain('plan "shop-db"');
    expect(deps.engine.started.map((start) => start.input.operationId)).toEqual([failover.id]);
    expect(deps.lock.holders.has("shop")).toBe(false);
    expect([...deps.operations.operations.keys()]).toEqual([failover.id]);
  });

  it("refuses a failover the same way, in either direction", async () => {
    const failover = await startShopDbFailover();
    const answer = await post("shop", "failover", { mode: "unplanned", reason: "all down" });
    expect(answer.status).toBe(409);
    expect((answer.body as ProblemDetails).operationId).toBe(failover.id);

    deps.engine.instances.set(failover.id, { runtimeStatus: "Completed" });
    const drill = await post("shop", "drills", { reason: "after the failover" });
    expect(drill.status).toBe(202);
    const back = await beginOperation(deps, "shop-db", { kind: "failover", body: { mode: "planned", reason: "x" } }, "alice").catch((error: unknown) => error);
    expect(back).toMatchObject({ code: "OperationConflict", details: { operationId: (drill.body as Operation).id } });
  });

  it("gives the scheduler's due drill the same refusal, so it is skipped and named in its outcome", async () => {
    const failover = await startShopDbFailover();
    const start = (plan: string, reason: string) => beginDrill(deps, plan, { reason }, "drill-scheduler");
    await expect(start("shop", "scheduled")).rejects.toMatchObject({ code: "OperationConflict", details: { operationId: failover.id } });
    const times = { ms: Date.parse("2026-03-01T00:00:30.000Z") };
    const scheduler = {
      plans: async function* () {
        yield shop;
      },
      marks: { lastHandled: async () => times.ms - 3_600_000, setLastHandled: async () => undefined },
      startDrill: start,
      now: () => times.ms,
    };
    const outcomes = await runDrillScheduler(scheduler);
    expect(outcomes).toEqual([{ plan: "shop", action: "skipped", reason: expect.stringContaining(failover.id) }]);
    expect(deps.engine.started).toHaveLength(1);
  });

  it("starts a plan that shares no item, and a plan whose shared names are in another vault", async () => {
    await startShopDbFailover();
    expect((await post("web", "drills", { reason: "web only" })).status).toBe(202);
    const elsewhere = { ...shop, name: "elsewhere", vault: { ...shop.vault, name: "other-vault" } };
    await deps.plans.put(elsewhere);
    expect((await post("elsewhere", "failover", { mode: "planned", reason: "other vault" })).status).toBe(202);
  });
});

describe("two starters of overlapping plans at the same moment", () => {
  /** Storage calls that take a random while, so the two starters interleave differently in every round. */
  function interleaving(seed: number): void {
    let state = seed;
    const pause = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      const ms = state % 3;
      return new Promise((resolve) => setTimeout(resolve, ms));
    };
    for (const [target, names] of [
      [deps.lock, ["acquire", "activeHolder", "release"]],
      [deps.plans, ["get", "list"]],
    ] as const) {
      for (const name of names) {
        const original = (target as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name] as (...args: unknown[]) => Promise<unknown>;
        (target as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
          await pause();
          const result = await original.apply(target, args);
          await pause();
          return result;
        };
      }
    }
  }

  it("never both start, whatever the interleaving", async () => {
    let oneStarted = 0;
    for (let round = 1; round <= 40; round++) {
      deps = fakeDependencies();
      for (const plan of [shop, shopDb]) await deps.plans.put(plan);
      interleaving(round);
      const answers = await Promise.all([post("shop", "drills", { reason: "a" }), post("shop-db", "failover", { mode: "planned", reason: "b" })]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect([["202", "409"].join(), ["409", "409"].join()]).toContain(statuses.map(String).join());
      expect(deps.engine.started.length).toBe(statuses.filter((status) => status === 202).length);
      if (deps.engine.started.length === 1) oneStarted += 1;
    }
    // Most rounds do not collide exactly, and then one of the two must be let through.
    expect(oneStarted).toBeGreaterThan(0);
  });
});
