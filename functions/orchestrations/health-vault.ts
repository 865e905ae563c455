// One vault: page ranges one after another until the list ends. A vault that cannot be read to the end is
// reported with the error (its plans become "unknown" for this sweep) instead of failing the whole sweep.
import type { OrchestrationHandler } from "durable-functions";
import type { SweepVault, VaultItems } from "../activities/health/health-activities";
import { errorMessage } from "./durable";
import { HEALTH_ORCHESTRATION } from "./health-names";
import type { PageRangeInput, PageRangeResult } from "./health-page-range";

export const healthVaultOrchestrator: OrchestrationHandler = function* (context) {
  const vault = context.df.getInput() as SweepVault;
  const result: VaultItems = { key: vault.key, items: [], pages: 0, itemsRead: 0 };
  let continuationToken: string | undefined;
  try {
    do {
      const input: PageRangeInput = {
        vault: vault.vault,
        references: vault.references,
        ...(continuationToken === undefined ? {} : { continuationToken }),
      };
      const range = (yield context.df.callSubOrchestrator(HEALTH_ORCHESTRATION.pageRange, input)) as PageRangeResult;
      result.items.push(...range.items);
      result.pages += range.pages;
      result.itemsRead += range.itemsRead;
      continuationToken = range.continuationToken;
    } while (continuationToken !== undefined);
  } catch (error) {
    return { ...result, error: errorMessage(error) };
  }
  return result;
};
