// A plan names a protected item by its name, its full resource id, or its machine's friendly name. This file
// decides when two references mean the same item, so "in two groups" and "unknown item" agree everywhere.
import type { ProtectedItemState } from "../live-state";

const ITEM_ID_SEGMENT = "/replicationprotecteditems/";

/** A key that is equal for the name and the resource id of the same item (ids and names are case-insensitive). */
export function itemKey(reference: string): string {
  const lower = reference.trim().toLowerCase();
  const at = lower.lastIndexOf(ITEM_ID_SEGMENT);
  return at >= 0 ? lower.slice(at + ITEM_ID_SEGMENT.length).replace(/\/+$/, "") : lower;
}

/** The item a plan reference designates among `items`: by id, by name, then by machine name. */
export function findItem<T extends Pick<ProtectedItemState, "id" | "name" | "friendlyName">>(
  reference: string,
  items: readonly T[],
): T | undefined {
  return itemFinder(items)(reference);
}

/** `findItem` for many references: the items are indexed once, then each lookup takes constant time. */
export function itemFinder<T extends Pick<ProtectedItemState, "id" | "name" | "friendlyName">>(
  items: readonly T[],
): (reference: string) => T | undefined {
  const byId = new Map<string, T>();
  const byName = new Map<string, T>();
  const byFriendlyName = new Map<string, T>();
  // The first item wins on a clash, as in findItem.
  for (const item of items) {
    if (!byId.has(item.id.toLowerCase())) byId.set(item.id.toLowerCase(), item);
    if (!byName.has(item.name.toLowerCase())) byName.set(item.name.toLowerCase(), item);
    const friendly = item.friendlyName?.toLowerCase();
    if (friendly !== undefined && !byFriendlyName.has(friendly)) byFriendlyName.set(friendly, item);
  }
  return (reference) => {
    const lower = reference.trim().toLowerCase();
    return byId.get(lower) ?? byName.get(itemKey(reference)) ?? byFriendlyName.get(lower);
  };
}
