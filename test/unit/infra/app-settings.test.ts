import { allSettings, ConfigError, loadConfig } from "../../../functions/azure/config";
import { appSettingNames, checkAppSettings } from "./infra-checks";
import { readRepoFile } from "./infra-files";

const FUNCTION_APP = "infra/modules/function-app.bicep";

describe("app settings set by infra/ match the configuration module", () => {
  const bicep = readRepoFile(FUNCTION_APP);

  it("sets every setting declared as required in Azure, and nothing undeclared or forbidden", () => {
    expect(checkAppSettings(bicep, allSettings)).toEqual([]);
  });

  it("reads the app settings the deployment sets", () => {
    const names = appSettingNames(bicep);
    expect(names).toContain("STANDBY_TASK_HUB");
    expect(names).toContain("AzureWebJobsStorage__credential");
    expect(names).not.toContain("AzureWebJobsStorage");
    expect(names.length).toBe(allSettings.filter((spec) => spec.infra === "required").length);
  });

  it("fails when a required setting is removed from the Bicep", () => {
    const mutated = bicep.replace(/\n\s*STANDBY_TASK_HUB: taskHubName/, "");
    expect(mutated).not.toBe(bicep);
    expect(checkAppSettings(mutated, allSettings)).toEqual(["STANDBY_TASK_HUB is required in Azure but infra/ does not set it"]);
  });

  it("fails when a setting is declared as required in Azure but the Bicep lacks it", () => {
    const declared = [
      ...allSettings,
      { ...allSettings[0]!, name: "STANDBY_NEW_SETTING", infra: "required" as const },
    ];
    expect(checkAppSettings(bicep, declared)).toEqual(["STANDBY_NEW_SETTING is required in Azure but infra/ does not set it"]);
  });

  it("fails when a setting the app cannot start without is not one infra/ must set", () => {
    const declared = allSettings.map((spec) => (spec.name === "STANDBY_EVENTGRID_ENDPOINT" ? { ...spec, infra: "optional" as const } : spec));
    expect(checkAppSettings(bicep, declared)).toEqual([
      'STANDBY_EVENTGRID_ENDPOINT is required by the app and has no default, so infra/ must set it (declare it infra: "required")',
    ]);
  });

  it("sets enough for the app to start: loadConfig accepts the deployed settings with values like Azure's", () => {
    const env = Object.fromEntries(appSettingNames(bicep).map((name) => [name, exampleValue(name)]));
    expect(() => loadConfig(env)).not.toThrow();
    const withoutHub = Object.fromEntries(appSettingNames(bicep.replace(/\n\s*STANDBY_TASK_HUB: taskHubName/, "")).map((name) => [name, exampleValue(name)]));
    expect(() => loadConfig(withoutHub)).toThrow(ConfigError);
  });

  it("fails when the Bicep sets a setting the configuration module does not know", () => {
    const mutated = bicep.replace("STANDBY_TASK_HUB: taskHubName", "STANDBY_TASK_HUB: taskHubName\n    STANDBY_TASKHUB: taskHubName");
    expect(checkAppSettings(mutated, allSettings)).toEqual([
      "STANDBY_TASKHUB is set by infra/ but not declared in functions/azure/config-settings.ts",
    ]);
  });

  it("fails when the Bicep sets a local-only secret or lab switch", () => {
    const mutated = bicep.replace(
      "STANDBY_TASK_HUB: taskHubName",
      "STANDBY_TASK_HUB: taskHubName\n    STANDBY_EVENTGRID_KEY: 'abc'\n    STANDBY_ALLOW_LOOPBACK_TARGETS: 'true'",
    );
    expect(checkAppSettings(mutated, allSettings)).toEqual([
      "STANDBY_EVENTGRID_KEY must never be set in Azure, but infra/ sets it",
      "STANDBY_ALLOW_LOOPBACK_TARGETS must never be set in Azure, but infra/ sets it",
    ]);
  });
});

const CLIENT_ID = "11111111-2222-3333-4444-555555555555";

/** What Azure resolves each app setting expression of function-app.bicep to, for a typical deployment. */
function exampleValue(name: string): string {
  const examples: Record<string, string> = {
    AzureWebJobsStorage__blobServiceUri: "https://ststandbyabc.blob.core.windows.net/",
    AzureWebJobsStorage__queueServiceUri: "https://ststandbyabc.queue.core.windows.net/",
    AzureWebJobsStorage__tableServiceUri: "https://ststandbyabc.table.core.windows.net/",
    AzureWebJobsStorage__credential: "managedidentity",
    AzureWebJobsStorage__clientId: CLIENT_ID,
    AZURE_CLIENT_ID: CLIENT_ID,
    APPLICATIONINSIGHTS_CONNECTION_STRING: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: `Authorization=AAD;ClientId=${CLIENT_ID}`,
    STANDBY_TASK_HUB: "StandbyHub",
    STANDBY_ARM_ENDPOINT: "https://management.azure.com/",
    STANDBY_EVENTGRID_ENDPOINT: "https://evgt-standby-abc.westeurope-1.eventgrid.azure.net/api/events",
    STANDBY_HEALTH_SWEEP_SCHEDULE: "0 */1 * * * *",
    STANDBY_DRILL_SCHEDULER_SCHEDULE: "0 */1 * * * *",
    STANDBY_ALLOWED_HOSTS: "",
  };
  const value = examples[name];
  if (value === undefined) throw new Error(`no example value for ${name}: add what Azure resolves it to`);
  return value;
}
