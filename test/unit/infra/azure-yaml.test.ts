import { existsSync } from "node:fs";
import { join } from "node:path";
import { checkAzureYaml } from "./infra-checks";
import { ROOT, readRepoFile } from "./infra-files";

describe("azure.yaml deploys the app that infra/ provisions", () => {
  const yaml = readRepoFile("azure.yaml");
  const main = readRepoFile("infra/main.bicep");
  const stage = existsSync(join(ROOT, "infra/scripts/stage-function-app.mjs")) ? readRepoFile("infra/scripts/stage-function-app.mjs") : undefined;

  it("names the tagged Function App, deploys the staged package and stages it before packaging", () => {
    expect(checkAzureYaml(yaml, main, stage)).toEqual([]);
  });

  it("fails when the service name and the Function App tag disagree", () => {
    const mutated = yaml.replace("\n  standby:\n", "\n  api:\n");
    expect(checkAzureYaml(mutated, main, stage)).toEqual(['azure.yaml deploys service "api" but the Function App is tagged azd-service-name "standby"']);
  });

  it("fails when the package would be built remotely or come from elsewhere", () => {
    const mutated = yaml.replace("remoteBuild: false", "remoteBuild: true").replace("project: ./dist/azure-package", "project: .");
    expect(checkAzureYaml(mutated, main, stage)).toEqual([
      "azure.yaml: the service must deploy ./dist/azure-package, the staged package",
      "azure.yaml: remoteBuild must be false: the staged package is already built",
    ]);
  });

  it("fails when the staging script is missing", () => {
    expect(checkAzureYaml(yaml, main, undefined)).toEqual(["infra/scripts/stage-function-app.mjs does not exist"]);
  });

  it("fails when azd deploy would ship a stale package", () => {
    const withoutPredeploy = yaml.replace(/\n {2}predeploy:\n(?: {4}.*\n)+/, "\n");
    expect(withoutPredeploy).not.toBe(yaml);
    expect(checkAzureYaml(withoutPredeploy, main, stage)).toEqual(["azure.yaml: the predeploy hook must run node infra/scripts/stage-function-app.mjs"]);
  });
});
