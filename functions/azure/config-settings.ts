// Every app setting Standby reads, declared once: name, meaning, default, whether it is a secret, who reads it, and
// whether the Azure deployment (infra/) sets it. `loadConfig` validates from this table, docs/configuration.md is
// checked against it, and the infra tests check the Function App's app settings against it. A new setting is added
// here and nowhere else.
import {
  integerParser,
  parseAppInsightsAuthentication,
  parseAppInsightsConnectionString,
  parseBoolean,
  parseContainerPrefix,
  parseGuid,
  parseHostList,
  parseManagedIdentityCredential,
  parseSchedule,
  parseServiceUrl,
  parseStorageAccountName,
  parseStorageConnectionString,
  parseTaskHubName,
  parseText,
} from "./config-parsers";

/**
 * Whether infra/ sets the setting on the Function App: `required` (always set there), `optional` (may be set there,
 * the default is fine), `forbidden` (must never be set in Azure: local-only keys and lab switches), `platform` (set
 * in Azure by App Service itself to describe the site; infra/ must never set it, or it would claim what the
 * platform did not do).
 */
export type InfraPresence = "required" | "optional" | "forbidden" | "platform";

/** Who reads the value: the app's code (through loadConfig), the Functions host itself, or both. */
export type SettingReader = "app" | "host" | "app and host";

export interface SettingSpec<T> {
  readonly name: string;
  readonly description: string;
  /** The value used when the setting is absent or empty, as a user would type it. */
  readonly defaultValue?: string;
  /** Absent (or empty) with no default: loadConfig fails. Alternatives (storage by key or by identity) are checked together. */
  readonly required: boolean;
  /** Never echoed in errors or logs. */
  readonly secret: boolean;
  readonly readBy: SettingReader;
  readonly infra: InfraPresence;
  readonly parse: (raw: string) => T;
}

function declare<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

export const settings = {
  storageConnectionString: declare({
    name: "AzureWebJobsStorage",
    description:
      "Storage connection string, used locally (Azurite). In Azure the identity-based AzureWebJobsStorage__* settings are used instead, since the account refuses shared keys.",
    required: false,
    secret: true,
    readBy: "app and host",
    infra: "forbidden",
    parse: parseStorageConnectionString,
  }),
  storageAccountName: declare({
    name: "AzureWebJobsStorage__accountName",
    description:
      "Identity-based storage: the account name, from which the public-cloud blob, queue and table endpoints are derived. An alternative to the three __*ServiceUri settings.",
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "optional",
    parse: parseStorageAccountName,
  }),
  storageBlobServiceUri: declare({
    name: "AzureWebJobsStorage__blobServiceUri",
    description: "Identity-based storage: the blob endpoint of the app's own account.",
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseServiceUrl,
  }),
  storageQueueServiceUri: declare({
    name: "AzureWebJobsStorage__queueServiceUri",
    description: "Identity-based storage: the queue endpoint (durable task hub queues).",
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseServiceUrl,
  }),
  storageTableServiceUri: declare({
    name: "AzureWebJobsStorage__tableServiceUri",
    description: "Identity-based storage: the table endpoint (durable task hub history and instances, app state).",
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseServiceUrl,
  }),
  storageCredential: declare({
    name: "AzureWebJobsStorage__credential",
    description: 'Identity-based storage: "managedidentity", the only kind the Functions host accepts.',
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseManagedIdentityCredential,
  }),
  storageClientId: declare({
    name: "AzureWebJobsStorage__clientId",
    description: "Identity-based storage: client ID of the user-assigned managed identity that reaches the account.",
    required: false,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseGuid,
  }),
  taskHub: declare({
    name: "STANDBY_TASK_HUB",
    description:
      "Durable Functions task hub name (host.json reads it as %STANDBY_TASK_HUB%). No default: the host resolves it before the app runs, so a default here could disagree with the hub the host uses.",
    required: true,
    secret: false,
    readBy: "app and host",
    infra: "required",
    parse: parseTaskHubName,
  }),
  armEndpoint: declare({
    name: "STANDBY_ARM_ENDPOINT",
    description:
      "Azure Resource Manager endpoint for Site Recovery and Traffic Manager calls; the token scope follows it. A loopback URL selects the local ARM emulator and its local credential.",
    defaultValue: "https://management.azure.com",
    required: false,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseServiceUrl,
  }),
  managedIdentityClientId: declare({
    name: "AZURE_CLIENT_ID",
    description:
      "Client ID of the user-assigned managed identity the app acts as (ARM, storage, Event Grid). Unset locally, where a developer credential or the lab's local credential is used.",
    required: false,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseGuid,
  }),
  eventGridEndpoint: declare({
    name: "STANDBY_EVENTGRID_ENDPOINT",
    description: "Event Grid topic endpoint for alerts out (CloudEvents 1.0), e.g. https://{topic}.{region}-1.eventgrid.azure.net/api/events.",
    required: true,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseServiceUrl,
  }),
  eventGridKey: declare({
    name: "STANDBY_EVENTGRID_KEY",
    description:
      "Access key for the Event Grid topic, locally only. In Azure the topic refuses keys and the app's identity sends with the EventGrid Data Sender role.",
    required: false,
    secret: true,
    readBy: "app",
    infra: "forbidden",
    parse: parseText,
  }),
  storageContainerPrefix: declare({
    name: "STANDBY_STORAGE_CONTAINER_PREFIX",
    description:
      "Prefix of the blob containers Standby keeps plans, operations and reports in ({prefix}-plans, …); lets several instances or test runs share one account.",
    defaultValue: "standby",
    required: false,
    secret: false,
    readBy: "app",
    infra: "optional",
    parse: parseContainerPrefix,
  }),
  healthSweepSchedule: declare({
    name: "STANDBY_HEALTH_SWEEP_SCHEDULE",
    description: "NCRONTAB schedule of the replication health sweep (six fields, UTC).",
    defaultValue: "0 */1 * * * *",
    required: false,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseSchedule,
  }),
  drillSchedulerSchedule: declare({
    name: "STANDBY_DRILL_SCHEDULER_SCHEDULE",
    description:
      "NCRONTAB schedule of the drill scheduler, which starts the drills whose plan schedule is due; its period bounds how late a drill can start.",
    defaultValue: "0 */1 * * * *",
    required: false,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseSchedule,
  }),
  allowedHosts: declare({
    name: "STANDBY_ALLOWED_HOSTS",
    description:
      'Comma-separated hosts (names or IP addresses) that plan webhooks and probes may call; "*.example.com" allows subdomains. Link-local, metadata and platform addresses are refused. Empty: no webhook or probe may run.',
    defaultValue: "",
    required: false,
    secret: false,
    readBy: "app",
    infra: "required",
    parse: parseHostList,
  }),
  allowLoopbackTargets: declare({
    name: "STANDBY_ALLOW_LOOPBACK_TARGETS",
    description:
      "Lab only: lets webhooks and probes reach loopback addresses. Refused unless STANDBY_ARM_ENDPOINT is itself a loopback URL, so it cannot be turned on against real Azure.",
    defaultValue: "false",
    required: false,
    secret: false,
    readBy: "app",
    infra: "forbidden",
    parse: parseBoolean,
  }),
  appServiceAuthentication: declare({
    name: "WEBSITE_AUTH_ENABLED",
    description:
      "True while App Service authentication is on. Only then does App Service own the x-ms-client-principal-* request headers (it removes any a client sends), so only then is the signed-in principal recorded as who started, approved or canceled an operation; otherwise the caller is recorded as \"function key\". The local host sets it too: True with --app-service-auth, else False.",
    defaultValue: "false",
    required: false,
    secret: false,
    readBy: "app",
    infra: "platform",
    parse: parseBoolean,
  }),
  maxParallelItems: declare({
    name: "STANDBY_MAX_PARALLEL_ITEMS",
    description:
      "How many protected items of one group are acted on at once (1 to 100, ASR's plan limit); bounds the ARM write rate of one operation.",
    defaultValue: "10",
    required: false,
    secret: false,
    readBy: "app",
    infra: "optional",
    parse: integerParser(1, 100),
  }),
  appInsightsConnectionString: declare({
    name: "APPLICATIONINSIGHTS_CONNECTION_STRING",
    description: "Where the Functions host sends telemetry. Not a credential: ingestion requires Entra authentication (next setting).",
    required: false,
    secret: false,
    readBy: "host",
    infra: "required",
    parse: parseAppInsightsConnectionString,
  }),
  appInsightsAuthentication: declare({
    name: "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    description:
      "Authorization=AAD;ClientId={identity client id}: the host authenticates telemetry with the managed identity, so Application Insights can refuse local (key) ingestion.",
    required: false,
    secret: false,
    readBy: "host",
    infra: "required",
    parse: parseAppInsightsAuthentication,
  }),
} as const;

export type SettingKey = keyof typeof settings;

/** Every declared setting, in declaration order. */
export const allSettings: readonly SettingSpec<unknown>[] = Object.values(settings);
