// `Standby.Drill.Completed` (CloudEvents 1.0 on Event Grid): the drill's verdict and where its evidence is, sent
// once the report is stored. The id is derived from the drill, so a repeat of the activity can be dropped by id.
import type { EventGridPublisherClient, SendCloudEventInput } from "@azure/eventgrid";
import type { StandbyEventType } from "@standby/client/contract";
import type { SavedDrillReport } from "./drill-contracts";

export const DRILL_COMPLETED = "Standby.Drill.Completed" satisfies StandbyEventType;

export interface DrillCompletedInput {
  drillId: string;
  plan: string;
  /** Epoch ms the drill ended (the workflow's clock). */
  endedAtMs: number;
  saved: SavedDrillReport;
}

export interface DrillCompletedData {
  drillId: string;
  plan: string;
  status: SavedDrillReport["status"];
  rtoSeconds?: number;
  failures: string[];
  reportUrl: string;
}

export function drillCompletedEvent(input: DrillCompletedInput): SendCloudEventInput<DrillCompletedData> {
  return {
    type: DRILL_COMPLETED,
    source: `/standby/plans/${input.plan}`,
    subject: `drills/${input.drillId}`,
    id: `${input.drillId}/${DRILL_COMPLETED}`,
    time: new Date(input.endedAtMs),
    datacontenttype: "application/json",
    data: {
      drillId: input.drillId,
      plan: input.plan,
      status: input.saved.status,
      ...(input.saved.rtoSeconds === undefined ? {} : { rtoSeconds: input.saved.rtoSeconds }),
      failures: input.saved.failures,
      reportUrl: input.saved.reportUrl,
    },
  };
}

export function createDrillEventActivity(publisher: Pick<EventGridPublisherClient<"CloudEvent">, "send">): (input: DrillCompletedInput) => Promise<void> {
  return async (input) => {
    await publisher.send([drillCompletedEvent(input)]);
  };
}
