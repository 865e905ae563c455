// Builds the drill's activities and stores from the typed configuration: Site Recovery clients per subscription
// (created on first use), and the blob container that holds drill reports and the scheduler's marks.
import { AzureKeyCredential, type TokenCredential } from "@azure/core-auth";
import { EventGridPublisherClient } from "@azure/eventgrid";
import { DefaultAzureCredential } from "@azure/identity";
import { createArmClients, type ArmClients } from "../../azure/arm-clients";
import { localEmulatorCredential } from "../../azure/local-credential";
import type { StandbyConfig } from "../../azure/config";
import { createBlobServiceClient } from "../../azure/storage-clients";
import { createReportActivities, type ReportActivities } from "../reports/report-activities";
import { DrillReportStore } from "../reports/report-store";
import { createDrillEventActivity, type DrillCompletedInput } from "./drill-event";
import { DrillScheduleMarks } from "./schedule-marks";
import { createTestFailoverActivities, type TestFailoverActivities } from "./test-failover-activities";

export interface DrillComposition {
  testFailover: TestFailoverActivities;
  reportActivities: ReportActivities;
  reports: DrillReportStore;
  marks: DrillScheduleMarks;
  publishDrillCompleted(input: DrillCompletedInput): Promise<void>;
}

/** The drills' container, next to the app's other containers under the same prefix. */
export function drillsContainerName(prefix: string): string {
  return `${prefix}-drills`;
}

export function composeDrill(config: StandbyConfig): DrillComposition {
  const armClients = new Map<string, ArmClients>();
  const clientsFor = (subscriptionId: string): ArmClients => {
    let clients = armClients.get(subscriptionId);
    if (clients === undefined) {
      clients = createArmClients({ armEndpoint: config.armEndpoint, subscriptionId });
      armClients.set(subscriptionId, clients);
    }
    return clients;
  };
  const container = createBlobServiceClient(config.storage).getContainerClient(drillsContainerName(config.storageContainerPrefix));
  const reports = new DrillReportStore(container);
  return {
    testFailover: createTestFailoverActivities({ siteRecovery: (subscriptionId) => clientsFor(subscriptionId).siteRecovery }),
    reportActivities: createReportActivities({ reports }),
    reports,
    marks: new DrillScheduleMarks(container),
    publishDrillCompleted: createDrillEventActivity(eventPublisher(config)),
  };
}

/** The app's Event Grid topic, reached the way the workflows reach it (key locally, managed identity in Azure). */
function eventPublisher(config: StandbyConfig): EventGridPublisherClient<"CloudEvent"> {
  const { endpoint, key } = config.eventGrid;
  if (key !== undefined) {
    const insecure = config.armIsLoopback && endpoint.startsWith("http:");
    return new EventGridPublisherClient(endpoint, "CloudEvent", new AzureKeyCredential(key), { allowInsecureConnection: insecure });
  }
  const credential: TokenCredential = config.armIsLoopback
    ? localEmulatorCredential
    : new DefaultAzureCredential(config.managedIdentityClientId === undefined ? {} : { managedIdentityClientId: config.managedIdentityClientId });
  return new EventGridPublisherClient(endpoint, "CloudEvent", credential);
}
