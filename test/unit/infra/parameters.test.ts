import { checkParameterDescriptions, checkParametersFile, substituteAzdEnvironment } from "./infra-checks";
import { bicepFiles, readRepoFile } from "./infra-files";

const files = bicepFiles();

describe("Bicep parameters are described the Azure Verified Modules way", () => {
  it("describes every parameter and exported type property as Required. or Optional., matching its declaration", () => {
    const problems = Object.entries(files).flatMap(([file, text]) => checkParameterDescriptions(file, text));
    expect(problems).toEqual([]);
  });

  it("checks every Bicep file, including each module", () => {
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "main.bicep",
        "types.bicep",
        "modules/function-app.bicep",
        "modules/storage.bicep",
        "modules/role-assignments/recovery-vault.bicep",
      ]),
    );
  });

  it("fails when a parameter loses its description", () => {
    const main = files["main.bicep"] as string;
    const mutated = main.replace("@description('Optional. Name of the app\\'s Event Grid-triggered function that takes alerts in.')\n", "");
    expect(mutated).not.toBe(main);
    expect(checkParameterDescriptions("main.bicep", mutated)).toEqual(["main.bicep: param alertIntakeFunctionName has no @description"]);
  });

  it("fails when a description does not say Required. or Optional.", () => {
    const mutated = (files["modules/identity.bicep"] as string).replace("'Required. Name of the identity.'", "'Name of the identity.'");
    expect(checkParameterDescriptions("modules/identity.bicep", mutated)).toEqual([
      'modules/identity.bicep: param name: the description must start with "Required. " or "Optional. "',
    ]);
  });

  it("fails when Required. or Optional. contradicts the declaration", () => {
    const identity = files["modules/identity.bicep"] as string;
    const mutated = identity.replace("'Optional. Tags of the identity.'", "'Required. Tags of the identity.'");
    expect(checkParameterDescriptions("modules/identity.bicep", mutated)).toEqual([
      "modules/identity.bicep: param tags has a default or is nullable, so it is Optional, not Required",
    ]);
    const types = (files["types.bicep"] as string).replace("'Required. Name of the resource.'", "'Optional. Name of the resource.'");
    expect(checkParameterDescriptions("types.bicep", types)).toEqual([
      "types.bicep: resourceReferenceType.name has no default, so it is Required, not Optional",
    ]);
  });
});

describe("main.parameters.json, as azd reads it", () => {
  const parameters = readRepoFile("infra/main.parameters.json");
  const main = files["main.bicep"] as string;

  it("gives every required parameter and only declared ones", () => {
    expect(checkParametersFile(parameters, main)).toEqual([]);
  });

  it("becomes valid JSON with the vaults taken from the azd environment", () => {
    const vaults = '[{"resourceGroupName":"rg-dr","name":"rsv-dr"}]';
    const parsed = JSON.parse(substituteAzdEnvironment(parameters, { STANDBY_RECOVERY_VAULTS: vaults, AZURE_ENV_NAME: "prod" })) as {
      parameters: Record<string, { value: unknown }>;
    };
    expect(parsed.parameters.recoveryVaults?.value).toEqual([{ resourceGroupName: "rg-dr", name: "rsv-dr" }]);
    expect(parsed.parameters.environmentName?.value).toBe("prod");
    expect(parsed.parameters.subscribeAlertIntake?.value).toBe("false");
  });

  it("fails when a required parameter is dropped or an unknown one is added", () => {
    const dropped = parameters.replace(/\n\s*"recoveryVaults": \{\s*"value": [^\n]*\n\s*\},/, "");
    expect(dropped).not.toBe(parameters);
    expect(checkParametersFile(dropped, main)).toEqual(["main.bicep requires recoveryVaults, but main.parameters.json does not give it"]);
    const unknown = parameters.replace('"parameters": {', '"parameters": {\n    "vaults": { "value": [] },');
    expect(checkParametersFile(unknown, main)).toEqual(["main.parameters.json sets vaults, which main.bicep does not declare"]);
  });
});

describe("docs/deploy.md explains every azd environment value the parameters file reads", () => {
  it("names each ${VARIABLE} of main.parameters.json", () => {
    const parameters = readRepoFile("infra/main.parameters.json");
    const deployDoc = readRepoFile("docs/deploy.md");
    const variables = [...parameters.matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1] as string);
    expect(variables.length).toBeGreaterThan(0);
    expect(variables.filter((name) => !deployDoc.includes(`\`${name}\``))).toEqual([]);
  });
});
