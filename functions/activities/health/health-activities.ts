// The activities of the health sweep: which vaults to read (from the plans), a few pages of a vault's items, the
// evaluation of every plan stored as the new snapshot (returning the alerts it decided on), and publishing those
// alerts as CloudEvents. Each is safe to run twice: reads change nothing, the snapshot is only replaced by a newer
// one, and alert ids are stable so a repeated publish is dropped by id downstream.
import type { Plan, VaultReference } from "@standby/client/contract";
import { healthAlerts, NOTHING_ANNOUNCED, type HealthAlert } from "../../core/alerts/health-alerts";
import { evaluatePlanHealth } from "../../core/health/evaluate";
import type { SweptItem } from "../../core/health/swept-item";
import type { CloudEventPublisher } from "../events/event-activities";
import { allStoredPlans } from "../storage/all-stored-plans";
import type { PlanStore } from "../storage/plan-store";
import type { SiteRecoveryFor } from "../site-recovery/site-recovery-api";
import type { HealthSnapshot, StoredPlanHealth } from "./health-snapshot";
import type { HealthStore } from "./health-store";
import { readItemsPages, type ItemsPages, type ItemsPagesInput } from "./item-page";

export const HEALTH_ACTIVITY = {
  listVaults: "healthListVaultsActivity",
  readItemsPages: "healthReadItemsPagesActivity",
  evaluate: "healthEvaluateActivity",
  publishAlerts: "healthPublishAlertsActivity",
} as const;

export interface SweepVault {
  /** Lowercase subscription/resourceGroup/vault: one entry per vault however many plans use it. */
  key: string;
  vault: VaultReference;
  references: string[];
}

export interface VaultItems {
  key: string;
  items: SweptItem[];
  pages: number;
  itemsRead: number;
  error?: string;
}

export interface EvaluateInput {
  sweepId: string;
  atMs: number;
  vaults: VaultItems[];
}

export interface HealthActivityDeps {
  siteRecovery: SiteRecoveryFor;
  plans: Pick<PlanStore, "list">;
  store: Pick<HealthStore, "update">;
  publisher: CloudEventPublisher;
}

export interface HealthActivities {
  listVaults(): Promise<SweepVault[]>;
  readItemsPages(input: ItemsPagesInput): Promise<ItemsPages>;
  evaluate(input: EvaluateInput): Promise<HealthAlert[]>;
  publishAlerts(alerts: HealthAlert[]): Promise<void>;
}

export function vaultKey(vault: VaultReference): string {
  return `${vault.subscriptionId}/${vault.resourceGroup}/${vault.name}`.toLowerCase();
}

export function createHealthActivities(deps: HealthActivityDeps): HealthActivities {
  const allPlans = async (): Promise<Plan[]> => {
    const plans: Plan[] = [];
    for await (const stored of allStoredPlans(deps.plans)) plans.push(stored.plan);
    return plans;
  };

  return {
    async listVaults() {
      const vaults = new Map<string, SweepVault>();
      for (const plan of await allPlans()) {
        const key = vaultKey(plan.vault);
        const entry = vaults.get(key) ?? { key, vault: plan.vault, references: [] };
        entry.references.push(...plan.groups.flatMap((group) => group.items));
        vaults.set(key, entry);
      }
      return [...vaults.values()].sort((a, b) => a.key.localeCompare(b.key));
    },

    readItemsPages: (input) => readItemsPages(deps.siteRecovery, input),

    async evaluate(input) {
      const plans = await allPlans();
      const byVault = new Map(input.vaults.map((vault) => [vault.key, vault]));
      const saved = await deps.store.update((previous) => nextSnapshot(previous, plans, byVault, input));
      return saved === undefined ? [] : saved.plans.flatMap((plan) => plan.alerts);
    },

    async publishAlerts(alerts) {
      if (alerts.length === 0) return;
      await deps.publisher.send(
        alerts.map((alert) => ({
          id: alert.id,
          type: alert.type,
          source: `/standby/plans/${alert.plan}`,
          subject: "health",
          time: new Date(alert.time),
          datacontenttype: "application/json",
          data: alert.data,
        })),
      );
    },
  };
}

function nextSnapshot(previous: HealthSnapshot | undefined, plans: Plan[], byVault: Map<string, VaultItems>, input: EvaluateInput): HealthSnapshot {
  const before = new Map((previous?.plans ?? []).map((plan) => [plan.plan, plan]));
  const evaluated: StoredPlanHealth[] = plans.flatMap((plan): StoredPlanHealth[] => {
    const read = byVault.get(vaultKey(plan.vault));
    const earlier = before.get(plan.name);
    // A plan (or a plan's new vault) that appeared after this sweep listed the vaults was not read: it keeps what
    // the last sweep found, or waits for the next sweep, rather than flapping to "unknown" and back.
    if (read === undefined) return earlier === undefined ? [] : [{ ...earlier, alerts: [] }];
    const evaluation = evaluatePlanHealth({
      plan,
      vaultItems: read.items,
      ...(read.error === undefined ? {} : { readError: read.error }),
      ...(earlier === undefined ? {} : { previous: earlier.state }),
      atMs: input.atMs,
    });
    const { alerts, announced } = healthAlerts(evaluation, earlier?.announced ?? NOTHING_ANNOUNCED, input.atMs);
    return [{ ...evaluation, announced, alerts }];
  });
  return {
    sweepId: input.sweepId,
    asOf: new Date(input.atMs).toISOString(),
    vaults: input.vaults.map((vault) => ({
      vault: vault.key,
      pages: vault.pages,
      itemsRead: vault.itemsRead,
      ...(vault.error === undefined ? {} : { error: vault.error }),
    })),
    plans: evaluated,
  };
}
