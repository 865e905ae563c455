import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { armOperations } from "../../../functions/azure/arm-operations";
import { ROOT } from "./infra-files";
import { checkCallsAgainstManifest, findSdkCalls, SDK_OPERATIONS } from "./sdk-calls";

const manifest = armOperations.map((op) => op.operation);

function appSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return appSources(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

describe("every ARM call in the app is in the operation manifest", () => {
  it("maps each Site Recovery and Traffic Manager SDK call in functions/ to manifest operations", () => {
    const calls = appSources(join(ROOT, "functions")).flatMap((path) =>
      findSdkCalls(relative(ROOT, path).split(sep).join("/"), readFileSync(path, "utf8")),
    );
    expect(checkCallsAgainstManifest(calls, manifest)).toEqual([]);
  });

  it("fails when an activity calls an operation the manifest does not list", () => {
    const source = "await clients.siteRecovery.replicationRecoveryPlans.beginFailoverCancel(vault, rg, plan);";
    expect(checkCallsAgainstManifest(findSdkCalls("activities/cancel.ts", source), manifest)).toEqual([
      "activities/cancel.ts calls replicationRecoveryPlans.beginFailoverCancel, which needs Microsoft.RecoveryServices/vaults/replicationRecoveryPlans/failoverCancel/action, missing from functions/azure/arm-operations.ts",
    ]);
  });

  it("reads the SDK methods an activity declares through Pick<>, which aliased calls do not show", () => {
    const source = [
      "interface Api {",
      '  replicationProtectedItems: Pick<ReplicationProtectedItems, "get" | "beginRepairReplication">;',
      '  endpoints: Pick<Endpoints, "update">;',
      "}",
      "const items = client.replicationProtectedItems;",
      "await items.beginRepairReplication(...at);",
    ].join("\n");
    expect(findSdkCalls("activities/api.ts", source).map((c) => c.call)).toEqual([
      "replicationProtectedItems.get",
      "replicationProtectedItems.beginRepairReplication",
      "endpoints.update",
    ]);
    expect(checkCallsAgainstManifest(findSdkCalls("activities/api.ts", source), manifest)).toEqual([
      expect.stringContaining("needs Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/repairReplication/action"),
    ]);
  });

  it("fails on an SDK call it cannot map, rather than letting it through", () => {
    const source = "await siteRecovery.replicationProtectedItems.beginDelete(vault, rg, fabric, container, item, input);";
    expect(checkCallsAgainstManifest(findSdkCalls("activities/x.ts", source), manifest)).toEqual([
      expect.stringContaining("calls replicationProtectedItems.beginDelete, which has no RBAC mapping"),
    ]);
  });

  it("accepts the calls the orchestrations are designed around", () => {
    const source = [
      "siteRecovery.replicationProtectedItems.list(vault, rg, { skipToken })",
      "siteRecovery.replicationProtectedItems.get(vault, rg, fabric, container, item)",
      "siteRecovery.replicationProtectedItems.beginTestFailover(vault, rg, fabric, container, item, input)",
      "siteRecovery.replicationProtectedItems.beginTestFailoverCleanup(vault, rg, fabric, container, item, input)",
      "siteRecovery.replicationProtectedItems.beginUnplannedFailover(vault, rg, fabric, container, item, input)",
      "siteRecovery.replicationProtectedItems.beginPlannedFailover(vault, rg, fabric, container, item, input)",
      "siteRecovery.replicationProtectedItems.beginFailoverCommit(vault, rg, fabric, container, item)",
      "siteRecovery.replicationProtectedItems.beginReprotect(vault, rg, fabric, container, item, input)",
      "siteRecovery.recoveryPoints.listByReplicationProtectedItems(vault, rg, fabric, container, item)",
      "siteRecovery.replicationJobs.get(vault, rg, job)",
      "siteRecovery.replicationJobs.beginCancel(vault, rg, job)",
      "siteRecovery.replicationRecoveryPlans.get(vault, rg, plan)",
      "siteRecovery.replicationPolicies.get(vault, rg, policy)",
      "trafficManager.profiles.get(rg, profile)",
      "trafficManager.endpoints.update(rg, profile, 'AzureEndpoints', name, { endpointStatus: 'Disabled' })",
      "plan.traffic.endpoints.map((e) => e.name)",
      "state.recoveryPoints.push(point)",
    ].join(";\n");
    const calls = findSdkCalls("activities/all.ts", source);
    expect(calls).toHaveLength(15);
    expect(checkCallsAgainstManifest(calls, manifest)).toEqual([]);
  });

  it("maps only to operation names written like Azure's (provider/resourceType/…/read|write|action)", () => {
    for (const operations of Object.values(SDK_OPERATIONS)) {
      for (const operation of operations) expect(operation).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+\/(read|write|delete|action)$/);
    }
  });
});
