// Builds every activity the workflows call from the typed configuration: ARM clients per subscription (created on
// first use), the Event Grid publisher, the outbound-call policy, the Automation jobs client and the blob stores.
import { AzureKeyCredential } from "@azure/core-auth";
import type { TokenCredential } from "@azure/core-auth";
import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";
import { createArmClients, type ArmClients } from "../azure/arm-clients";
import type { StandbyConfig } from "../azure/config";
import { localEmulatorCredential } from "../azure/local-credential";
import { createBlobServiceClient, standbyContainers } from "../azure/storage-clients";
import { createAutomationJobsClient } from "./automation/automation-jobs-client";
import { createRunbookActivities, type RunbookActivities } from "./automation/runbook-activities";
import { createEventActivities, type EventActivities } from "./events/event-activities";
import { createOutboundActivities, type OutboundActivities } from "./outbound/outbound-activities";
import { createSiteRecoveryActivities, type SiteRecoveryActivities } from "./site-recovery/site-recovery-activities";
import { createStorageActivities, type StorageActivities } from "./storage/activities";
import { OperationStore } from "./storage/operation-store";
import { PlanLock } from "./storage/plan-lock";
import { createTrafficActivities, type TrafficActivities } from "./traffic/traffic-activities";

export interface WorkflowActivities {
  siteRecovery: SiteRecoveryActivities;
  traffic: TrafficActivities;
  outbound: OutboundActivities;
  runbooks: RunbookActivities;
  events: EventActivities;
  storage: StorageActivities;
}

export function composeWorkflowActivities(config: StandbyConfig): WorkflowActivities {
  const credential: TokenCredential = config.armIsLoopback
    ? localEmulatorCredential
    : new DefaultAzureCredential(config.managedIdentityClientId === undefined ? {} : { managedIdentityClientId: config.managedIdentityClientId });
  const armClients = new Map<string, ArmClients>();
  const clientsFor = (subscriptionId: string): ArmClients => {
    let clients = armClients.get(subscriptionId);
    if (clients === undefined) {
      clients = createArmClients({ armEndpoint: config.armEndpoint, subscriptionId, credential });
      armClients.set(subscriptionId, clients);
    }
    return clients;
  };
  const blobs = createBlobServiceClient(config.storage);
  const containers = standbyContainers(config.storageContainerPrefix);
  const eventGridInsecure = config.armIsLoopback && config.eventGrid.endpoint.startsWith("http:");
  const publisher =
    config.eventGrid.key === undefined
      ? new EventGridPublisherClient(config.eventGrid.endpoint, "CloudEvent", credential)
      : new EventGridPublisherClient(config.eventGrid.endpoint, "CloudEvent", new AzureKeyCredential(config.eventGrid.key), {
          allowInsecureConnection: eventGridInsecure,
        });
  return {
    siteRecovery: createSiteRecoveryActivities({ siteRecovery: (subscriptionId) => clientsFor(subscriptionId).siteRecovery }),
    traffic: createTrafficActivities({ trafficManager: (subscriptionId) => clientsFor(subscriptionId).trafficManager }),
    outbound: createOutboundActivities({ allowedHosts: config.allowedHosts, allowLoopback: config.allowLoopbackTargets }),
    runbooks: createRunbookActivities({ automation: createAutomationJobsClient({ armEndpoint: config.armEndpoint, credential, authenticate: !config.armIsLoopback }) }),
    events: createEventActivities({ publisher }),
    storage: createStorageActivities({
      operations: new OperationStore(blobs.getContainerClient(containers.operations)),
      lock: new PlanLock(blobs.getContainerClient(containers.locks)),
    }),
  };
}
