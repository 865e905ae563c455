// Reads the live state a plan refers to from Site Recovery and Traffic Manager, by listing: the vault's protected
// items a page at a time (never one GET per item) and the Traffic Manager profile once, and maps the SDK models to
// the core's LiveState so the readiness rules stay pure.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import type { Plan } from "@standby/client/contract";
import type { ArmClients } from "../azure/arm-clients";
import type { LiveState, ProtectedItemState, TrafficEndpointState } from "../core/live-state";

export type LiveStateReader = (plan: Plan) => Promise<LiveState>;

const PROFILE_ID = /\/resourcegroups\/([^/]+)\/providers\/microsoft\.network\/trafficmanagerprofiles\/([^/]+)$/i;

export function armLiveStateReader(clientsFor: (subscriptionId: string) => ArmClients): LiveStateReader {
  return async (plan) => {
    const clients = clientsFor(plan.vault.subscriptionId);
    const [items, trafficEndpoints] = await Promise.all([readItems(clients, plan), readTraffic(clients, plan)]);
    return { items, ...(trafficEndpoints === undefined ? {} : { trafficEndpoints }) };
  };
}

async function readItems(clients: ArmClients, plan: Plan): Promise<ProtectedItemState[]> {
  const items: ProtectedItemState[] = [];
  for await (const item of clients.siteRecovery.replicationProtectedItems.list(plan.vault.name, plan.vault.resourceGroup)) {
    items.push(toItemState(item));
  }
  return items;
}

async function readTraffic(clients: ArmClients, plan: Plan): Promise<TrafficEndpointState[] | undefined> {
  if (plan.traffic === undefined) return undefined;
  const match = PROFILE_ID.exec(plan.traffic.profile);
  if (!match) return undefined;
  try {
    const profile = await clients.trafficManager.profiles.get(decodeURIComponent(match[1] as string), decodeURIComponent(match[2] as string));
    return (profile.endpoints ?? []).map((endpoint) => ({
      name: endpoint.name ?? "",
      ...(endpoint.endpointStatus === undefined ? {} : { endpointStatus: endpoint.endpointStatus }),
      ...(endpoint.endpointMonitorStatus === undefined ? {} : { endpointMonitorStatus: endpoint.endpointMonitorStatus }),
    }));
  } catch (error) {
    // A missing profile is a readiness finding, not a failure of the check.
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

export function toItemState(item: ReplicationProtectedItem): ProtectedItemState {
  const properties = item.properties ?? {};
  const details = (properties.providerSpecificDetails ?? { instanceType: "" }) as { instanceType: string; rpoInSeconds?: number; lastRpoInSeconds?: number };
  const rpo = details.rpoInSeconds ?? details.lastRpoInSeconds;
  const scenario = properties.currentScenario;
  const busy = scenario?.scenarioName !== undefined && scenario.scenarioName.toLowerCase() !== "none";
  return {
    id: item.id ?? "",
    name: item.name ?? "",
    ...(properties.friendlyName === undefined ? {} : { friendlyName: properties.friendlyName }),
    provider: details.instanceType,
    ...(properties.protectionState === undefined ? {} : { protectionState: properties.protectionState }),
    ...(properties.activeLocation === undefined ? {} : { activeLocation: properties.activeLocation }),
    ...(properties.testFailoverState === undefined ? {} : { testFailoverState: properties.testFailoverState }),
    allowedOperations: properties.allowedOperations ?? [],
    ...(properties.replicationHealth === undefined ? {} : { replicationHealth: properties.replicationHealth }),
    rpoSeconds: rpo ?? null,
    ...(busy ? { currentScenario: { scenarioName: scenario.scenarioName as string, ...(scenario.jobId ? { jobId: scenario.jobId } : {}) } } : {}),
    healthErrors: (properties.healthErrors ?? []).map((error) => ({
      code: error.errorCode ?? "",
      message: error.summaryMessage ?? error.errorMessage ?? "",
    })),
  };
}
