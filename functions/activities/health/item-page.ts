// One page of a vault's protected items, read with the vault-wide list (one ARM read per page, never one per item),
// kept down to the items plans name, so what travels through orchestration history stays as small as the plans.
import { getContinuationToken, type ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { VaultReference } from "@standby/client/contract";
import { itemKey } from "../../core/plan/item-ref";
import type { SweptItem } from "../../core/health/swept-item";
import type { SiteRecoveryFor } from "../site-recovery/site-recovery-api";
import { toItemState } from "../site-recovery/item-state";

export interface ItemsPageInput {
  vault: VaultReference;
  /** The items plans name in this vault (names, resource ids or machine names). */
  references: string[];
  /** Where the previous page ended; absent for the first page. */
  continuationToken?: string;
}

export interface ItemsPage {
  /** The page's items that some plan names. */
  items: SweptItem[];
  /** Items on the page, named by a plan or not. */
  itemsRead: number;
  continuationToken?: string;
}

export async function readItemsPage(siteRecovery: SiteRecoveryFor, input: ItemsPageInput): Promise<ItemsPage> {
  const { vault } = input;
  const pages = siteRecovery(vault.subscriptionId)
    .replicationProtectedItems.list(vault.name, vault.resourceGroup)
    .byPage(input.continuationToken === undefined ? {} : { continuationToken: input.continuationToken });
  const next = await pages.next();
  const page: ReplicationProtectedItem[] = next.done === true ? [] : next.value;
  const wanted = new Set(input.references.map((reference) => itemKey(reference)));
  const items = page.filter((item) => isWanted(item, wanted)).map(toSweptItem);
  const continuationToken = next.done === true ? undefined : getContinuationToken(page);
  return { items, itemsRead: page.length, ...(continuationToken === undefined ? {} : { continuationToken }) };
}

function isWanted(item: ReplicationProtectedItem, wanted: Set<string>): boolean {
  const friendly = item.properties?.friendlyName;
  return wanted.has(itemKey(item.id ?? "")) || wanted.has(itemKey(item.name ?? "")) || (friendly !== undefined && wanted.has(friendly.toLowerCase()));
}

export function toSweptItem(item: ReplicationProtectedItem): SweptItem {
  const details = (item.properties?.providerSpecificDetails ?? {}) as unknown as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
  const lastTestFailover = item.properties?.lastSuccessfulTestFailoverTime;
  const vmId = text(details.fabricObjectId);
  const primaryRegion = text(details.primaryFabricLocation);
  const recoveryRegion = text(details.recoveryFabricLocation);
  return {
    ...toItemState(item),
    ...(vmId === undefined ? {} : { vmId }),
    ...(primaryRegion === undefined ? {} : { primaryRegion }),
    ...(recoveryRegion === undefined ? {} : { recoveryRegion }),
    ...(lastTestFailover === undefined ? {} : { lastTestFailoverTime: new Date(lastTestFailover).toISOString() }),
  };
}
