import { ConfigError, loadConfig, settings, type StandbyConfig } from "../../../functions/azure/config";

const IDENTITY_CLIENT_ID = "11111111-2222-3333-4444-555555555555";

/** What `azd up` sets on the Function App (see infra/modules/function-app.bicep). */
const azureEnv = (): Record<string, string> => ({
  AzureWebJobsStorage__blobServiceUri: "https://ststandbyabc.blob.core.windows.net/",
  AzureWebJobsStorage__queueServiceUri: "https://ststandbyabc.queue.core.windows.net/",
  AzureWebJobsStorage__tableServiceUri: "https://ststandbyabc.table.core.windows.net/",
  AzureWebJobsStorage__credential: "managedidentity",
  AzureWebJobsStorage__clientId: IDENTITY_CLIENT_ID,
  AZURE_CLIENT_ID: IDENTITY_CLIENT_ID,
  STANDBY_TASK_HUB: "StandbyHub",
  STANDBY_ARM_ENDPOINT: "https://management.azure.com/",
  STANDBY_EVENTGRID_ENDPOINT: "https://evgt-standby.westeurope-1.eventgrid.azure.net/api/events",
  STANDBY_HEALTH_SWEEP_SCHEDULE: "0 */1 * * * *",
  STANDBY_DRILL_SCHEDULER_SCHEDULE: "0 */1 * * * *",
  STANDBY_ALLOWED_HOSTS: "status.contoso.com,*.hooks.contoso.com",
  APPLICATIONINSIGHTS_CONNECTION_STRING: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x",
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${IDENTITY_CLIENT_ID}`,
});

/** What the lab sets: Azurite, the ARM emulator and its Event Grid topic on loopback. */
const labEnv = (): Record<string, string> => ({
  AzureWebJobsStorage: "UseDevelopmentStorage=true",
  STANDBY_TASK_HUB: "StandbyLab",
  STANDBY_ARM_ENDPOINT: "http://127.0.0.1:41234",
  STANDBY_EVENTGRID_ENDPOINT: "http://127.0.0.1:41234/eventgrid/topics/alerts/api/events",
  STANDBY_EVENTGRID_KEY: "lab-topic-key",
  STANDBY_ALLOW_LOOPBACK_TARGETS: "true",
});

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected loadConfig to refuse this environment");
}

describe("loading the configuration", () => {
  it("reads the settings the Azure deployment sets into identity-based storage and managed identity", () => {
    const config = loadConfig(azureEnv());
    expect(config).toEqual<StandbyConfig>({
      storage: {
        kind: "identity",
        blobServiceUri: "https://ststandbyabc.blob.core.windows.net",
        queueServiceUri: "https://ststandbyabc.queue.core.windows.net",
        tableServiceUri: "https://ststandbyabc.table.core.windows.net",
        clientId: IDENTITY_CLIENT_ID,
      },
      taskHub: "StandbyHub",
      armEndpoint: "https://management.azure.com",
      armIsLoopback: false,
      managedIdentityClientId: IDENTITY_CLIENT_ID,
      eventGrid: { endpoint: "https://evgt-standby.westeurope-1.eventgrid.azure.net/api/events" },
      storageContainerPrefix: "standby",
      healthSweepSchedule: "0 */1 * * * *",
      drillSchedulerSchedule: "0 */1 * * * *",
      allowedHosts: ["status.contoso.com", "*.hooks.contoso.com"],
      allowLoopbackTargets: false,
      appServiceAuthentication: false,
      maxParallelItems: 10,
    });
  });

  it("believes the principal headers only when App Service says its authentication is on", () => {
    expect(loadConfig(azureEnv()).appServiceAuthentication).toBe(false);
    expect(loadConfig({ ...azureEnv(), WEBSITE_AUTH_ENABLED: "True" }).appServiceAuthentication).toBe(true);
    expect(loadConfig({ ...azureEnv(), WEBSITE_AUTH_ENABLED: "False" }).appServiceAuthentication).toBe(false);
    expect(loadConfig({ ...labEnv(), WEBSITE_AUTH_ENABLED: "" }).appServiceAuthentication).toBe(false);
    expect(settings.appServiceAuthentication.infra).toBe("platform");
  });

  it("refuses a value of WEBSITE_AUTH_ENABLED that says neither on nor off, naming it", () => {
    expect(problemsOf({ ...azureEnv(), WEBSITE_AUTH_ENABLED: "enabled" })).toEqual(['WEBSITE_AUTH_ENABLED must be true or false (got "enabled")']);
  });

  it("reads the lab's settings: connection string, loopback ARM, a topic key and loopback targets", () => {
    const config = loadConfig(labEnv());
    expect(config.storage).toEqual({ kind: "connectionString", connectionString: "UseDevelopmentStorage=true" });
    expect(config.armEndpoint).toBe("http://127.0.0.1:41234");
    expect(config.armIsLoopback).toBe(true);
    expect(config.eventGrid).toEqual({
      endpoint: "http://127.0.0.1:41234/eventgrid/topics/alerts/api/events",
      key: "lab-topic-key",
    });
    expect(config.allowLoopbackTargets).toBe(true);
    expect(config.allowedHosts).toEqual([]);
  });

  it("applies every declared default when the optional settings are absent", () => {
    const config = loadConfig({
      AzureWebJobsStorage: "UseDevelopmentStorage=true",
      STANDBY_TASK_HUB: "Hub1",
      STANDBY_EVENTGRID_ENDPOINT: "https://topic.example.net/api/events",
    });
    expect(config.armEndpoint).toBe(settings.armEndpoint.defaultValue);
    expect(config.healthSweepSchedule).toBe(settings.healthSweepSchedule.defaultValue);
    expect(config.drillSchedulerSchedule).toBe(settings.drillSchedulerSchedule.defaultValue);
    expect(config.storageContainerPrefix).toBe(settings.storageContainerPrefix.defaultValue);
    expect(config.maxParallelItems).toBe(Number(settings.maxParallelItems.defaultValue));
    expect(config.allowLoopbackTargets).toBe(false);
    expect(config.managedIdentityClientId).toBeUndefined();
  });

  it("treats an empty or blank setting like an absent one", () => {
    const config = loadConfig({ ...labEnv(), STANDBY_MAX_PARALLEL_ITEMS: "  ", STANDBY_ALLOWED_HOSTS: "" });
    expect(config.maxParallelItems).toBe(10);
    expect(config.allowedHosts).toEqual([]);
  });

  it("derives the public-cloud endpoints from an account name", () => {
    const env: Record<string, string | undefined> = {
      ...azureEnv(),
      AzureWebJobsStorage__blobServiceUri: undefined,
      AzureWebJobsStorage__queueServiceUri: undefined,
      AzureWebJobsStorage__tableServiceUri: undefined,
      AzureWebJobsStorage__accountName: "ststandbyabc",
    };
    const config = loadConfig(env);
    expect(config.storage).toEqual({
      kind: "identity",
      blobServiceUri: "https://ststandbyabc.blob.core.windows.net",
      queueServiceUri: "https://ststandbyabc.queue.core.windows.net",
      tableServiceUri: "https://ststandbyabc.table.core.windows.net",
      clientId: IDENTITY_CLIENT_ID,
    });
  });
});

describe("refusing bad configuration", () => {
  it("lists every missing required setting at once, each by name", () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems.some((p) => p.startsWith("STANDBY_TASK_HUB is required"))).toBe(true);
    expect(problems.some((p) => p.startsWith("STANDBY_EVENTGRID_ENDPOINT is required"))).toBe(true);
    expect(problems.some((p) => p.includes("storage is not configured") && p.includes("AzureWebJobsStorage"))).toBe(true);
  });

  it("names each bad value with what was expected, in one error", () => {
    const error = (() => {
      try {
        loadConfig({
          ...labEnv(),
          STANDBY_TASK_HUB: "my-hub",
          STANDBY_MAX_PARALLEL_ITEMS: "0",
          STANDBY_HEALTH_SWEEP_SCHEDULE: "0 */1 * * *  99",
          STANDBY_ALLOWED_HOSTS: "ok.example.com,https://bad.example.com/x,169.254.169.254",
          STANDBY_ALLOW_LOOPBACK_TARGETS: "maybe",
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^STANDBY_TASK_HUB must be 3 to 45 letters and digits.*\(got "my-hub"\)$/),
      expect.stringMatching(/^STANDBY_HEALTH_SWEEP_SCHEDULE must be an NCRONTAB schedule: .*day-of-week/),
      expect.stringMatching(/^STANDBY_ALLOWED_HOSTS must list allowed hosts separated by commas: "https:\/\/bad\.example\.com\/x" is not a host name.*; "169\.254\.169\.254" is a link-local, metadata or platform address/),
      expect.stringMatching(/^STANDBY_ALLOW_LOOPBACK_TARGETS must be true or false \(got "maybe"\)$/),
      expect.stringMatching(/^STANDBY_MAX_PARALLEL_ITEMS must be a whole number from 1 to 100 \(got "0"\)$/),
    ]);
    expect((error as ConfigError).message).toContain("5 app setting problems");
  });

  it("never repeats a secret's value in its error", () => {
    const secret = "AccountKey-only-secret-value-that-must-not-leak";
    const problems = problemsOf({ ...labEnv(), AzureWebJobsStorage: secret });
    expect(problems).toEqual([expect.stringMatching(/^AzureWebJobsStorage must be a storage connection string/)]);
    expect(problems.join("\n")).not.toContain(secret);
  });

  it("refuses storage configured both by connection string and by identity", () => {
    const problems = problemsOf({ ...azureEnv(), AzureWebJobsStorage: "UseDevelopmentStorage=true" });
    expect(problems).toEqual([expect.stringContaining("configure storage either by connection string or by identity")]);
  });

  it("refuses identity-based storage with an endpoint missing", () => {
    const env: Record<string, string | undefined> = { ...azureEnv(), AzureWebJobsStorage__tableServiceUri: undefined };
    expect(problemsOf(env)).toEqual([expect.stringContaining("needs AzureWebJobsStorage__tableServiceUri")]);
  });

  it("refuses plain http to anything but a loopback address", () => {
    const problems = problemsOf({ ...labEnv(), STANDBY_ALLOW_LOOPBACK_TARGETS: "false", STANDBY_ARM_ENDPOINT: "http://management.azure.com" });
    expect(problems).toEqual([expect.stringMatching(/^STANDBY_ARM_ENDPOINT must use https/)]);
  });

  it("refuses loopback targets unless ARM itself is the local emulator", () => {
    const problems = problemsOf({ ...azureEnv(), STANDBY_ALLOW_LOOPBACK_TARGETS: "true" });
    expect(problems).toEqual([expect.stringMatching(/^STANDBY_ALLOW_LOOPBACK_TARGETS: true is allowed only in the lab/)]);
  });

  it("accepts in STANDBY_ALLOWED_HOSTS exactly what plans accept in their own allow-lists", () => {
    const config = loadConfig({ ...labEnv(), STANDBY_ALLOWED_HOSTS: "Status.Contoso.com, *.hooks.contoso.com,10.1.2.3,localhost" });
    expect(config.allowedHosts).toEqual(["status.contoso.com", "*.hooks.contoso.com", "10.1.2.3", "localhost"]);
    expect(problemsOf({ ...labEnv(), STANDBY_ALLOWED_HOSTS: "metadata.azure.internal" })).toEqual([
      expect.stringContaining("is a link-local, metadata or platform address and can never be allowed"),
    ]);
  });

  it("refuses an identity client id that is not a GUID", () => {
    const problems = problemsOf({ ...azureEnv(), AZURE_CLIENT_ID: "my-identity" });
    expect(problems).toEqual([expect.stringMatching(/^AZURE_CLIENT_ID must be a GUID/)]);
  });

  it("leaves the environment it reads untouched", () => {
    const env = Object.freeze(labEnv());
    expect(() => loadConfig(env)).not.toThrow();
    expect(env).toEqual(labEnv());
  });
});
