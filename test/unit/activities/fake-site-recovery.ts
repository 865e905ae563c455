// A fake of the Site Recovery client's methods the activities use: items held in memory, every action recorded
// as a POST, each POST starting a job that shows in the item's currentScenario like ASR's.
import type { JobErrorDetails, RecoveryPoint, ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { SiteRecoveryApi } from "../../../functions/activities/site-recovery/site-recovery-api";

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const VAULT = { subscriptionId: SUBSCRIPTION, resourceGroup: "shop-rg", name: "shop-vault" };
const VAULT_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/shop-rg/providers/Microsoft.RecoveryServices/vaults/shop-vault`;
export const itemId = (name: string): string =>
  `${VAULT_ID}/replicationFabrics/eastus/replicationProtectionContainers/eastus-pc/replicationProtectedItems/${name}`;
export const jobId = (name: string): string => `${VAULT_ID}/replicationJobs/${name}`;

export interface FakeItem {
  name: string;
  provider: "A2A" | "HyperVReplicaAzure" | "InMageRcm";
  activeLocation: "Primary" | "Recovery";
  allowedOperations: string[];
  rpoSeconds?: number;
  replicationHealth?: string;
  scenario?: { name: string; job: string };
  points?: { name: string; time: Date; type: string }[];
  /** Extra provider details, as ASR reports them (e.g. InMageRcm's process server, datastores). */
  details?: Record<string, unknown>;
  policyId?: string;
  /** ASR's `testFailoverState`, e.g. WaitingForCompletion after a test failover. */
  testFailoverState?: string;
  /** ASR's `lastSuccessfulTestFailoverTime`. */
  lastTestFailover?: Date;
}

/** The InMageRcm fabric's appliance and the vault's policies, as `replicationFabrics.get` and `replicationPolicies.list` show them. */
export interface FakeVaultSetup {
  reprotectAgents: { id: string; name: string }[];
  processServers: { id: string; name: string }[];
  policies: { id: string; instanceType: string }[];
}

export interface Post {
  method: string;
  item: string;
  input?: unknown;
}

export interface FakeJob {
  state: string;
  errors?: JobErrorDetails[];
}

export class FakeSiteRecovery {
  readonly posts: Post[] = [];
  /** Every call in order, reads included, as `method item` (the requests the activity put on the wire). */
  readonly calls: string[] = [];
  readonly jobs = new Map<string, FakeJob>();
  readonly items = new Map<string, FakeItem>();
  private jobCount = 0;
  vaultSetup: FakeVaultSetup = { reprotectAgents: [], processServers: [], policies: [] };

  constructor(items: FakeItem[]) {
    for (const item of items) this.items.set(item.name, item);
  }

  /** The client view the activities receive; the subscription is checked like a real client's would matter. */
  readonly api = (subscriptionId: string): SiteRecoveryApi => {
    if (subscriptionId !== SUBSCRIPTION) throw new Error(`unexpected subscription ${subscriptionId}`);
    const action = (method: string) => async (_v: string, _rg: string, _f: string, _c: string, name: string, input?: unknown) => {
      this.calls.push(`${method} ${name}`);
      return this.post(method, name, input);
    };
    return {
      replicationProtectedItems: {
        get: async (_v: string, _rg: string, _f: string, _c: string, name: string) => {
          this.calls.push(`get ${name}`);
          return this.view(this.item(name));
        },
        list: () => pages([...this.items.values()].map((item) => this.view(item))),
        beginPlannedFailover: action("beginPlannedFailover"),
        beginUnplannedFailover: action("beginUnplannedFailover"),
        beginFailoverCommit: action("beginFailoverCommit"),
        beginReprotect: action("beginReprotect"),
        beginTestFailover: action("beginTestFailover"),
        beginTestFailoverCleanup: action("beginTestFailoverCleanup"),
        beginFailoverCancel: action("beginFailoverCancel"),
      } as unknown as SiteRecoveryApi["replicationProtectedItems"],
      recoveryPoints: {
        listByReplicationProtectedItems: (_v: string, _rg: string, _f: string, _c: string, name: string) => {
          this.calls.push(`listRecoveryPoints ${name}`);
          return pages(
            (this.item(name).points ?? []).map(
              (point): RecoveryPoint => ({
                id: `${itemId(name)}/recoveryPoints/${point.name}`,
                name: point.name,
                properties: { recoveryPointTime: point.time, recoveryPointType: point.type },
              }),
            ),
          );
        },
      } as unknown as SiteRecoveryApi["recoveryPoints"],
      replicationJobs: {
        get: async (_v: string, _rg: string, name: string) => {
          const job = this.jobs.get(name);
          if (job === undefined) throw Object.assign(new Error(`no job ${name}`), { statusCode: 404 });
          return { id: jobId(name), name, properties: { state: job.state, errors: job.errors } };
        },
        beginCancel: async (_v: string, _rg: string, name: string) => {
          this.posts.push({ method: "jobs.beginCancel", item: name });
          return poller(name);
        },
      } as unknown as SiteRecoveryApi["replicationJobs"],
      replicationFabrics: {
        get: async (_v: string, _rg: string, name: string) => ({
          id: `${VAULT_ID}/replicationFabrics/${name}`,
          name,
          properties: { customDetails: { instanceType: "InMageRcm", reprotectAgents: this.vaultSetup.reprotectAgents, processServers: this.vaultSetup.processServers } },
        }),
      } as unknown as SiteRecoveryApi["replicationFabrics"],
      replicationPolicies: {
        list: () => pages(this.vaultSetup.policies.map((policy) => ({ id: policy.id, properties: { providerSpecificDetails: { instanceType: policy.instanceType } } }))),
      } as unknown as SiteRecoveryApi["replicationPolicies"],
    };
  };

  postsTo(method: string): Post[] {
    return this.posts.filter((post) => post.method === method);
  }

  private item(name: string): FakeItem {
    const item = this.items.get(name);
    if (item === undefined) throw Object.assign(new Error(`no item ${name}`), { statusCode: 404 });
    return item;
  }

  private post(method: string, name: string, input: unknown) {
    const item = this.item(name);
    this.posts.push({ method, item: name, ...(input === undefined ? {} : { input }) });
    this.jobCount += 1;
    const job = `job-${this.jobCount}`;
    this.jobs.set(job, { state: "InProgress" });
    const scenario = { beginPlannedFailover: "PlannedFailover", beginUnplannedFailover: "UnplannedFailover", beginFailoverCommit: "Commit", beginReprotect: "Reprotect", beginTestFailover: "TestFailover", beginTestFailoverCleanup: "TestFailoverCleanup", beginFailoverCancel: "CancelFailover" }[method] ?? method;
    item.scenario = { name: scenario, job };
    item.allowedOperations = [];
    return poller(job);
  }

  private view(item: FakeItem): ReplicationProtectedItem {
    const details: Record<string, unknown> = { instanceType: item.provider, ...item.details };
    if (item.rpoSeconds !== undefined) details[item.provider === "InMageRcm" ? "lastRpoInSeconds" : "rpoInSeconds"] = item.rpoSeconds;
    return {
      id: itemId(item.name),
      name: item.name,
      properties: {
        friendlyName: `vm-${item.name}`,
        activeLocation: item.activeLocation,
        allowedOperations: [...item.allowedOperations],
        replicationHealth: item.replicationHealth ?? "Normal",
        protectionState: "Protected",
        ...(item.policyId === undefined ? {} : { policyId: item.policyId }),
        ...(item.testFailoverState === undefined ? {} : { testFailoverState: item.testFailoverState }),
        ...(item.lastTestFailover === undefined ? {} : { lastSuccessfulTestFailoverTime: item.lastTestFailover }),
        currentScenario:
          item.scenario === undefined
            ? { scenarioName: "None", jobId: jobId("None"), startTime: new Date("1753-01-01T01:01:01Z") }
            : { scenarioName: item.scenario.name, jobId: jobId(item.scenario.job), startTime: new Date() },
        providerSpecificDetails: details as never,
      },
    };
  }
}

function poller(job: string) {
  return { toString: () => JSON.stringify({ state: { config: { resourceLocation: `${jobId(job)}` } } }) };
}

function pages<T>(values: T[]) {
  const iterator = (async function* () {
    yield* values;
  })();
  return Object.assign(iterator, {
    byPage: () =>
      (async function* () {
        yield values;
      })(),
    [Symbol.asyncIterator]() {
      return iterator;
    },
  });
}

/** An idle A2A item in the primary region, ready to fail over. */
export function idleItem(name: string, overrides: Partial<FakeItem> = {}): FakeItem {
  return {
    name,
    provider: "A2A",
    activeLocation: "Primary",
    allowedOperations: ["UnplannedFailover", "TestFailover", "DisableProtection"],
    rpoSeconds: 60,
    points: [
      { name: "crash-new", time: new Date("2026-01-01T10:05:00Z"), type: "CrashConsistent" },
      { name: "app-old", time: new Date("2026-01-01T09:00:00Z"), type: "AppConsistent" },
      { name: "crash-old", time: new Date("2026-01-01T10:00:00Z"), type: "CrashConsistent" },
    ],
    ...overrides,
  };
}
