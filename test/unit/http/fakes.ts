// In-memory stand-ins for what the handlers depend on (stores, lock, workflow engine), and a request builder. They
// follow the real ones' contracts (ETags change on every write, conditions are honoured, the lock admits one
// holder) so handler tests exercise the same flows the integration tests run against Azurite and the host.
import type { Operation, OperationKind, Plan } from "@standby/client/contract";
import type { AcquireResult, HolderStateProbe, PlanLockRecord } from "../../../functions/activities/storage/plan-lock";
import type { OperationQuery } from "../../../functions/activities/storage/operation-store";
import type { PlanWriteConditions, StoredPlan } from "../../../functions/activities/storage/plan-store";
import { DomainError, planNotFound } from "../../../functions/core/errors";
import type { ApiRequest } from "../../../functions/http/api-types";
import type { ApiDependencies, OperationRepository, PlanLockPort, PlanRepository } from "../../../functions/http/dependencies";
import type { EngineInstance, OperationEngine } from "../../../functions/http/operation-engine";
import type { OperationStart } from "../../../functions/orchestrations/contract";

export class FakePlans implements PlanRepository {
  readonly plans = new Map<string, StoredPlan>();
  private version = 0;

  async get(name: string): Promise<StoredPlan | undefined> {
    return this.plans.get(name);
  }

  async list(options: { maxPageSize: number; continuationToken?: string }) {
    const all = [...this.plans.values()].sort((a, b) => a.plan.name.localeCompare(b.plan.name));
    const start = options.continuationToken ? Number(options.continuationToken) : 0;
    const next = start + options.maxPageSize;
    return { plans: all.slice(start, next), ...(next < all.length ? { continuationToken: String(next) } : {}) };
  }

  async put(plan: Plan, conditions: PlanWriteConditions = {}) {
    const current = this.plans.get(plan.name);
    if (conditions.ifNoneMatch === "*" && current) throw new DomainError("PlanVersionConflict", "exists");
    if (conditions.ifMatch !== undefined && current?.etag !== conditions.ifMatch) throw new DomainError("PlanVersionConflict", "changed");
    const etag = `"v${++this.version}"`;
    this.plans.set(plan.name, { plan, etag });
    return { etag, created: current === undefined };
  }

  async delete(name: string, conditions: { ifMatch?: string } = {}) {
    const current = this.plans.get(name);
    if (!current) throw planNotFound(name);
    if (conditions.ifMatch !== undefined && current.etag !== conditions.ifMatch) throw new DomainError("PlanVersionConflict", "changed");
    this.plans.delete(name);
  }
}

export class FakeOperations implements OperationRepository {
  readonly operations = new Map<string, Operation>();

  async get(id: string) {
    return this.operations.get(id);
  }

  async list(query: OperationQuery) {
    const matching = [...this.operations.values()].filter(
      (operation) => (query.plan === undefined || operation.plan === query.plan) && (query.status === undefined || operation.status === query.status),
    );
    return { operations: matching.slice(0, query.maxPageSize) };
  }

  async saveIfAbsent(operation: Operation) {
    if (this.operations.has(operation.id)) return false;
    this.operations.set(operation.id, operation);
    return true;
  }
}

export class FakeLock implements PlanLockPort {
  readonly holders = new Map<string, PlanLockRecord>();
  readonly released: string[] = [];

  async acquire(plan: string, operationId: string, kind: OperationKind, probe: HolderStateProbe): Promise<AcquireResult> {
    const holder = this.holders.get(plan);
    if (holder && (await probe(holder.operationId)) !== "ended") return { acquired: false, holder };
    this.holders.set(plan, { operationId, kind, acquiredAtMs: 0 });
    return { acquired: true };
  }

  async release(plan: string, operationId: string) {
    if (this.holders.get(plan)?.operationId !== operationId) return false;
    this.holders.delete(plan);
    this.released.push(operationId);
    return true;
  }

  async activeHolder(plan: string, probe: HolderStateProbe) {
    const holder = this.holders.get(plan);
    return holder && (await probe(holder.operationId)) !== "ended" ? holder : undefined;
  }
}

export class FakeEngine implements OperationEngine {
  readonly started: { orchestration: string; input: OperationStart }[] = [];
  readonly raised: { operationId: string; eventName: string; data: unknown }[] = [];
  readonly instances = new Map<string, EngineInstance>();
  failStarts = false;

  async start(orchestration: string, input: OperationStart) {
    if (this.failStarts) throw new Error("the task hub is unreachable");
    this.started.push({ orchestration, input });
    this.instances.set(input.operationId, { runtimeStatus: "Running" });
  }

  async instance(operationId: string) {
    return this.instances.get(operationId);
  }

  async raise(operationId: string, eventName: string, data: unknown) {
    this.raised.push({ operationId, eventName, data });
  }
}

export interface TestDependencies extends ApiDependencies {
  plans: FakePlans;
  operations: FakeOperations;
  lock: FakeLock;
  engine: FakeEngine;
  reported: unknown[];
  /** ASR recovery plans the fake vault holds, by name. */
  recoveryPlans: Map<string, unknown>;
}

export const NOW_MS = Date.parse("2026-03-01T10:00:00.000Z");

export function fakeDependencies(): TestDependencies {
  const reported: unknown[] = [];
  const recoveryPlans = new Map<string, unknown>();
  let counter = 0;
  return {
    plans: new FakePlans(),
    operations: new FakeOperations(),
    lock: new FakeLock(),
    engine: new FakeEngine(),
    readLiveState: async () => ({ items: [] }),
    readRecoveryPlan: async (_vault, name) => recoveryPlans.get(name),
    allowLoopbackTargets: false,
    allowedHosts: ["hooks.example.com"],
    now: () => NOW_MS,
    newOperationId: (kind) => `${kind}-${++counter}`,
    reportError: (error) => reported.push(error),
    reported,
    recoveryPlans,
  };
}

export interface RequestSpec {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
  caller?: string;
}

export function apiRequest(spec: RequestSpec = {}): ApiRequest {
  const body = spec.json !== undefined ? Buffer.from(JSON.stringify(spec.json)) : Buffer.from(spec.body ?? "");
  const headers = new Map(Object.entries(spec.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  if (spec.json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
  const query = new URLSearchParams(spec.query ?? {});
  const path = spec.path ?? "/api/v1/test";
  return {
    method: spec.method ?? "GET",
    pathAndQuery: query.size > 0 ? `${path}?${query}` : path,
    params: spec.params ?? {},
    query,
    header: (name) => headers.get(name.toLowerCase()),
    body: async () => body,
    caller: spec.caller ?? "alice@contoso.com",
  };
}

export function validPlan(name = "shop"): Plan {
  return {
    name,
    vault: { subscriptionId: "00000000-0000-0000-0000-000000000001", resourceGroup: "rg", name: "vault" },
    objectives: { rpoSeconds: 300, rtoSeconds: 1800 },
    groups: [
      { name: "db", items: ["db-1", "db-2"] },
      { name: "web", items: ["web-1"] },
    ],
  };
}
