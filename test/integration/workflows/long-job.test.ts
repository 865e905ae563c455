// A Site Recovery job that runs for most of an hour, through the real app: the item's workflow reads the job every
// 30 s and continues as new every 20 reads, so its history stays short however long the job runs; a host killed
// after a continue-as-new resumes the watch without a second action, and the item's timings still span the whole job.
import type { Operation } from "@standby/client/contract";
import { loadEstate } from "../../../local/estates/load-estate";
import type { Estate } from "../../../local/estates/estate";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { advanceStep, itemActionPosts, runUntil, startOperation, trafficChanges } from "./workflow-lab";

jest.setTimeout(900_000);

const DB_FAILOVER_MINUTES = 50;
/** One execution holds at most 20 reads of about 4 listed events each, plus its start. */
const MOST_EVENTS_PER_EXECUTION = 100;

interface ItemWorkflow {
  instanceId: string;
  runtimeStatus: string;
  input: { item: string; watching?: { jobId: string; startedAtMs: number } };
  historyEvents?: unknown[];
}

function shopWithSlowDatabase(): Estate {
  const estate = loadEstate("shop");
  return {
    ...estate,
    tiers: estate.tiers.map((tier) => (tier.name === "db" ? { ...tier, jobMinutes: { ...tier.jobMinutes, UnplannedFailover: DB_FAILOVER_MINUTES } } : tier)),
  };
}

/** The item workflows an operation started, each with its latest execution's history. */
async function itemWorkflows(lab: Lab, operationId: string): Promise<ItemWorkflow[]> {
  const code = encodeURIComponent(lab.masterKey);
  const instances = `${lab.hostUrl}/runtime/webhooks/durabletask/instances`;
  const listed = (await (await fetch(`${instances}?instanceIdPrefix=${encodeURIComponent(`${operationId}:`)}&code=${code}`)).json()) as ItemWorkflow[];
  return Promise.all(listed.map(async (child) => (await (await fetch(`${instances}/${encodeURIComponent(child.instanceId)}?showHistory=true&code=${code}`)).json()) as ItemWorkflow));
}

let lab: Lab;
let dbItems: string[];

beforeAll(async () => {
  lab = await startLab({ estate: shopWithSlowDatabase() });
  const plan = await shopPlan(lab);
  dbItems = (plan.groups as { name: string; items: string[] }[]).find((group) => group.name === "db")?.items ?? [];
  expect((await api(lab, "PUT", "/plans/shop", { json: plan })).status).toBe(201);
});

afterAll(async () => {
  await lab?.stop();
});

describe("a failover whose database job runs 50 minutes", () => {
  let operation: Operation;
  let workflows: ItemWorkflow[];

  it("keeps watching across continue-as-new and a host crash, and succeeds", async () => {
    const started = await startOperation(lab, "/plans/shop/failover", { mode: "planned", reason: "planned move" });
    // Move time a minute at a time until both database items' workflows have continued as new.
    let current: Operation = started;
    for (let minute = 0; ; minute += 1) {
      const continued = (await itemWorkflows(lab, started.id)).filter((workflow) => workflow.input.watching !== undefined);
      if (continued.length === dbItems.length) break;
      if (minute > DB_FAILOVER_MINUTES) throw new Error(`after ${minute} minutes, ${continued.length} of ${dbItems.length} database workflows had continued as new`);
      current = await advanceStep(lab, started.id, current);
    }
    await lab.restartHost({ kill: "SIGKILL" });
    operation = await runUntil(lab, started.id);
    expect({ status: operation.status, error: operation.error }).toEqual({ status: "succeeded", error: undefined });
    workflows = await itemWorkflows(lab, started.id);
  });

  it("started one action per item and changed traffic once", async () => {
    const log = await lab.emulatorRequests();
    const accepted = itemActionPosts(log).filter((entry) => entry.status === 202);
    expect(accepted.map((entry) => entry.path.split("/").at(-1))).toEqual(accepted.map(() => "unplannedFailover"));
    expect(new Set(accepted.map((entry) => entry.path.split("/").at(-2))).size).toBe(accepted.length);
    expect(trafficChanges(log).filter((entry) => entry.status === 200)).toHaveLength(1);
  });

  it("timed each database item over the whole job, from the first execution's start", () => {
    const steps = operation.steps.filter((step) => step.group === "db" && step.item !== undefined);
    expect(steps).toHaveLength(dbItems.length);
    for (const step of steps) {
      expect(Date.parse(step.endedAt as string) - Date.parse(step.startedAt as string)).toBeGreaterThanOrEqual(DB_FAILOVER_MINUTES * 60_000);
    }
  });

  it("kept every item workflow's history to one execution's worth of reads", () => {
    const database = workflows.filter((workflow) => dbItems.includes(workflow.input.item));
    expect(database).toHaveLength(dbItems.length);
    expect(database.every((workflow) => workflow.runtimeStatus === "Completed" && workflow.input.watching !== undefined)).toBe(true);
    for (const workflow of workflows) expect(workflow.historyEvents?.length ?? Infinity).toBeLessThanOrEqual(MOST_EVENTS_PER_EXECUTION);
  });
});
