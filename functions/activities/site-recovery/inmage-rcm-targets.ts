// What the reprotects of a VMware/physical (InMageRcm) item must name, read from live state: the item's provider
// details, its fabric (the appliance's reprotect agents and process servers) and the vault's replication policies.
// Only read for those reprotects, so other steps cost no extra calls.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { InMageRcmReprotectTargets } from "../../core/live-state";
import type { ItemPath } from "./item-state";
import type { SiteRecoveryApi } from "./site-recovery-api";

interface NamedId {
  id?: string;
  name?: string;
}

export async function readInMageRcmTargets(
  client: SiteRecoveryApi,
  path: ItemPath,
  item: ReplicationProtectedItem,
): Promise<InMageRcmReprotectTargets> {
  const details = (item.properties?.providerSpecificDetails ?? {}) as unknown as Record<string, unknown>;
  const fabric = await client.replicationFabrics.get(path.vault, path.resourceGroup, path.fabric);
  const fabricDetails = (fabric.properties?.customDetails ?? {}) as unknown as { reprotectAgents?: NamedId[]; processServers?: NamedId[] };
  const datastores = (details.discoveredVmDetails as { datastores?: unknown } | undefined)?.datastores;
  const targets: InMageRcmReprotectTargets = {
    // After a previous reprotect to on-premises the item names its agent; otherwise the fabric's appliance does,
    // when there is exactly one (with several, which one to use is the operator's choice, so none is guessed).
    reprotectAgentId: text(details.reprotectAgentId) ?? onlyId(fabricDetails.reprotectAgents),
    datastoreName: text(details.targetDataStoreName) ?? (Array.isArray(datastores) ? text(datastores[0]) : undefined),
    logStorageAccountId: text(details.logStorageAccountId) ?? text(details.storageAccountId),
    processServerId: text(details.processServerId) ?? onlyId(fabricDetails.processServers),
    runAsAccountId: text(details.runAsAccountId),
    policyId: await replicationPolicyId(client, path, item),
  };
  return Object.fromEntries(Object.entries(targets).filter(([, value]) => value !== undefined)) as InMageRcmReprotectTargets;
}

/**
 * The InMageRcm (to Azure) replication policy: the item's own when it is one, else the vault's only one. After a
 * reprotect to on-premises the item carries its failback policy, which the reprotect back to Azure cannot use.
 */
async function replicationPolicyId(client: SiteRecoveryApi, path: ItemPath, item: ReplicationProtectedItem): Promise<string | undefined> {
  const candidates: string[] = [];
  for await (const policy of client.replicationPolicies.list(path.vault, path.resourceGroup)) {
    const type = (policy.properties?.providerSpecificDetails as { instanceType?: string } | undefined)?.instanceType;
    if (policy.id !== undefined && type === "InMageRcm") candidates.push(policy.id);
  }
  const own = item.properties?.policyId;
  const mine = candidates.find((id) => own !== undefined && id.toLowerCase() === own.toLowerCase());
  return mine ?? (candidates.length === 1 ? candidates[0] : undefined);
}

function onlyId(entries: NamedId[] | undefined): string | undefined {
  return entries?.length === 1 ? text(entries[0]?.id) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
