// The app's configuration: read once at start-up from app settings (process.env in the Functions worker), validated
// against the declarations in config-settings.ts, and handed to client factories and registrations as a typed value.
// This is the only module in functions/ that reads process.env.
import { isLoopbackHost, SettingValueError } from "./config-parsers";
import { settings, type SettingSpec } from "./config-settings";

export { allSettings, settings } from "./config-settings";
export type { InfraPresence, SettingKey, SettingReader, SettingSpec } from "./config-settings";

/** How the app reaches its own storage account. */
export type StorageConnection =
  | { readonly kind: "connectionString"; readonly connectionString: string }
  | {
      readonly kind: "identity";
      readonly blobServiceUri: string;
      readonly queueServiceUri: string;
      readonly tableServiceUri: string;
      /** The user-assigned identity to authenticate with; absent means the system identity or developer login. */
      readonly clientId?: string;
    };

export interface StandbyConfig {
  readonly storage: StorageConnection;
  readonly taskHub: string;
  /** Without a trailing slash. */
  readonly armEndpoint: string;
  /** True when ARM is the local emulator (loopback), which is what allows the lab's local credential. */
  readonly armIsLoopback: boolean;
  readonly managedIdentityClientId?: string;
  readonly eventGrid: { readonly endpoint: string; readonly key?: string };
  readonly storageContainerPrefix: string;
  readonly healthSweepSchedule: string;
  readonly drillSchedulerSchedule: string;
  /** Lowercase host names; entries starting with `*.` match subdomains. */
  readonly allowedHosts: readonly string[];
  readonly allowLoopbackTargets: boolean;
  /** App Service authentication is on: the platform, not the caller, wrote the x-ms-client-principal-* headers. */
  readonly appServiceAuthentication: boolean;
  readonly maxParallelItems: number;
}

/** Every problem found in the settings, each naming its setting; thrown by loadConfig before anything starts. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`Standby cannot start: ${problems.length} app setting problem${problems.length === 1 ? "" : "s"}:\n- ${problems.join("\n- ")}`);
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Environment = process.env): StandbyConfig {
  const problems: string[] = [];
  const read = <T>(spec: SettingSpec<T>): T | undefined => readSetting(env, spec, problems);

  const values = {
    taskHub: read(settings.taskHub),
    armEndpoint: read(settings.armEndpoint),
    managedIdentityClientId: read(settings.managedIdentityClientId),
    eventGridEndpoint: read(settings.eventGridEndpoint),
    eventGridKey: read(settings.eventGridKey),
    storageContainerPrefix: read(settings.storageContainerPrefix),
    healthSweepSchedule: read(settings.healthSweepSchedule),
    drillSchedulerSchedule: read(settings.drillSchedulerSchedule),
    allowedHosts: read(settings.allowedHosts),
    allowLoopbackTargets: read(settings.allowLoopbackTargets),
    appServiceAuthentication: read(settings.appServiceAuthentication),
    maxParallelItems: read(settings.maxParallelItems),
  };
  const storage = readStorage(env, problems);

  const armIsLoopback = values.armEndpoint !== undefined && isLoopbackHost(new URL(values.armEndpoint).hostname);
  if (values.allowLoopbackTargets === true && values.armEndpoint !== undefined && !armIsLoopback) {
    problems.push(
      `${settings.allowLoopbackTargets.name}: true is allowed only in the lab, when ${settings.armEndpoint.name} is a loopback URL`,
    );
  }

  if (problems.length > 0) throw new ConfigError(problems);
  // Every value below is defined: a missing required one or a bad one added a problem and threw above.
  return {
    storage: storage as StorageConnection,
    taskHub: values.taskHub as string,
    armEndpoint: values.armEndpoint as string,
    armIsLoopback,
    ...(values.managedIdentityClientId === undefined ? {} : { managedIdentityClientId: values.managedIdentityClientId }),
    eventGrid: {
      endpoint: values.eventGridEndpoint as string,
      ...(values.eventGridKey === undefined ? {} : { key: values.eventGridKey }),
    },
    storageContainerPrefix: values.storageContainerPrefix as string,
    healthSweepSchedule: values.healthSweepSchedule as string,
    drillSchedulerSchedule: values.drillSchedulerSchedule as string,
    allowedHosts: values.allowedHosts as readonly string[],
    allowLoopbackTargets: values.allowLoopbackTargets as boolean,
    appServiceAuthentication: values.appServiceAuthentication as boolean,
    maxParallelItems: values.maxParallelItems as number,
  };
}

function readSetting<T>(env: Environment, spec: SettingSpec<T>, problems: string[]): T | undefined {
  const raw = present(env[spec.name]);
  if (raw === undefined) {
    if (spec.defaultValue !== undefined) return spec.parse(spec.defaultValue);
    if (spec.required) problems.push(`${spec.name} is required: ${spec.description}`);
    return undefined;
  }
  try {
    return spec.parse(raw);
  } catch (error) {
    if (!(error instanceof SettingValueError)) throw error;
    // Secrets are never echoed; other values are, so the reader sees what was wrong.
    const shown = spec.secret ? "" : ` (got "${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}")`;
    problems.push(`${spec.name} ${error.message}${shown}`);
    return undefined;
  }
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

// Storage is reached either by connection string (locally) or by identity (in Azure, where the account refuses
// shared keys); exactly one of the two must be configured, and the identity form needs all three endpoints, given
// directly or derived from the account name.
function readStorage(env: Environment, problems: string[]): StorageConnection | undefined {
  const before = problems.length;
  const connectionString = readSetting(env, settings.storageConnectionString, problems);
  const accountName = readSetting(env, settings.storageAccountName, problems);
  const blob = readSetting(env, settings.storageBlobServiceUri, problems);
  const queue = readSetting(env, settings.storageQueueServiceUri, problems);
  const table = readSetting(env, settings.storageTableServiceUri, problems);
  const credential = readSetting(env, settings.storageCredential, problems);
  const clientId = readSetting(env, settings.storageClientId, problems);
  if (problems.length > before) return undefined;

  const identityNames = [
    settings.storageAccountName,
    settings.storageBlobServiceUri,
    settings.storageQueueServiceUri,
    settings.storageTableServiceUri,
    settings.storageCredential,
    settings.storageClientId,
  ]
    .filter((spec) => present(env[spec.name]) !== undefined)
    .map((spec) => spec.name);

  if (connectionString !== undefined) {
    if (identityNames.length > 0) {
      problems.push(
        `${settings.storageConnectionString.name} and ${identityNames.join(", ")} are both set: configure storage either by connection string or by identity, not both`,
      );
      return undefined;
    }
    return { kind: "connectionString", connectionString };
  }

  const endpoints = {
    blob: blob ?? (accountName === undefined ? undefined : `https://${accountName}.blob.core.windows.net`),
    queue: queue ?? (accountName === undefined ? undefined : `https://${accountName}.queue.core.windows.net`),
    table: table ?? (accountName === undefined ? undefined : `https://${accountName}.table.core.windows.net`),
  };
  if (endpoints.blob === undefined && endpoints.queue === undefined && endpoints.table === undefined) {
    problems.push(
      `storage is not configured: set ${settings.storageConnectionString.name} (locally) or ${settings.storageAccountName.name} / the ${settings.storageBlobServiceUri.name}, ${settings.storageQueueServiceUri.name} and ${settings.storageTableServiceUri.name} settings (identity-based, in Azure)`,
    );
    return undefined;
  }
  const missing = [
    endpoints.blob === undefined ? settings.storageBlobServiceUri.name : undefined,
    endpoints.queue === undefined ? settings.storageQueueServiceUri.name : undefined,
    endpoints.table === undefined ? settings.storageTableServiceUri.name : undefined,
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    problems.push(`identity-based storage needs ${missing.join(", ")} (or ${settings.storageAccountName.name})`);
    return undefined;
  }
  if (clientId !== undefined && credential === undefined) {
    problems.push(`${settings.storageClientId.name} is set without ${settings.storageCredential.name}=managedidentity`);
    return undefined;
  }
  return {
    kind: "identity",
    blobServiceUri: endpoints.blob as string,
    queueServiceUri: endpoints.queue as string,
    tableServiceUri: endpoints.table as string,
    ...(clientId === undefined ? {} : { clientId }),
  };
}
