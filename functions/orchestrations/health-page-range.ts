// A range of one vault's pages: up to PAGES_PER_RANGE list calls, one after another, a few per activity. It returns
// where it stopped, so the vault orchestration carries on in a fresh sub-orchestration and no history grows with
// the vault's size.
import type { OrchestrationHandler } from "durable-functions";
import type { VaultReference } from "@standby/client/contract";
import { HEALTH_ACTIVITY } from "../activities/health/health-activities";
import type { ItemsPages, ItemsPagesInput } from "../activities/health/item-page";
import type { SweptItem } from "../core/health/swept-item";
import { armRetry } from "./durable";
import { PAGES_PER_RANGE } from "./health-names";

export interface PageRangeInput {
  vault: VaultReference;
  references: string[];
  continuationToken?: string;
}

export interface PageRangeResult {
  items: SweptItem[];
  pages: number;
  itemsRead: number;
  /** Present when the vault has more pages. */
  continuationToken?: string;
}

export const healthPageRangeOrchestrator: OrchestrationHandler = function* (context) {
  const input = context.df.getInput() as PageRangeInput;
  const result: PageRangeResult = { items: [], pages: 0, itemsRead: 0 };
  let continuationToken = input.continuationToken;
  do {
    const request: ItemsPagesInput = {
      vault: input.vault,
      references: input.references,
      ...(continuationToken === undefined ? {} : { continuationToken }),
    };
    const read = (yield context.df.callActivityWithRetry(HEALTH_ACTIVITY.readItemsPages, armRetry(), request)) as ItemsPages;
    result.items.push(...read.items);
    result.pages += read.pages;
    result.itemsRead += read.itemsRead;
    continuationToken = read.continuationToken;
  } while (continuationToken !== undefined && result.pages < PAGES_PER_RANGE);
  return continuationToken === undefined ? result : { ...result, continuationToken };
};
