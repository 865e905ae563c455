// Finds the Site Recovery and Traffic Manager SDK calls in the app's sources and maps each to the Azure RBAC
// operations it needs, so a call added to an activity without its entry in functions/azure/arm-operations.ts (and
// so without a role covering it) fails a test. The mapping follows the ARM request each SDK method sends.

const VAULT = "Microsoft.RecoveryServices/vaults";
const ITEM = `${VAULT}/replicationFabrics/replicationProtectionContainers/replicationProtectedItems`;
const PLAN = `${VAULT}/replicationRecoveryPlans`;
const JOB = `${VAULT}/replicationJobs`;
const PROFILE = "Microsoft.Network/trafficManagerProfiles";
const ENDPOINT_TYPES = ["azureEndpoints", "externalEndpoints", "nestedEndpoints"] as const;

/** `begin<Op>` and `begin<Op>AndWait` send the same POST. */
const actions = (group: string, pairs: Record<string, string>): Record<string, readonly string[]> =>
  Object.fromEntries(
    Object.entries(pairs).flatMap(([op, action]) => [
      [`${group}.begin${op}`, [action]],
      [`${group}.begin${op}AndWait`, [action]],
    ]),
  );

export const SDK_OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  "replicationProtectedItems.list": [`${VAULT}/replicationProtectedItems/read`],
  "replicationProtectedItems.listByReplicationProtectionContainers": [`${ITEM}/read`],
  "replicationProtectedItems.get": [`${ITEM}/read`],
  ...actions("replicationProtectedItems", {
    TestFailover: `${ITEM}/testFailover/action`,
    TestFailoverCleanup: `${ITEM}/testFailoverCleanup/action`,
    PlannedFailover: `${ITEM}/plannedFailover/action`,
    UnplannedFailover: `${ITEM}/unplannedFailover/action`,
    FailoverCommit: `${ITEM}/failoverCommit/action`,
    FailoverCancel: `${ITEM}/failoverCancel/action`,
    Reprotect: `${ITEM}/reProtect/action`,
    RepairReplication: `${ITEM}/repairReplication/action`,
    ApplyRecoveryPoint: `${ITEM}/applyRecoveryPoint/action`,
  }),
  "recoveryPoints.listByReplicationProtectedItems": [`${ITEM}/recoveryPoints/read`],
  "recoveryPoints.get": [`${ITEM}/recoveryPoints/read`],
  "replicationJobs.list": [`${JOB}/read`],
  "replicationJobs.get": [`${JOB}/read`],
  ...actions("replicationJobs", {
    Cancel: `${JOB}/cancel/action`,
    Restart: `${JOB}/restart/action`,
    Resume: `${JOB}/resume/action`,
  }),
  "replicationRecoveryPlans.list": [`${PLAN}/read`],
  "replicationRecoveryPlans.get": [`${PLAN}/read`],
  ...actions("replicationRecoveryPlans", {
    TestFailover: `${PLAN}/testFailover/action`,
    TestFailoverCleanup: `${PLAN}/testFailoverCleanup/action`,
    PlannedFailover: `${PLAN}/plannedFailover/action`,
    UnplannedFailover: `${PLAN}/unplannedFailover/action`,
    FailoverCommit: `${PLAN}/failoverCommit/action`,
    FailoverCancel: `${PLAN}/failoverCancel/action`,
    Reprotect: `${PLAN}/reProtect/action`,
  }),
  "replicationFabrics.list": [`${VAULT}/replicationFabrics/read`],
  "replicationFabrics.get": [`${VAULT}/replicationFabrics/read`],
  "replicationProtectionContainers.list": [`${VAULT}/replicationProtectionContainers/read`],
  "replicationProtectionContainers.listByReplicationFabrics": [`${VAULT}/replicationFabrics/replicationProtectionContainers/read`],
  "replicationProtectionContainers.get": [`${VAULT}/replicationFabrics/replicationProtectionContainers/read`],
  "replicationPolicies.list": [`${VAULT}/replicationPolicies/read`],
  "replicationPolicies.get": [`${VAULT}/replicationPolicies/read`],
  "profiles.get": [`${PROFILE}/read`],
  "profiles.listByResourceGroup": [`${PROFILE}/read`],
  "profiles.update": [`${PROFILE}/write`],
  "profiles.createOrUpdate": [`${PROFILE}/write`],
  // The endpoint type is an argument; the manifest must allow every type a plan may name.
  "endpoints.get": ENDPOINT_TYPES.map((type) => `${PROFILE}/${type}/read`),
  "endpoints.update": ENDPOINT_TYPES.map((type) => `${PROFILE}/${type}/write`),
  "endpoints.createOrUpdate": ENDPOINT_TYPES.map((type) => `${PROFILE}/${type}/write`),
};

// Operation groups of the two SDK clients whose names cannot be mistaken for anything else in the app.
const SITE_RECOVERY_GROUPS =
  "replicationProtectedItems|recoveryPoints|replicationJobs|replicationRecoveryPlans|replicationFabrics|replicationProtectionContainers|replicationPolicies|replicationVaultHealth|replicationEvents|replicationNetworks|replicationNetworkMappings|replicationProtectionContainerMappings|replicationVaultSetting";
const CALL = new RegExp(`\\.(${SITE_RECOVERY_GROUPS})\\s*\\.\\s*(\\w+)\\s*\\(`, "g");
// Traffic Manager groups have common names (a plan has endpoints too), so only their SDK methods count.
const TRAFFIC_CALL = /\.(profiles|endpoints)\s*\.\s*(get|listByResourceGroup|listBySubscription|update|createOrUpdate|delete)\s*\(/g;

export interface SdkCall {
  readonly file: string;
  readonly call: string;
}

// Activities may declare the SDK surface they use as `Pick<ReplicationProtectedItems, "get" | …>` and then call
// through an alias (`const items = client.replicationProtectedItems`), which the call patterns cannot see.
const PICK = /Pick<\s*(ReplicationProtectedItems|RecoveryPoints|ReplicationJobs|ReplicationRecoveryPlans|ReplicationFabrics|ReplicationProtectionContainers|ReplicationPolicies|Profiles|Endpoints)\s*,\s*([^>]+)>/g;

const SDK_METHOD = /^(begin[A-Z]\w*|list\w*|get|create\w*|update|delete|purge)$/;

export function findSdkCalls(file: string, source: string): SdkCall[] {
  const calls: SdkCall[] = [];
  for (const match of source.matchAll(PICK)) {
    const group = `${(match[1] as string)[0]?.toLowerCase()}${(match[1] as string).slice(1)}`;
    for (const method of (match[2] as string).matchAll(/["'](\w+)["']/g)) calls.push({ file, call: `${group}.${method[1]}` });
  }
  for (const pattern of [CALL, TRAFFIC_CALL]) {
    for (const match of source.matchAll(pattern)) {
      const call = `${match[1]}.${match[2]}`;
      // App data can share a group's name (an item's `recoveryPoints` array): only SDK-shaped methods count.
      if (SDK_OPERATIONS[call] !== undefined || SDK_METHOD.test(match[2] as string)) calls.push({ file, call });
    }
  }
  return calls;
}

/** Problems: SDK calls with no known RBAC mapping, and operations the calls need that the manifest lacks. */
export function checkCallsAgainstManifest(calls: readonly SdkCall[], manifest: readonly string[]): string[] {
  const known = new Set(manifest.map((operation) => operation.toLowerCase()));
  const problems = new Set<string>();
  for (const { file, call } of calls) {
    const needed = SDK_OPERATIONS[call];
    if (needed === undefined) {
      problems.add(`${file} calls ${call}, which has no RBAC mapping in test/unit/infra/sdk-calls.ts: add it there and to functions/azure/arm-operations.ts`);
      continue;
    }
    for (const operation of needed) {
      if (!known.has(operation.toLowerCase())) problems.add(`${file} calls ${call}, which needs ${operation}, missing from functions/azure/arm-operations.ts`);
    }
  }
  return [...problems];
}
