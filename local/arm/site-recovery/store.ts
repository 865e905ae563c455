// Builds the live Site Recovery state from an estate and finds records by the names in ARM paths (case-insensitive,
// as ARM is).
import type { Clock } from "../../clock/clock";
import type { Estate, JobScenario } from "../../estates/estate";
import { resourceNotFound } from "../server/arm-error";
import {
  DEFAULT_JOB_MINUTES,
  type ContainerRecord,
  type FabricRecord,
  type ItemRecord,
  type RecoveryPlanRecord,
  type VaultRecord,
  seedItem,
  vaultIdOf,
} from "./records";

export class SiteRecoveryStore {
  readonly vaults = new Map<string, VaultRecord>();
  readonly itemsByName = new Map<string, ItemRecord>();

  constructor(
    readonly estate: Estate,
    readonly clock: Clock,
  ) {
    for (const vaultSpec of estate.vaults) this.seedVault(vaultSpec.name);
  }

  get pageSize(): number {
    return this.estate.pageSize ?? 100;
  }

  allItems(): ItemRecord[] {
    return [...this.vaults.values()].flatMap((vault) => vault.items);
  }

  vault(name: string): VaultRecord {
    const vault = this.vaults.get(name.toLowerCase());
    if (!vault) throw resourceNotFound("Microsoft.RecoveryServices/vaults", name);
    return vault;
  }

  fabric(vaultName: string, fabricName: string): FabricRecord {
    const fabric = this.vault(vaultName).fabrics.get(fabricName.toLowerCase());
    if (!fabric) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationFabrics", `${vaultName}/${fabricName}`);
    return fabric;
  }

  container(vaultName: string, fabricName: string, containerName: string): ContainerRecord {
    const container = this.fabric(vaultName, fabricName).containers.get(containerName.toLowerCase());
    if (!container) {
      throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers", `${vaultName}/${fabricName}/${containerName}`);
    }
    return container;
  }

  item(vaultName: string, fabricName: string, containerName: string, itemName: string): ItemRecord {
    const item = this.container(vaultName, fabricName, containerName).itemsByName.get(itemName.toLowerCase());
    if (!item) {
      throw resourceNotFound(
        "Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationProtectedItems",
        `${vaultName}/${fabricName}/${containerName}/${itemName}`,
      );
    }
    return item;
  }

  /** Finds an item by item name or VM name, for the control API. */
  itemByAnyName(name: string): ItemRecord | undefined {
    const lower = name.toLowerCase();
    return this.itemsByName.get(lower) ?? this.allItems().find((item) => item.vmName.toLowerCase() === lower);
  }

  plan(vaultName: string, planName: string): RecoveryPlanRecord {
    const plan = this.vault(vaultName).plans.get(planName.toLowerCase());
    if (!plan) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationRecoveryPlans", `${vaultName}/${planName}`);
    return plan;
  }

  jobDurationMs(item: ItemRecord, scenario: JobScenario): number {
    const tier = this.estate.tiers.find((candidate) => candidate.name === item.tier);
    return (tier?.jobMinutes?.[scenario] ?? DEFAULT_JOB_MINUTES[scenario]) * 60_000;
  }

  private seedVault(name: string): void {
    const spec = this.estate.vaults.find((vault) => vault.name === name);
    if (!spec) return;
    const vault: VaultRecord = {
      spec,
      id: vaultIdOf(this.estate, spec.name),
      fabrics: new Map(),
      items: [],
      plans: new Map(),
      policies: new Map(spec.policies.map((policy) => [policy.name.toLowerCase(), policy])),
      jobs: new Map(),
      jobOrder: [],
      operations: new Map(),
    };
    this.vaults.set(spec.name.toLowerCase(), vault);
    const now = this.clock.now();
    for (const fabricSpec of spec.fabrics) {
      const fabric: FabricRecord = {
        name: fabricSpec.name,
        location: fabricSpec.location,
        instanceType: fabricSpec.instanceType,
        id: `${vault.id}/replicationFabrics/${fabricSpec.name}`,
        containers: new Map(),
      };
      vault.fabrics.set(fabric.name.toLowerCase(), fabric);
      for (const containerSpec of fabricSpec.containers) {
        const container: ContainerRecord = {
          name: containerSpec.name,
          id: `${fabric.id}/replicationProtectionContainers/${containerSpec.name}`,
          fabric,
          items: [],
          itemsByName: new Map(),
        };
        fabric.containers.set(container.name.toLowerCase(), container);
        for (const itemSpec of containerSpec.items) {
          const item = seedItem(vault, fabric, container, itemSpec, now);
          container.items.push(item);
          container.itemsByName.set(item.name.toLowerCase(), item);
          vault.items.push(item);
          this.itemsByName.set(item.name.toLowerCase(), item);
        }
      }
    }
    for (const planSpec of spec.recoveryPlans) {
      const plan: RecoveryPlanRecord = {
        spec: planSpec,
        id: `${vault.id}/replicationRecoveryPlans/${planSpec.name}`,
        vault,
        items: planSpec.groups.map((group) => group.items.map((itemName) => this.itemsByName.get(itemName.toLowerCase())!)),
      };
      vault.plans.set(planSpec.name.toLowerCase(), plan);
    }
  }
}
