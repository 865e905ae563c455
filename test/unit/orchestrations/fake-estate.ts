// Stub activities for the workflow tests: a small model of protected items whose jobs take simulated time, a
// Traffic Manager profile, and recorders for events, saved timelines and the plan lock.
import type { Operation, Plan } from "@standby/client/contract";
import type {
  CancelItemActionInput,
  JobStatus,
  OperationEventInput,
  OutboundResult,
  PreflightInput,
  PreflightResult,
  ReadJobInput,
  ReplicationHealthInput,
  StartItemActionInput,
  StartItemActionResult,
  TrafficSwitchInput,
} from "../../../functions/activities/contracts";
import { ACTIVITY } from "../../../functions/activities/names";
import { STORAGE_ACTIVITY } from "../../../functions/activities/storage/activities";
import { commitOrchestrator } from "../../../functions/orchestrations/commit";
import { ORCHESTRATION, type OperationStart } from "../../../functions/orchestrations/contract";
import { failbackOrchestrator } from "../../../functions/orchestrations/failback";
import { failoverOrchestrator } from "../../../functions/orchestrations/failover";
import { itemActionOrchestrator } from "../../../functions/orchestrations/item-action";
import { World } from "./durable-stub";

export const VAULT = { subscriptionId: "s1", resourceGroup: "shop-rg", name: "shop-vault" };
export const PROFILE = "/subscriptions/s1/resourceGroups/shop-rg/providers/Microsoft.Network/trafficManagerProfiles/shop-tm";
export const idOf = (item: string): string =>
  `/subscriptions/s1/resourceGroups/shop-rg/providers/Microsoft.RecoveryServices/vaults/shop-vault/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/${item}`;
const nameOf = (itemId: string): string => itemId.split("/").pop() as string;

interface ItemModel {
  location: "Primary" | "Recovery";
  committed: boolean;
  replicatingTowards: "Primary" | "Recovery";
}

interface JobModel {
  item: string;
  operation: StartItemActionInput["operation"];
  direction: StartItemActionInput["direction"];
  endsAtMs: number;
  error?: { code: string; message: string };
}

export interface EstateOptions {
  /** Simulated job duration per item (default 5 min). */
  jobSeconds?: (item: string) => number;
  /** Items whose next job of this operation fails with this ASR error. */
  /** Jobs that fail, per item: for this operation (and, when given, only in this direction). */
  failing?: Record<string, { operation: StartItemActionInput["operation"]; direction?: StartItemActionInput["direction"]; code: string; message: string }>;
  refusals?: string[];
  /** Probe answers in order; default always ok. */
  probes?: OutboundResult[];
  webhook?: OutboundResult;
  /** Replication becomes healthy this long after the first health read. */
  healthyAfterSeconds?: number;
  /** The read-back of the profile disagrees with the switch. */
  trafficStuck?: boolean;
}

export class FakeEstate {
  readonly items = new Map<string, ItemModel>();
  readonly jobs = new Map<string, JobModel>();
  readonly posts: { item: string; operation: string; direction: string; input: StartItemActionInput }[] = [];
  readonly endpoints = new Map<string, string>([
    ["primary", "Enabled"],
    ["standby", "Enabled"],
  ]);
  readonly trafficChanges: TrafficSwitchInput[] = [];
  readonly events: OperationEventInput["type"][] = [];
  readonly saved: Operation[] = [];
  readonly lockReleases: { plan: string; operationId: string }[] = [];
  readonly world: World;
  private firstHealthReadMs: number | undefined;
  private probeIndex = 0;

  constructor(
    plan: Plan,
    readonly options: EstateOptions = {},
  ) {
    for (const item of plan.groups.flatMap((group) => group.items)) {
      this.items.set(item, { location: "Primary", committed: true, replicatingTowards: "Recovery" });
    }
    this.world = new World(
      {
        [ACTIVITY.preflightItems]: (input) => this.preflight(input as PreflightInput),
        [ACTIVITY.startItemAction]: (input, world) => this.start(input as StartItemActionInput, world.nowMs),
        [ACTIVITY.readJob]: (input, world) => this.readJob(input as ReadJobInput, world.nowMs),
        [ACTIVITY.cancelItemAction]: (input) => ({ action: "jobCancel", item: nameOf((input as CancelItemActionInput).itemId) }),
        [ACTIVITY.readReplicationHealth]: (input, world) => this.health(input as ReplicationHealthInput, world.nowMs),
        [ACTIVITY.switchTraffic]: (input) => this.switchTraffic(input as TrafficSwitchInput),
        [ACTIVITY.readTraffic]: () => [...this.endpoints].map(([name, endpointStatus]) => ({ name, endpointStatus })),
        [ACTIVITY.callWebhook]: () => options.webhook ?? { ok: true, status: 200 },
        [ACTIVITY.probeOnce]: () => options.probes?.[this.probeIndex++] ?? { ok: true, status: 200 },
        [ACTIVITY.publishOperationEvent]: (input) => void this.events.push((input as OperationEventInput).type),
        [STORAGE_ACTIVITY.saveOperation]: (input) => void this.saved.push(input as Operation),
        [STORAGE_ACTIVITY.releasePlanLock]: (input) => void this.lockReleases.push(input as { plan: string; operationId: string }),
      },
      {
        [ORCHESTRATION.failover]: failoverOrchestrator as never,
        [ORCHESTRATION.commit]: commitOrchestrator as never,
        [ORCHESTRATION.failback]: failbackOrchestrator as never,
        [ORCHESTRATION.itemAction]: itemActionOrchestrator as never,
      },
    );
  }

  run(start: OperationStart): Operation {
    const orchestrator = { failover: failoverOrchestrator, commit: commitOrchestrator, failback: failbackOrchestrator }[start.kind as "failover"];
    return this.world.run(orchestrator as never, start, start.operationId) as Operation;
  }

  private preflight(input: PreflightInput): PreflightResult {
    const refused = new Set(this.options.refusals ?? []);
    const items = input.items.map((item) =>
      refused.has(item)
        ? { item, itemId: idOf(item), decision: "refuse" as const, reason: "Site Recovery does not allow it now" }
        : { item, itemId: idOf(item), decision: "proceed" as const },
    );
    const refusals = items.filter((item) => item.decision === "refuse").map((item) => `${item.item}: ${item.reason}`);
    return { allowed: refusals.length === 0, items, refusals };
  }

  private start(input: StartItemActionInput, nowMs: number): StartItemActionResult {
    const item = this.items.get(input.item);
    if (item === undefined) return { outcome: "refused", reason: "no such protected item in the vault" };
    const target = input.direction === "PrimaryToRecovery" ? "Recovery" : "Primary";
    const failover = input.operation === "plannedFailover" || input.operation === "unplannedFailover";
    if (failover && item.location === target) return { outcome: "skipped", reason: `already running in the ${target.toLowerCase()} location` };
    if (input.operation === "commit" && item.committed) return { outcome: "skipped", reason: "failover already committed" };
    this.posts.push({ item: input.item, operation: input.operation, direction: input.direction, input });
    const jobId = `job-${this.posts.length}`;
    const failing = this.options.failing?.[input.item];
    const matches = failing !== undefined && failing.operation === input.operation && (failing.direction === undefined || failing.direction === input.direction);
    const error = matches ? { code: failing.code, message: failing.message } : undefined;
    this.jobs.set(jobId, {
      item: input.item,
      operation: input.operation,
      direction: input.direction,
      endsAtMs: nowMs + (this.options.jobSeconds?.(input.item) ?? 300) * 1000,
      ...(error === undefined ? {} : { error }),
    });
    return { outcome: "started", jobId, adopted: false, ...(failover ? { recoveryPointTimeMs: nowMs - 60_000 } : {}) };
  }

  private readJob(input: ReadJobInput, nowMs: number): JobStatus {
    const job = this.jobs.get(input.jobId);
    if (job === undefined) throw new Error(`no job ${input.jobId}`);
    if (nowMs < job.endsAtMs) return { jobId: input.jobId, state: "InProgress", ended: false, succeeded: false };
    if (job.error !== undefined) return { jobId: input.jobId, state: "Failed", ended: true, succeeded: false, error: job.error };
    const item = this.items.get(job.item) as ItemModel;
    const target = job.direction === "PrimaryToRecovery" ? "Recovery" : "Primary";
    if (job.operation === "plannedFailover" || job.operation === "unplannedFailover") {
      item.location = target;
      item.committed = false;
    }
    if (job.operation === "commit") item.committed = true;
    if (job.operation === "reprotect") item.replicatingTowards = target;
    return { jobId: input.jobId, state: "Succeeded", ended: true, succeeded: true };
  }

  private health(input: ReplicationHealthInput, nowMs: number) {
    this.firstHealthReadMs ??= nowMs;
    const healthy = nowMs - this.firstHealthReadMs >= (this.options.healthyAfterSeconds ?? 0) * 1000;
    return input.itemIds.map((itemId) => ({ itemId, healthy, ...(healthy ? {} : { reason: "replication health is Warning" }) }));
  }

  private switchTraffic(input: TrafficSwitchInput) {
    this.trafficChanges.push(input);
    if (this.options.trafficStuck) return { changes: [] };
    if (input.activate === "standby") {
      this.endpoints.set(input.standbyEndpoint, "Enabled");
      this.endpoints.set(input.primaryEndpoint, "Disabled");
    } else {
      this.endpoints.set(input.primaryEndpoint, "Enabled");
    }
    return { changes: [] };
  }
}

/** A three-group plan like the lab's shop: db, app (3 items), web with a probe after it; traffic switch. */
export function shopPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    name: "shop",
    vault: VAULT,
    objectives: { rpoSeconds: 300, rtoSeconds: 1800 },
    groups: [
      { name: "db", items: ["db-1"], after: [{ type: "delay", seconds: 60 }] },
      { name: "app", items: ["app-1", "app-2", "app-3"] },
      { name: "web", items: ["web-1", "web-2"], after: [{ type: "probe", url: "https://web.shop.example.com/health" }] },
    ],
    traffic: { profile: PROFILE, primaryEndpoint: "primary", standbyEndpoint: "standby" },
    allowedHosts: ["*.shop.example.com"],
    ...overrides,
  };
}

export function startOf(plan: Plan, kind: OperationStart["kind"], request: Partial<OperationStart["request"]> = {}): OperationStart {
  return {
    operationId: `${kind}-1`,
    kind,
    plan,
    planEtag: "\"etag\"",
    request: { reason: "region outage drill", ...(kind === "failover" ? { mode: "planned" as const } : {}), ...request },
    startedBy: "alice@example.com",
    requestedAtMs: Date.parse("2026-03-01T10:00:00Z"),
  };
}
