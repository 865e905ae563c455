// Builds the health sweep's activities and the stores the monitor shares (the health snapshot and the alert intake's
// record) from the typed configuration. Credentials follow the workflows' composition: the app's identity against
// ARM and Event Grid, the lab's local credential only for a loopback ARM endpoint.
import { AzureKeyCredential, type TokenCredential } from "@azure/core-auth";
import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";
import { createArmClients, type ArmClients } from "../../azure/arm-clients";
import type { StandbyConfig } from "../../azure/config";
import { localEmulatorCredential } from "../../azure/local-credential";
import { createBlobServiceClient, standbyContainers } from "../../azure/storage-clients";
import { AlertStore } from "../alerts/alert-store";
import type { CloudEventPublisher } from "../events/event-activities";
import { PlanStore } from "../storage/plan-store";
import { createHealthActivities, type HealthActivities } from "./health-activities";
import { HealthStore } from "./health-store";

export interface MonitoringParts {
  health: HealthActivities;
  healthStore: HealthStore;
  alertStore: AlertStore;
}

/** The monitor's containers, next to the ones storage-clients names: `{prefix}-health` and `{prefix}-alerts`. */
export function monitoringContainers(prefix: string): { health: string; alerts: string } {
  return { health: `${prefix}-health`, alerts: `${prefix}-alerts` };
}

export function composeMonitoring(config: StandbyConfig): MonitoringParts {
  const credential: TokenCredential = config.armIsLoopback
    ? localEmulatorCredential
    : new DefaultAzureCredential(config.managedIdentityClientId === undefined ? {} : { managedIdentityClientId: config.managedIdentityClientId });
  const armClients = new Map<string, ArmClients>();
  const siteRecovery = (subscriptionId: string): ArmClients["siteRecovery"] => {
    let clients = armClients.get(subscriptionId);
    if (clients === undefined) {
      clients = createArmClients({ armEndpoint: config.armEndpoint, subscriptionId, credential });
      armClients.set(subscriptionId, clients);
    }
    return clients.siteRecovery;
  };
  const blobs = createBlobServiceClient(config.storage);
  const containers = monitoringContainers(config.storageContainerPrefix);
  const healthStore = new HealthStore(blobs.getContainerClient(containers.health));
  return {
    health: createHealthActivities({
      siteRecovery,
      plans: new PlanStore(blobs.getContainerClient(standbyContainers(config.storageContainerPrefix).plans)),
      store: healthStore,
      publisher: eventPublisher(config, credential),
    }),
    healthStore,
    alertStore: new AlertStore(blobs.getContainerClient(containers.alerts)),
  };
}

function eventPublisher(config: StandbyConfig, credential: TokenCredential): CloudEventPublisher {
  if (config.eventGrid.key === undefined) return new EventGridPublisherClient(config.eventGrid.endpoint, "CloudEvent", credential);
  // A key is accepted only locally (config refuses it in Azure); the lab's topic speaks plain http on loopback.
  return new EventGridPublisherClient(config.eventGrid.endpoint, "CloudEvent", new AzureKeyCredential(config.eventGrid.key), {
    allowInsecureConnection: config.armIsLoopback && config.eventGrid.endpoint.startsWith("http:"),
  });
}
