// Builds what every request shares from the typed configuration: the blob stores, the plan lock and the ARM
// clients (one set per subscription, created on first use). The durable engine is per invocation and is added by
// the registration.
import { randomUUID } from "node:crypto";
import { OperationStore } from "../activities/storage/operation-store";
import { PlanLock } from "../activities/storage/plan-lock";
import { PlanStore } from "../activities/storage/plan-store";
import { createArmClients, type ArmClients } from "../azure/arm-clients";
import type { StandbyConfig } from "../azure/config";
import { createBlobServiceClient, standbyContainers } from "../azure/storage-clients";
import type { ApiDependencies } from "./dependencies";
import { armLiveStateReader } from "./live-state-reader";
import { armRecoveryPlanReader } from "./recovery-plan-reader";

export type SharedDependencies = Omit<ApiDependencies, "engine">;

export function composeSharedDependencies(config: StandbyConfig, reportError: (error: unknown) => void): SharedDependencies {
  const blobs = createBlobServiceClient(config.storage);
  const containers = standbyContainers(config.storageContainerPrefix);
  const armClients = new Map<string, ArmClients>();
  const clientsFor = (subscriptionId: string): ArmClients => {
    let clients = armClients.get(subscriptionId);
    if (clients === undefined) {
      clients = createArmClients({ armEndpoint: config.armEndpoint, subscriptionId });
      armClients.set(subscriptionId, clients);
    }
    return clients;
  };
  return {
    plans: new PlanStore(blobs.getContainerClient(containers.plans)),
    operations: new OperationStore(blobs.getContainerClient(containers.operations)),
    lock: new PlanLock(blobs.getContainerClient(containers.locks)),
    readLiveState: armLiveStateReader(clientsFor),
    readRecoveryPlan: armRecoveryPlanReader(clientsFor),
    allowLoopbackTargets: config.allowLoopbackTargets,
    allowedHosts: config.allowedHosts,
    now: Date.now,
    newOperationId: (kind) => `${kind}-${randomUUID()}`,
    reportError,
  };
}
