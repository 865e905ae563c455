// Registers the durable workflows (failover, commit, failback and the per-item sub-orchestration) and every activity
// they call. Settings are read on the first activity call rather than at import, like the HTTP registrations, so
// a host with a bad setting still starts and the failing activity names the setting.
import * as df from "durable-functions";
import type { ActivityHandler } from "durable-functions";
import type { Operation } from "@standby/client/contract";
import { loadConfig } from "../azure/config";
import { composeWorkflowActivities, type WorkflowActivities } from "../activities/compose";
import type {
  CancelItemActionInput,
  OperationEventInput,
  PreflightInput,
  ProbeInput,
  ReadJobInput,
  ReplicationHealthInput,
  StartItemActionInput,
  StartRunbookInput,
  TrafficSwitchInput,
  WebhookInput,
} from "../activities/contracts";
import { ACTIVITY } from "../activities/names";
import { STORAGE_ACTIVITY, type ReleasePlanLockInput } from "../activities/storage/activities";
import { commitOrchestrator } from "../orchestrations/commit";
import { ORCHESTRATION } from "../orchestrations/contract";
import { failbackOrchestrator } from "../orchestrations/failback";
import { failoverOrchestrator } from "../orchestrations/failover";
import { itemActionHandler } from "../orchestrations/item-action";

let composed: WorkflowActivities | undefined;

function activities(): WorkflowActivities {
  composed ??= composeWorkflowActivities(loadConfig());
  return composed;
}

df.app.orchestration(ORCHESTRATION.failover, failoverOrchestrator);
df.app.orchestration(ORCHESTRATION.commit, commitOrchestrator);
df.app.orchestration(ORCHESTRATION.failback, failbackOrchestrator);
df.app.orchestration(ORCHESTRATION.itemAction, itemActionHandler);

function activity<I>(name: string, run: (all: WorkflowActivities, input: I) => Promise<unknown>): void {
  const handler: ActivityHandler = async (input: unknown) => run(activities(), input as I);
  df.app.activity(name, { handler });
}

activity<PreflightInput>(ACTIVITY.preflightItems, (all, input) => all.siteRecovery.preflightItems(input));
activity<StartItemActionInput>(ACTIVITY.startItemAction, (all, input) => all.siteRecovery.startItemAction(input));
activity<ReadJobInput>(ACTIVITY.readJob, (all, input) => all.siteRecovery.readJob(input));
activity<CancelItemActionInput>(ACTIVITY.cancelItemAction, (all, input) => all.siteRecovery.cancelItemAction(input));
activity<ReplicationHealthInput>(ACTIVITY.readReplicationHealth, (all, input) => all.siteRecovery.readReplicationHealth(input));
activity<TrafficSwitchInput>(ACTIVITY.switchTraffic, (all, input) => all.traffic.switchTraffic(input));
activity<{ profile: string }>(ACTIVITY.readTraffic, (all, input) => all.traffic.readTraffic(input));
activity<WebhookInput>(ACTIVITY.callWebhook, (all, input) => all.outbound.callWebhook(input));
activity<ProbeInput>(ACTIVITY.probeOnce, (all, input) => all.outbound.probeOnce(input));
activity<StartRunbookInput>(ACTIVITY.startRunbook, (all, input) => all.runbooks.startRunbook(input));
activity<StartRunbookInput>(ACTIVITY.readRunbookJob, (all, input) => all.runbooks.readRunbookJob(input));
activity<OperationEventInput>(ACTIVITY.publishOperationEvent, (all, input) => all.events.publishOperationEvent(input));
activity<Operation>(STORAGE_ACTIVITY.saveOperation, (all, input) => all.storage.saveOperation(input));
activity<ReleasePlanLockInput>(STORAGE_ACTIVITY.releasePlanLock, (all, input) => all.storage.releasePlanLock(input));
