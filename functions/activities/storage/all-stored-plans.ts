// Every stored plan, page by page, for callers that must look at all of them: the estate's health, the health
// sweep's vaults, the drill scheduler, and the check that a new operation touches no item another plan's running
// operation acts on.
import type { PlanStore, StoredPlan } from "./plan-store";

const PLAN_PAGE_SIZE = 100;

export async function* allStoredPlans(plans: Pick<PlanStore, "list">): AsyncGenerator<StoredPlan> {
  let continuationToken: string | undefined;
  do {
    const page = await plans.list({ maxPageSize: PLAN_PAGE_SIZE, ...(continuationToken === undefined ? {} : { continuationToken }) });
    yield* page.plans;
    continuationToken = page.continuationToken;
  } while (continuationToken !== undefined);
}
