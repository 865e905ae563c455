// What `GET /_emulator/estate` returns: the seeded estate with every id a client needs, and the app endpoints the
// lab's probes can hit (served by the emulator itself under /_emulator/apps).
import type { EmulatorContext } from "../context";
import { appLocations } from "../world/apps";

export function estateView(context: EmulatorContext, baseUrl: string): unknown {
  const { estate, siteRecovery, trafficManager } = context;
  const vaults = [...siteRecovery.vaults.values()];
  return {
    name: estate.name,
    subscriptionId: estate.subscriptionId,
    resourceGroup: estate.resourceGroup,
    armEndpoint: baseUrl,
    testNetworkId: estate.testNetworkId,
    eventGrid: { endpoint: `${baseUrl}/api/events`, key: context.eventGridKey },
    vaults: vaults.map((vault) => ({ name: vault.spec.name, id: vault.id, location: vault.spec.location })),
    fabrics: vaults.flatMap((vault) =>
      [...vault.fabrics.values()].map((fabric) => ({ vault: vault.spec.name, name: fabric.name, id: fabric.id, location: fabric.location, instanceType: fabric.instanceType })),
    ),
    containers: vaults.flatMap((vault) =>
      [...vault.fabrics.values()].flatMap((fabric) =>
        [...fabric.containers.values()].map((container) => ({ vault: vault.spec.name, fabric: fabric.name, name: container.name, id: container.id })),
      ),
    ),
    protectedItems: siteRecovery.allItems().map((item) => ({
      name: item.name,
      id: item.id,
      vault: item.vault.spec.name,
      fabric: item.fabric,
      container: item.container,
      vmName: item.vmName,
      tier: item.tier,
      primaryRegion: item.seededPrimaryRegion,
      recoveryRegion: item.seededRecoveryRegion,
      instanceType: item.provider,
    })),
    recoveryPlans: vaults.flatMap((vault) =>
      [...vault.plans.values()].map((plan) => ({
        vault: vault.spec.name,
        name: plan.spec.name,
        id: plan.id,
        groups: plan.spec.groups.map((group, index) => ({ groupType: group.groupType, items: plan.items[index].map((item) => item.name) })),
      })),
    ),
    trafficManagerProfiles: [...trafficManager.profiles.values()].map((profile) => ({
      id: profile.id,
      name: profile.name,
      trafficRoutingMethod: profile.trafficRoutingMethod,
      endpoints: profile.endpoints.map((endpoint) => ({
        id: `${profile.id}/${endpoint.kind}/${endpoint.name}`,
        name: endpoint.name,
        type: `Microsoft.Network/trafficManagerProfiles/${endpoint.kind}`,
        target: endpoint.target,
        priority: endpoint.priority,
        region: endpoint.link?.region ?? endpoint.endpointLocation,
        tier: endpoint.link?.tier,
      })),
    })),
    apps: appLocations(siteRecovery).map(({ tier, region }) => ({
      tier,
      region,
      url: `${baseUrl}/_emulator/apps/${encodeURIComponent(tier)}/${encodeURIComponent(region)}`,
      testUrl: `${baseUrl}/_emulator/apps/${encodeURIComponent(tier)}/${encodeURIComponent(region)}?network=test`,
    })),
  };
}
