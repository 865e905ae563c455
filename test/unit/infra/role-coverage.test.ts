import { armOperations } from "../../../functions/azure/arm-operations";
import {
  checkCoverage,
  checkRoleDefinitions,
  GRANT_SCOPES,
  permits,
  readGrants,
  unusedGrants,
  type Grant,
} from "./infra-checks";
import { bicepFiles, roleDefinitions } from "./infra-files";

const files = bicepFiles();
const main = files["main.bicep"] as string;
const roles = roleDefinitions();

function grantsOf(mainText: string, moduleTexts: Record<string, string> = files): Grant[] {
  const { grants, problems } = readGrants(mainText, moduleTexts);
  expect(problems).toEqual([]);
  return grants;
}

describe("the identity's roles cover every ARM operation the app performs", () => {
  it("reads the grants main.bicep makes, each on the resource it names", () => {
    const grants = grantsOf(main);
    const byScope = Object.fromEntries(grants.map((grant) => [grant.scope, grant.roles]));
    expect(byScope).toEqual({
      "Microsoft.Storage/storageAccounts": ["storageBlobDataOwner", "storageQueueDataContributor", "storageTableDataContributor"],
      "Microsoft.EventGrid/topics": ["eventGridDataSender"],
      "Microsoft.Insights/components": ["monitoringMetricsPublisher"],
      "Microsoft.RecoveryServices/vaults": ["siteRecoveryOperator", "reader", "siteRecoveryFailoverCancel"],
      "Microsoft.Network/trafficmanagerprofiles": ["trafficManagerContributor"],
      "Microsoft.Automation/automationAccounts": ["automationJobOperator"],
    });
  });

  it("covers every operation in the manifest with a role granted on its scope", () => {
    expect(checkCoverage(armOperations, grantsOf(main), roles)).toEqual([]);
  });

  it("grants no role that no operation needs", () => {
    expect(unusedGrants(armOperations, grantsOf(main), roles)).toEqual([]);
  });

  it("records each role with a GUID and the permissions it grants", () => {
    expect(checkRoleDefinitions(roles)).toEqual([]);
  });

  it("puts every manifest entry under a scope the deployment can grant on", () => {
    expect(armOperations.filter((op) => !GRANT_SCOPES.includes(op.scope))).toEqual([]);
  });

  it("fails when Reader is no longer granted on the vaults: the sweep's vault-wide list is not in Site Recovery Operator", () => {
    const mutated = main.replace(/\n\s*roles\.reader\.id/, "");
    expect(mutated).not.toBe(main);
    expect(checkCoverage(armOperations, grantsOf(mutated), roles)).toEqual([
      expect.stringMatching(/^Microsoft\.RecoveryServices\/vaults\/replicationProtectedItems\/read .* is not allowed by Site Recovery Operator, Standby Site Recovery Failover Cancel$/),
    ]);
  });

  it("fails when Site Recovery Operator is removed: failover, drills and commit are no longer allowed", () => {
    const problems = checkCoverage(armOperations, grantsOf(main.replace(/\n\s*roles\.siteRecoveryOperator\.id/, "")), roles);
    for (const action of ["testFailover", "testFailoverCleanup", "unplannedFailover", "failoverCommit", "reProtect", "replicationJobs/cancel"]) {
      expect(problems.some((p) => p.includes(`/${action}`))).toBe(true);
    }
  });

  it("fails when the Traffic Manager profiles get no role", () => {
    const problems = checkCoverage(armOperations, grantsOf(main.replace(/\n\s*roles\.trafficManagerContributor\.id/, "")), roles);
    expect(problems.filter((p) => p.includes("trafficManagerProfiles"))).toHaveLength(
      armOperations.filter((op) => op.scope === "Microsoft.Network/trafficManagerProfiles").length,
    );
  });

  it("fails when the alerts topic loses EventGrid Data Sender", () => {
    const problems = checkCoverage(armOperations, grantsOf(main.replace(/\n\s*roles\.eventGridDataSender\.id/, "")), roles);
    expect(problems).toEqual([expect.stringMatching(/^Microsoft\.EventGrid\/events\/send\/action .* is not allowed by no role$/)]);
  });

  it("fails when a storage data role is removed", () => {
    const problems = checkCoverage(armOperations, grantsOf(main.replace(/\n\s*roles\.storageQueueDataContributor\.id/, "")), roles);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.includes("queueServices"))).toBe(true);
  });

  it("fails when the app starts an operation no granted role allows", () => {
    const withDisable = [
      ...armOperations,
      {
        operation:
          "Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems/delete",
        plane: "control" as const,
        scope: "Microsoft.RecoveryServices/vaults" as const,
        performedBy: "app" as const,
        purpose: "disable replication",
      },
    ];
    expect(checkCoverage(withDisable, grantsOf(main), roles)).toEqual([expect.stringContaining("replicationProtectedItems/delete (disable replication)")]);
  });

  it("fails when the custom failover-cancel role is no longer assigned on the vaults", () => {
    const mutated = main.replace(/\n\s*siteRecoveryFailoverCancelRole\.name/, "");
    expect(mutated).not.toBe(main);
    expect(checkCoverage(armOperations, grantsOf(mutated), roles)).toEqual([
      expect.stringMatching(/replicationProtectedItems\/failoverCancel\/action .* is not allowed by Site Recovery Operator, Reader$/),
    ]);
  });

  it("fails when the custom role stops holding the actions recorded for it", () => {
    const mutated = main.replace("actions: roles.siteRecoveryFailoverCancel.actions", "actions: []");
    expect(checkCoverage(armOperations, grantsOf(mutated), roles)).toEqual([expect.stringContaining("failoverCancel/action")]);
  });

  it("refuses a role assignment that is not scoped to the resource itself", () => {
    const vaultModule = files["modules/role-assignments/recovery-vault.bicep"] as string;
    const unscoped = { ...files, "modules/role-assignments/recovery-vault.bicep": vaultModule.replace(/\n\s*scope: vault\n/, "\n") };
    const { problems } = readGrants(main, unscoped);
    expect(problems).toEqual([
      "modules/role-assignments/recovery-vault.bicep: the role assignment is not scoped to an existing resource declared in the module",
    ]);
  });

  it("refuses a role assignment written directly in main.bicep, where it would be resource-group or subscription wide", () => {
    const direct = `${main}\nresource wide 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid('x')\n  properties: {}\n}\n`;
    expect(readGrants(direct, files).problems).toEqual([expect.stringContaining("main.bicep assigns a role directly (wide)")]);
  });
});

describe("Azure RBAC permission patterns", () => {
  it("match wildcards anywhere and ignore case, as Azure does", () => {
    expect(permits("*/read", "Microsoft.RecoveryServices/vaults/replicationProtectedItems/read")).toBe(true);
    expect(permits("Microsoft.Authorization/*/read", "Microsoft.Authorization/roleAssignments/read")).toBe(true);
    expect(permits("Microsoft.Network/trafficManagerProfiles/*", "microsoft.network/trafficmanagerprofiles/azureEndpoints/write")).toBe(true);
    expect(permits("Microsoft.RecoveryServices/vaults/replicationJobs/*", "Microsoft.RecoveryServices/vaults/replicationJobs/cancel/action")).toBe(true);
  });

  it("do not match a sibling or a longer path without a wildcard", () => {
    expect(permits("*/read", "Microsoft.Network/trafficManagerProfiles/azureEndpoints/write")).toBe(false);
    expect(permits("Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/readX")).toBe(false);
    expect(permits("Microsoft.EventGrid/topics/read", "Microsoft.EventGrid/events/send/action")).toBe(false);
  });
});
