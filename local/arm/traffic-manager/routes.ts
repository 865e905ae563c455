// The Traffic Manager REST surface: profiles and endpoints, all synchronous (200/201), as the real service answers.
import type { EmulatorContext } from "../context";
import { resourceNotFound } from "../server/arm-error";
import type { ArmResponse, Router } from "../server/router";
import { appHealth } from "../world/apps";
import { checkPriorities, endpointKindOf, endpointsFromBody, mergeEndpoint, mergeProfile, newEndpoint, requireObject } from "./inputs";
import type { AppHealthProbe } from "./monitor";
import type { ProfileRecord } from "./store";
import { endpointView, profileView } from "./views";

const PROFILES = "subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Network/trafficmanagerprofiles";
const PROFILE = `${PROFILES}/{profile}`;
const ENDPOINT = `${PROFILE}/{endpointType}/{endpoint}`;

export function addTrafficManagerRoutes(router: Router, context: EmulatorContext): void {
  const store = context.trafficManager;
  const probe: AppHealthProbe = (tier, region) => appHealth(context.siteRecovery, context.outages, tier, region, "production").healthy;
  const now = (): number => context.clock.now();
  const showProfile = (profile: ProfileRecord, status = 200): ArmResponse => ({ status, body: profileView(profile, now(), probe) });
  const linkEndpoints = (profile: ProfileRecord): ProfileRecord => {
    for (const endpoint of profile.endpoints) endpoint.link = store.linkFor(endpoint.target, endpoint.targetResourceId);
    return profile;
  };

  const listProfiles = (): ArmResponse => ({ status: 200, body: { value: [...store.profiles.values()].map((profile) => profileView(profile, now(), probe)) } });
  router
    .add("GET", PROFILES, listProfiles)
    .add("GET", "subscriptions/{subscription}/providers/Microsoft.Network/trafficmanagerprofiles", listProfiles)
    .add("GET", PROFILE, (_request, params) => showProfile(store.profile(params.profile)))
    .add("PUT", PROFILE, (request, params) => {
      const body = requireObject(request.body, "The request body");
      const properties = requireObject(body.properties ?? {}, "properties");
      const existing = store.profiles.get(params.profile.toLowerCase());
      const blank: ProfileRecord = existing ?? {
        name: params.profile,
        id: store.profileId(params.profile),
        tags: {},
        profileStatus: "Enabled",
        trafficRoutingMethod: "Priority",
        dnsConfig: { relativeName: params.profile, ttl: 300 },
        monitorConfig: { protocol: "HTTP", port: 80, path: "/", intervalInSeconds: 30, timeoutInSeconds: 10, toleratedNumberOfFailures: 3 },
        endpoints: [],
      };
      const next = mergeProfile(blank, properties, existing === undefined);
      next.endpoints = endpointsFromBody(properties.endpoints, now()).map((endpoint) => {
        const previous = existing?.endpoints.find((candidate) => candidate.name.toLowerCase() === endpoint.name.toLowerCase());
        return previous ? { ...endpoint, createdMs: previous.createdMs } : endpoint;
      });
      if (body.tags !== undefined) next.tags = requireObject(body.tags, "tags") as Record<string, string>;
      checkPriorities(next);
      store.profiles.set(next.name.toLowerCase(), linkEndpoints(next));
      return showProfile(next, existing ? 200 : 201);
    })
    .add("PATCH", PROFILE, (request, params) => {
      const current = store.profile(params.profile);
      const body = requireObject(request.body, "The request body");
      const properties = requireObject(body.properties ?? {}, "properties");
      const next = mergeProfile(current, properties, false);
      if (properties.endpoints !== undefined) {
        for (const endpoint of endpointsFromBody(properties.endpoints, now())) {
          const index = next.endpoints.findIndex((candidate) => candidate.name.toLowerCase() === endpoint.name.toLowerCase());
          if (index >= 0) next.endpoints[index] = { ...endpoint, createdMs: next.endpoints[index].createdMs };
          else next.endpoints.push(endpoint);
        }
      }
      if (body.tags !== undefined) next.tags = requireObject(body.tags, "tags") as Record<string, string>;
      checkPriorities(next);
      store.profiles.set(next.name.toLowerCase(), linkEndpoints(next));
      return showProfile(next);
    })
    .add("DELETE", PROFILE, (_request, params) => ({ status: store.profiles.delete(params.profile.toLowerCase()) ? 200 : 204 }))
    .add("GET", ENDPOINT, (_request, params) => {
      const profile = store.profile(params.profile);
      const kind = endpointKindOf(params.endpointType);
      const endpoint = profile.endpoints.find((candidate) => candidate.kind === kind && candidate.name.toLowerCase() === params.endpoint.toLowerCase());
      if (!endpoint) throw resourceNotFound(`Microsoft.Network/trafficManagerProfiles/${kind}`, `${profile.name}/${params.endpoint}`);
      return { status: 200, body: endpointView(profile, endpoint, now(), probe) };
    })
    .add("PUT", ENDPOINT, (request, params) => writeEndpoint(request.body, params, true))
    .add("PATCH", ENDPOINT, (request, params) => writeEndpoint(request.body, params, false))
    .add("DELETE", ENDPOINT, (_request, params) => {
      const profile = store.profile(params.profile);
      const kind = endpointKindOf(params.endpointType);
      const before = profile.endpoints.length;
      profile.endpoints = profile.endpoints.filter((candidate) => !(candidate.kind === kind && candidate.name.toLowerCase() === params.endpoint.toLowerCase()));
      return { status: profile.endpoints.length < before ? 200 : 204 };
    });

  function writeEndpoint(rawBody: unknown, params: Record<string, string>, replace: boolean): ArmResponse {
    const profile = store.profile(params.profile);
    const kind = endpointKindOf(params.endpointType);
    const body = requireObject(rawBody, "The request body");
    const properties = requireObject(body.properties ?? {}, "properties");
    const index = profile.endpoints.findIndex((candidate) => candidate.name.toLowerCase() === params.endpoint.toLowerCase());
    const existing = index >= 0 ? profile.endpoints[index] : undefined;
    if (existing && existing.kind !== kind) {
      throw resourceNotFound(`Microsoft.Network/trafficManagerProfiles/${kind}`, `${profile.name}/${params.endpoint}`);
    }
    if (!existing && !replace) throw resourceNotFound(`Microsoft.Network/trafficManagerProfiles/${kind}`, `${profile.name}/${params.endpoint}`);
    const endpoint = existing && !replace ? mergeEndpoint(existing, properties) : newEndpoint(params.endpoint, kind, properties, existing?.createdMs ?? now());
    const next: ProfileRecord = { ...profile, endpoints: [...profile.endpoints] };
    if (existing) next.endpoints[index] = endpoint;
    else next.endpoints.push(endpoint);
    checkPriorities(next);
    endpoint.link = store.linkFor(endpoint.target, endpoint.targetResourceId);
    profile.endpoints = next.endpoints;
    return { status: existing ? 200 : 201, body: endpointView(profile, endpoint, now(), probe) };
  }
}
