// Checks an estate before the emulator seeds it, so a typo in a JSON file is reported by path instead of surfacing
// later as a wrong ARM answer.
import type { Estate, ReplicationProvider } from "./estate";

export class EstateError extends Error {
  override readonly name = "EstateError";
}

const PROVIDERS: readonly ReplicationProvider[] = ["A2A", "HyperVReplicaAzure", "InMageRcm"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const GROUP_TYPES = ["Shutdown", "Failover", "Boot"];
const ACTION_KINDS = ["ManualActionDetails", "ScriptActionDetails", "AutomationRunbookActionDetails"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateEstate(value: unknown): Estate {
  const problems: string[] = [];
  const estate = value as Estate;
  const check = (ok: boolean, where: string, what: string): void => {
    if (!ok) problems.push(`${where}: ${what}`);
  };
  if (typeof value !== "object" || value === null) throw new EstateError("estate must be a JSON object");
  check(typeof estate.name === "string" && NAME.test(estate.name), "/name", "must be a simple name");
  check(typeof estate.subscriptionId === "string" && GUID.test(estate.subscriptionId), "/subscriptionId", "must be a GUID");
  check(typeof estate.resourceGroup === "string" && NAME.test(estate.resourceGroup), "/resourceGroup", "must be a simple name");
  check(estate.pageSize === undefined || (Number.isInteger(estate.pageSize) && estate.pageSize > 0), "/pageSize", "must be a positive integer");
  check(Array.isArray(estate.tiers), "/tiers", "must be an array");
  check(Array.isArray(estate.vaults) && estate.vaults.length > 0, "/vaults", "must be a non-empty array");
  check(Array.isArray(estate.trafficManagerProfiles), "/trafficManagerProfiles", "must be an array");
  if (problems.length) throw new EstateError(problems.join("; "));

  const tiers = new Set(estate.tiers.map((tier) => tier.name));
  const itemNames = new Set<string>();
  estate.vaults.forEach((vault, v) => {
    const at = `/vaults/${v}`;
    check(NAME.test(vault.name ?? ""), `${at}/name`, "must be a simple name");
    const policies = new Set((vault.policies ?? []).map((policy) => policy.name));
    (vault.policies ?? []).forEach((policy, p) =>
      check(PROVIDERS.includes(policy.instanceType), `${at}/policies/${p}/instanceType`, `must be one of ${PROVIDERS.join(", ")}`),
    );
    const vaultItems = new Set<string>();
    (vault.fabrics ?? []).forEach((fabric, f) => {
      check(NAME.test(fabric.name ?? ""), `${at}/fabrics/${f}/name`, "must be a simple name");
      (fabric.containers ?? []).forEach((container, c) => {
        check(NAME.test(container.name ?? ""), `${at}/fabrics/${f}/containers/${c}/name`, "must be a simple name");
        (container.items ?? []).forEach((item, i) => {
          const where = `${at}/fabrics/${f}/containers/${c}/items/${i}`;
          check(NAME.test(item.name ?? ""), `${where}/name`, "must be a simple name");
          check(!itemNames.has(item.name.toLowerCase()), `${where}/name`, `duplicate item name ${item.name}`);
          itemNames.add(item.name.toLowerCase());
          vaultItems.add(item.name.toLowerCase());
          check(PROVIDERS.includes(item.instanceType), `${where}/instanceType`, `must be one of ${PROVIDERS.join(", ")}`);
          check(tiers.has(item.tier), `${where}/tier`, `unknown tier ${item.tier}`);
          check(policies.has(item.policy), `${where}/policy`, `unknown policy ${item.policy}`);
          check(typeof item.primaryRegion === "string" && typeof item.recoveryRegion === "string" && item.primaryRegion !== item.recoveryRegion,
            `${where}`, "primaryRegion and recoveryRegion must be two different regions");
        });
      });
    });
    (vault.recoveryPlans ?? []).forEach((plan, p) =>
      plan.groups.forEach((group, g) => {
        const where = `${at}/recoveryPlans/${p}/groups/${g}`;
        check(GROUP_TYPES.includes(group.groupType), `${where}/groupType`, `must be one of ${GROUP_TYPES.join(", ")}`);
        group.items.forEach((name, i) => check(vaultItems.has(name.toLowerCase()), `${where}/items/${i}`, `unknown item ${name} in vault ${vault.name}`));
        for (const key of ["startGroupActions", "endGroupActions"] as const) {
          (group[key] ?? []).forEach((action, a) => {
            const actionAt = `${where}/${key}/${a}`;
            check(typeof action.actionName === "string" && action.actionName !== "", `${actionAt}/actionName`, "is required");
            check(Array.isArray(action.failoverTypes) && Array.isArray(action.failoverDirections), actionAt, "needs failoverTypes and failoverDirections arrays");
            check(ACTION_KINDS.includes(action.customDetails?.instanceType), `${actionAt}/customDetails/instanceType`, `must be one of ${ACTION_KINDS.join(", ")}`);
          });
        }
      }),
    );
  });
  estate.trafficManagerProfiles.forEach((profile, p) => {
    const priorities = new Set<number>();
    profile.endpoints.forEach((endpoint, e) => {
      const where = `/trafficManagerProfiles/${p}/endpoints/${e}`;
      check(tiers.has(endpoint.tier), `${where}/tier`, `unknown tier ${endpoint.tier}`);
      check(Number.isInteger(endpoint.priority) && endpoint.priority >= 1 && endpoint.priority <= 1000, `${where}/priority`, "must be 1-1000");
      check(!priorities.has(endpoint.priority), `${where}/priority`, "must be unique in the profile");
      priorities.add(endpoint.priority);
    });
  });
  if (problems.length) throw new EstateError(problems.join("; "));
  return estate;
}
