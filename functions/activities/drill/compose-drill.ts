// Builds the drill's activities and stores from the typed configuration: Site Recovery clients per subscription
// (created on first use), and the blob container that holds drill reports and the scheduler's marks.
import { createArmClients, type ArmClients } from "../../azure/arm-clients";
import type { StandbyConfig } from "../../azure/config";
import { createBlobServiceClient } from "../../azure/storage-clients";
import { createReportActivities, type ReportActivities } from "../reports/report-activities";
import { DrillReportStore } from "../reports/report-store";
import { DrillScheduleMarks } from "./schedule-marks";
import { createTestFailoverActivities, type TestFailoverActivities } from "./test-failover-activities";

export interface DrillComposition {
  testFailover: TestFailoverActivities;
  reportActivities: ReportActivities;
  reports: DrillReportStore;
  marks: DrillScheduleMarks;
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
  };
}
