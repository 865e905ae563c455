// Whether a new mutating operation of a plan may run: the plan's own lock must be free, and no other plan that
// shares a protected item with it may have an operation running (plans may overlap, e.g. a plan per tier beside a
// plan of the whole app, and two operations moving the same item at once would fight over it in Site Recovery).
//
// Why the order "own lock first, then the other plans' locks" is race-free without a lock per item: every starter
// writes its own lock before it reads the others'. Of two starters of overlapping plans, the one that reads second
// reads after the other's write (each one's write precedes its own read, and storage is strongly consistent), so it
// finds that lock and refuses. Both may refuse when they run exactly together, which is safe: each caller is told
// to retry, and the operation its 409 names may then never start (GET answers 404 for it); both starting is
// impossible. The check needs no new storage: it reads the stored plans and the locks
// of the overlapping ones only, so its cost follows the number of plans, not of items or of past operations.
import type { OperationKind, Plan } from "@standby/client/contract";
import { DomainError, operationConflict } from "../core/errors";
import { itemKey } from "../core/plan/item-ref";
import type { PlanLockRecord } from "../activities/storage/plan-lock";
import type { ApiDependencies } from "./dependencies";
import { holderState } from "./operation-engine";
import { allStoredPlans } from "../activities/storage/all-stored-plans";

export type AdmissionDependencies = Pick<ApiDependencies, "plans" | "lock" | "engine">;

/**
 * Takes `plan`'s lock for `operationId`, or throws OperationConflict naming the operation in the way (of this plan,
 * or of another plan sharing an item). On a refusal the lock is not kept, so nothing changed.
 */
export async function admitOperation(deps: AdmissionDependencies, plan: Plan, operationId: string, kind: OperationKind): Promise<void> {
  const lock = await deps.lock.acquire(plan.name, operationId, kind, (id) => holderState(deps.engine, id));
  if (!lock.acquired) throw operationConflict(plan.name, lock.holder.operationId);
  let blocker: { plan: string; holder: PlanLockRecord } | undefined;
  try {
    blocker = await runningOverlap(deps, plan);
  } catch (error) {
    await deps.lock.release(plan.name, operationId);
    throw error;
  }
  if (blocker === undefined) return;
  await deps.lock.release(plan.name, operationId);
  throw new DomainError(
    "OperationConflict",
    `Plan "${plan.name}" shares protected items with plan "${blocker.plan}", which is busy with operation ${blocker.holder.operationId}.`,
    { operationId: blocker.holder.operationId },
  );
}

/** The first other plan sharing an item with `plan` whose lock is held by a running operation. */
async function runningOverlap(deps: AdmissionDependencies, plan: Plan): Promise<{ plan: string; holder: PlanLockRecord } | undefined> {
  const keys = itemKeys(plan);
  const overlapping: string[] = [];
  for await (const stored of allStoredPlans(deps.plans)) {
    if (stored.plan.name === plan.name) continue;
    if ([...itemKeys(stored.plan)].some((key) => keys.has(key))) overlapping.push(stored.plan.name);
  }
  const holders = await Promise.all(overlapping.map((name) => deps.lock.activeHolder(name, (id) => holderState(deps.engine, id))));
  const index = holders.findIndex((holder) => holder !== undefined);
  return index < 0 ? undefined : { plan: overlapping[index] as string, holder: holders[index] as PlanLockRecord };
}

/**
 * The plan's items as vault-qualified keys: a name and a resource id of the same item agree (itemKey), and the
 * same name in another vault is another item.
 */
function itemKeys(plan: Plan): Set<string> {
  const vault = `${plan.vault.subscriptionId}/${plan.vault.resourceGroup}/${plan.vault.name}`.toLowerCase();
  return new Set(plan.groups.flatMap((group) => group.items.map((item) => `${vault}|${itemKey(item)}`)));
}
