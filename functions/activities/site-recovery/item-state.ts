// From Site Recovery's SDK models to the app's view of an item (core/live-state), and from an item's resource id
// to the path segments the SDK methods take.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { ProtectedItemState } from "../../core/live-state";

export interface ItemPath {
  subscriptionId: string;
  resourceGroup: string;
  vault: string;
  fabric: string;
  container: string;
  name: string;
}

// ARM ids are case-insensitive (real ones start with `/Subscriptions/`).
const ITEM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)\/replicationFabrics\/([^/]+)\/replicationProtectionContainers\/([^/]+)\/replicationProtectedItems\/([^/]+)\/?$/i;

export function parseItemId(id: string): ItemPath {
  const match = ITEM_ID.exec(id);
  if (match === null) throw new TypeError(`"${id}" is not the resource id of a replication protected item`);
  const [, subscriptionId, resourceGroup, vault, fabric, container, name] = match as unknown as [string, ...string[]];
  return {
    subscriptionId: subscriptionId as string,
    resourceGroup: resourceGroup as string,
    vault: vault as string,
    fabric: fabric as string,
    container: container as string,
    name: name as string,
  };
}

/** The job's name: the last segment of its id (`…/replicationJobs/{name}`). */
export function jobName(jobId: string): string {
  const name = jobId.split("/").filter(Boolean).pop();
  if (name === undefined) throw new TypeError(`"${jobId}" is not a job id`);
  return name;
}

export function toItemState(item: ReplicationProtectedItem): ProtectedItemState {
  const properties = item.properties ?? {};
  const details = (properties.providerSpecificDetails ?? {}) as unknown as Record<string, unknown>;
  const scenario = properties.currentScenario;
  const running = scenario?.scenarioName !== undefined && scenario.scenarioName.toLowerCase() !== "none";
  return {
    id: item.id ?? "",
    name: item.name ?? "",
    ...(properties.friendlyName === undefined ? {} : { friendlyName: properties.friendlyName }),
    provider: providerOf(details.instanceType),
    ...(properties.protectionState === undefined ? {} : { protectionState: properties.protectionState }),
    ...(properties.activeLocation === undefined ? {} : { activeLocation: properties.activeLocation }),
    ...(properties.testFailoverState === undefined ? {} : { testFailoverState: properties.testFailoverState }),
    ...timeField("lastTestFailoverMs", properties.lastSuccessfulTestFailoverTime),
    allowedOperations: properties.allowedOperations ?? [],
    ...(properties.replicationHealth === undefined ? {} : { replicationHealth: properties.replicationHealth }),
    rpoSeconds: rpoOf(details),
    ...(running ? { currentScenario: { scenarioName: scenario?.scenarioName as string, ...(scenario?.jobId ? { jobId: scenario.jobId } : {}) } } : {}),
    healthErrors: (properties.healthErrors ?? []).map((error) => ({
      code: error.errorCode ?? "",
      message: error.summaryMessage ?? error.errorMessage ?? "",
    })),
  };
}

/** `{ [name]: epoch ms }` for a valid time (the SDK hands Dates, a hand-made body may hold strings), else `{}`. */
function timeField(name: "lastTestFailoverMs", value: Date | string | undefined): { lastTestFailoverMs?: number } {
  const ms = value === undefined ? Number.NaN : new Date(value).getTime();
  return Number.isFinite(ms) ? { [name]: ms } : {};
}

// A VMware/physical item reprotected to on-premises reports `InMageRcmFailback` details; it is still the same
// InMageRcm replication, whose inputs for each step the provider rules pick by direction.
function providerOf(instanceType: unknown): string {
  if (typeof instanceType !== "string") return "unknown";
  return instanceType === "InMageRcmFailback" ? "InMageRcm" : instanceType;
}

// InMageRcm reports its RPO as lastRpoInSeconds; the other providers as rpoInSeconds.
function rpoOf(details: Record<string, unknown>): number | null {
  const value = details.rpoInSeconds ?? details.lastRpoInSeconds;
  return typeof value === "number" ? value : null;
}
