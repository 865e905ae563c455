// Reads an ASR recovery plan for import, through the same ARM clients as everything else.
import type { VaultReference } from "@standby/client/contract";
import type { ArmClients } from "../azure/arm-clients";

/** The recovery plan as Site Recovery returns it, or undefined when the vault has no plan of that name. */
export type RecoveryPlanReader = (vault: VaultReference, recoveryPlanName: string) => Promise<unknown>;

export function armRecoveryPlanReader(clientsFor: (subscriptionId: string) => ArmClients): RecoveryPlanReader {
  return async (vault, recoveryPlanName) => {
    try {
      return await clientsFor(vault.subscriptionId).siteRecovery.replicationRecoveryPlans.get(vault.name, vault.resourceGroup, recoveryPlanName);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  };
}
