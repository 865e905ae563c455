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

/** The item a plan reference designates among `items`: by id, by name, then by friendly name. */
export function findItem<T extends Pick<ProtectedItemState, "id" | "name" | "friendlyName">>(
  reference: string,
  items: readonly T[],
): T | undefined {
  const lower = reference.trim().toLowerCase();
  const key = itemKey(reference);
  return (
    items.find((item) => item.id.toLowerCase() === lower) ??
    items.find((item) => item.name.toLowerCase() === key) ??
    items.find((item) => item.friendlyName?.toLowerCase() === lower)
  );
}
