// Shared set-up for the emulator's integration tests: an emulator on a virtual clock, the app's real ARM clients
// built by createArmClients, and small helpers for the control API.
import type { ReplicationProtectedItem } from "@azure/arm-recoveryservices-siterecovery";
import { type ArmClients, createArmClients } from "../../../functions/azure/arm-clients";
import { type ArmEmulatorOptions, type RunningArmEmulator, startArmEmulator } from "../../../local/arm/emulator";

export interface EstateItem {
  name: string;
  id: string;
  vault: string;
  fabric: string;
  container: string;
  vmName: string;
  tier: string;
  primaryRegion: string;
  recoveryRegion: string;
  instanceType: string;
}

export interface EstateDescription {
  subscriptionId: string;
  resourceGroup: string;
  testNetworkId: string;
  eventGrid: { endpoint: string; key: string };
  vaults: { name: string; id: string }[];
  protectedItems: EstateItem[];
  recoveryPlans: { vault: string; name: string; id: string; groups: { groupType: string; items: string[] }[] }[];
  trafficManagerProfiles: { id: string; name: string; endpoints: { id: string; name: string; type: string; priority: number; region: string; tier: string }[] }[];
  apps: { tier: string; region: string; url: string; testUrl: string }[];
}

export interface Lab {
  emulator: RunningArmEmulator;
  clients: ArmClients;
  estate: EstateDescription;
  rg: string;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  advanceMinutes(minutes: number): Promise<void>;
  item(vmName: string): EstateItem;
  getItem(item: EstateItem): Promise<ReplicationProtectedItem>;
}

export async function startLab(options: Partial<ArmEmulatorOptions> = {}): Promise<Lab> {
  const emulator = await startArmEmulator({ estate: "shop", clock: { mode: "virtual" }, ...options });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${emulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const estate = (await control<EstateDescription>("GET", "/_emulator/estate")).body;
  const clients = createArmClients({ armEndpoint: emulator.url, subscriptionId: estate.subscriptionId });
  const item = (vmName: string): EstateItem => {
    const found = estate.protectedItems.find((candidate) => candidate.vmName === vmName);
    if (!found) throw new Error(`no item for VM ${vmName}`);
    return found;
  };
  return {
    emulator,
    clients,
    estate,
    rg: estate.resourceGroup,
    control,
    advanceMinutes: async (minutes) => {
      const answer = await control("POST", "/_emulator/clock/advance", { ms: minutes * 60_000 });
      if (answer.status !== 200) throw new Error(`advance failed: ${JSON.stringify(answer.body)}`);
    },
    item,
    getItem: (target) => clients.siteRecovery.replicationProtectedItems.get(target.vault, estate.resourceGroup, target.fabric, target.container, target.name),
  };
}

/** Runs an SDK call that must fail and returns its RestError-like error. */
export async function expectRestError(call: Promise<unknown>): Promise<{ statusCode?: number; code?: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return error as { statusCode?: number; code?: string; message: string };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Poller options for tests: the emulator's Retry-After (1 s on a virtual clock) still applies. */
export const FAST_POLL = { updateIntervalInMs: 50 };
