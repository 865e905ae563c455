import { allSettings } from "../../../functions/azure/config";
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
