// Settings App Service sets to describe the site (WEBSITE_AUTH_ENABLED) must never come from infra/: a deployment
// that set one would make the app believe something the platform did not do, such as a principal header that no
// authentication wrote.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allSettings } from "../../../functions/azure/config";
import { checkAppSettings } from "../infra/infra-checks";

const FUNCTION_APP_BICEP = join(__dirname, "..", "..", "..", "infra", "modules", "function-app.bicep");

describe("settings the platform sets", () => {
  const bicep = readFileSync(FUNCTION_APP_BICEP, "utf8");

  it("include App Service's authentication flag", () => {
    expect(allSettings.filter((spec) => spec.infra === "platform").map((spec) => spec.name)).toEqual(["WEBSITE_AUTH_ENABLED"]);
  });

  it("are never set by infra/", () => {
    expect(checkAppSettings(bicep, allSettings)).toEqual([]);
  });

  it("are noticed when infra/ sets one", () => {
    const mutated = bicep.replace("STANDBY_TASK_HUB: taskHubName", "STANDBY_TASK_HUB: taskHubName\n    WEBSITE_AUTH_ENABLED: 'True'");
    expect(mutated).not.toBe(bicep);
    expect(checkAppSettings(mutated, allSettings)).toEqual(["WEBSITE_AUTH_ENABLED is set by App Service itself, but infra/ sets it"]);
  });

  it("have a default, so the app starts where the platform does not set them (locally, with Core Tools)", () => {
    for (const spec of allSettings.filter((candidate) => candidate.infra === "platform")) expect(spec.defaultValue).toBeDefined();
  });
});
