// Traffic Manager's own view of a profile, read over ARM from the emulator: which endpoints are enabled. The checks
// that count requests say what the app sent; this says where traffic would go now.
import type { Lab } from "../../support/lab";

/** The Traffic Manager part of a plan. */
export interface PlanTrafficRef {
  profile: string;
  primaryEndpoint: string;
  standbyEndpoint: string;
}

/** endpoint name -> endpointStatus (Enabled / Disabled). */
export async function endpointStatuses(lab: Lab, profileId: string): Promise<Record<string, string>> {
  const response = await fetch(`${lab.armUrl}${profileId}?api-version=2022-04-01`);
  if (response.status !== 200) throw new Error(`GET ${profileId} answered ${response.status}: ${await response.text()}`);
  const profile = (await response.json()) as { properties: { endpoints: { name: string; properties: { endpointStatus: string } }[] } };
  return Object.fromEntries(profile.properties.endpoints.map((endpoint) => [endpoint.name, endpoint.properties.endpointStatus]));
}
