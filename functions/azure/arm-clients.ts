// The one place the app builds its ARM clients. Against real ARM (https) they use DefaultAzureCredential or the
// credential given. Against the local emulator they speak plain http, which the SDK refuses unless insecure
// connections are allowed and the bearer-token policy (it demands TLS) is removed; that downgrade happens only for
// a loopback host, so a mistyped http URL for a real endpoint fails instead of sending requests in the clear.
import { SiteRecoveryManagementClient } from "@azure/arm-recoveryservices-siterecovery";
import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import type { TokenCredential } from "@azure/core-auth";
import { bearerTokenAuthenticationPolicyName } from "@azure/core-rest-pipeline";
import { DefaultAzureCredential } from "@azure/identity";
import { localEmulatorCredential } from "./local-credential";

export interface ArmClientsConfig {
  /** `https://management.azure.com`, or the emulator's `http://127.0.0.1:P`. */
  armEndpoint: string;
  subscriptionId: string;
  credential?: TokenCredential;
}

export interface ArmClients {
  siteRecovery: SiteRecoveryManagementClient;
  trafficManager: TrafficManagerManagementClient;
}

export type ArmEndpointKind = "azure" | "loopback";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Decides how to talk to an ARM endpoint; throws TypeError for anything that is neither https nor loopback http. */
export function classifyArmEndpoint(armEndpoint: string): { kind: ArmEndpointKind; endpoint: string } {
  let url: URL;
  try {
    url = new URL(armEndpoint);
  } catch {
    throw new TypeError(`ARM endpoint must be an absolute URL, got "${armEndpoint}"`);
  }
  const endpoint = url.origin + url.pathname.replace(/\/+$/, "");
  const loopback = LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
  if (url.protocol === "https:") return { kind: loopback ? "loopback" : "azure", endpoint };
  if (url.protocol === "http:") {
    if (loopback) return { kind: "loopback", endpoint };
    throw new TypeError(`ARM endpoint ${url.origin} uses plain http; only a loopback emulator (127.0.0.1, localhost, ::1) may`);
  }
  throw new TypeError(`ARM endpoint must use https (or http on loopback), got ${url.protocol}`);
}

export function createArmClients(config: ArmClientsConfig): ArmClients {
  if (!config.subscriptionId) throw new TypeError("subscriptionId is required");
  const { kind, endpoint } = classifyArmEndpoint(config.armEndpoint);
  const insecure = kind === "loopback" && endpoint.startsWith("http:");
  const credential = config.credential ?? (kind === "loopback" ? localEmulatorCredential : new DefaultAzureCredential());
  const options = { endpoint, allowInsecureConnection: insecure };
  const siteRecovery = new SiteRecoveryManagementClient(credential, config.subscriptionId, options);
  const trafficManager = new TrafficManagerManagementClient(credential, config.subscriptionId, options);
  if (insecure) {
    // The emulator checks no token, and the bearer policy would refuse to send one over http anyway.
    siteRecovery.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
    trafficManager.pipeline.removePolicy({ name: bearerTokenAuthenticationPolicyName });
  }
  return { siteRecovery, trafficManager };
}
