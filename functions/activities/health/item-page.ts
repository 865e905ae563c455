// A few pages of a vault's protected items, read with the vault-wide list (one ARM read per page, never one per
// item), kept down to the items plans name, so what travels through orchestration history stays as small as the
// plans. Several pages per activity keep the durable steps few; few enough per activity that each stays short.
import { getContinuationToken, type ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { VaultReference } from "@standby/client/contract";
import { itemKey } from "../../core/plan/item-ref";
import type { SweptItem } from "../../core/health/swept-item";
import type { SiteRecoveryFor } from "../site-recovery/site-recovery-api";
import { toItemState } from "../site-recovery/item-state";

/** Pages one activity reads at most. */
export const PAGES_PER_ACTIVITY = 10;

export interface ItemsPagesInput {
  vault: VaultReference;
  /** The items plans name in this vault (names, resource ids or machine names). */
  references: string[];
  /** Where the previous page ended; absent for the first page. */
  continuationToken?: string;
}

export interface ItemsPages {
  /** The pages' items that some plan names. */
  items: SweptItem[];
  /** List calls made (pages read). */
  pages: number;
  /** Items on the pages, named by a plan or not. */
  itemsRead: number;
  /** Present when the vault has more pages. */
  continuationToken?: string;
}

export async function readItemsPages(siteRecovery: SiteRecoveryFor, input: ItemsPagesInput): Promise<ItemsPages> {
  const { vault } = input;
  const wanted = new Set(input.references.map((reference) => itemKey(reference)));
  const pages = siteRecovery(vault.subscriptionId)
    .replicationProtectedItems.list(vault.name, vault.resourceGroup)
    .byPage(input.continuationToken === undefined ? {} : { continuationToken: input.continuationToken });
  const result: ItemsPages = { items: [], pages: 0, itemsRead: 0 };
  let continuationToken: string | undefined;
  while (result.pages < PAGES_PER_ACTIVITY) {
    const next = await pages.next();
    if (next.done === true) {
      continuationToken = undefined;
      break;
    }
    const page: ReplicationProtectedItem[] = next.value;
    result.pages += 1;
    result.itemsRead += page.length;
    result.items.push(...page.filter((item) => isWanted(item, wanted)).map(toSweptItem));
    continuationToken = getContinuationToken(page);
    if (continuationToken === undefined) break;
  }
  return continuationToken === undefined ? result : { ...result, continuationToken };
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
