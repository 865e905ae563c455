// A region outage: the region's VMs become unavailable (Resource Health events go out on the topic, as Azure's
// system topic sends them), replication from or to it stalls, and apps there stop answering. Restore undoes it.
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../context";
import type { EventGridEvent } from "../eventgrid/events";
import { type ItemRecord, runningRegionOf } from "../site-recovery/records";
import { settle } from "../site-recovery/replication";

export const RESOURCE_HEALTH_EVENT_TYPE = "Microsoft.ResourceHealth.AvailabilityStatusChanged";

export interface OutageChange {
  region: string;
  changed: boolean;
  affectedVms: string[];
}

export function knownRegions(context: EmulatorContext): string[] {
  const regions = new Set<string>();
  for (const item of context.siteRecovery.allItems()) {
    regions.add(item.seededPrimaryRegion.toLowerCase());
    regions.add(item.seededRecoveryRegion.toLowerCase());
  }
  for (const profile of context.estate.trafficManagerProfiles) for (const endpoint of profile.endpoints) regions.add(endpoint.region.toLowerCase());
  return [...regions];
}

export function startOutage(context: EmulatorContext, region: string): OutageChange {
  const now = context.clock.now();
  const changed = context.outages.start(region, now);
  const vms = vmsIn(context, region, now);
  if (changed) context.topic.publishSystemEvents(vms.map((vm) => healthEvent(context, vm, "Available", "Unavailable", now)));
  return { region, changed, affectedVms: vms.map((vm) => vm.id) };
}

export function endOutage(context: EmulatorContext, region: string): OutageChange {
  const now = context.clock.now();
  const changed = context.outages.end(region);
  const vms = vmsIn(context, region, now);
  if (changed) context.topic.publishSystemEvents(vms.map((vm) => healthEvent(context, vm, "Unavailable", "Available", now)));
  return { region, changed, affectedVms: vms.map((vm) => vm.id) };
}

interface VmInRegion {
  id: string;
  name: string;
  region: string;
}

/** The VM a protected item has in a region: the source VM in its seeded primary region, the `-asr` replica elsewhere. */
export function vmResourceId(context: EmulatorContext, item: ItemRecord, region: string): { id: string; name: string } {
  const { subscriptionId, resourceGroup } = context.estate;
  const replica = region.toLowerCase() !== item.seededPrimaryRegion.toLowerCase();
  const name = replica ? `${item.vmName}-asr` : item.vmName;
  const group = replica ? `${resourceGroup}-asr` : resourceGroup;
  return { id: `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${name}`, name };
}

function vmsIn(context: EmulatorContext, region: string, now: number): VmInRegion[] {
  const vms: VmInRegion[] = [];
  for (const item of context.siteRecovery.allItems()) {
    settle(item, now);
    if (runningRegionOf(item).toLowerCase() === region.toLowerCase()) vms.push({ ...vmResourceId(context, item, region), region });
  }
  return vms;
}

function healthEvent(context: EmulatorContext, vm: VmInRegion, previous: string, current: string, now: number): EventGridEvent {
  const time = new Date(now).toISOString();
  const down = current === "Unavailable";
  return {
    id: randomUUID(),
    topic: `/subscriptions/${context.estate.subscriptionId}`,
    subject: vm.id,
    eventType: RESOURCE_HEALTH_EVENT_TYPE,
    eventTime: time,
    dataVersion: "1",
    metadataVersion: "1",
    data: {
      resourceInfo: {
        id: `${vm.id}/providers/Microsoft.ResourceHealth/availabilityStatuses/current`,
        name: "current",
        type: "Microsoft.ResourceHealth/availabilityStatuses",
        properties: {
          targetResourceId: vm.id,
          targetResourceType: "Microsoft.Compute/virtualMachines",
          occurredTime: time,
          previousAvailabilityState: previous,
          availabilityState: current,
          title: down ? "Virtual machine unavailable: a platform issue affects the region" : "Virtual machine available",
          summary: down ? `An outage in ${vm.region} made ${vm.name} unavailable.` : `${vm.name} is available again after the outage in ${vm.region}.`,
          reasonType: down ? "Unplanned" : "",
          region: vm.region,
        },
      },
      operationalInfo: { resourceEventTime: time },
      apiVersion: "2023-12-01",
    },
  };
}
