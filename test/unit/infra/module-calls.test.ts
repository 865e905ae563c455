import { checkModuleCalls } from "./infra-checks";
import { bicepFiles } from "./infra-files";

const files = bicepFiles();

describe("module calls, as the Bicep compiler would check them", () => {
  it("pass only declared parameters, every required one, and read only declared outputs; nothing unused", () => {
    expect(checkModuleCalls(files)).toEqual([]);
  });

  it("fails on a misspelled parameter, which would otherwise surface only at deployment", () => {
    const main = (files["main.bicep"] as string).replace("    taskHubName: taskHubName\n", "    taskHub: taskHubName\n");
    expect(checkModuleCalls({ ...files, "main.bicep": main })).toEqual([
      "main.bicep: module functionApp passes taskHub, which modules/function-app.bicep does not declare",
      "main.bicep: module functionApp does not pass taskHubName, which modules/function-app.bicep requires",
    ]);
  });

  it("fails on an output the module does not declare", () => {
    const main = (files["main.bicep"] as string).replace("alertsTopic.outputs.endpoint", "alertsTopic.outputs.topicEndpoint");
    expect(checkModuleCalls({ ...files, "main.bicep": main })).toEqual(["main.bicep: alertsTopic.outputs.topicEndpoint is not an output of that module"]);
  });

  it("fails on a parameter a module never uses", () => {
    const identity = (files["modules/identity.bicep"] as string).replace("  tags: tags\n", "");
    expect(checkModuleCalls({ ...files, "modules/identity.bicep": identity })).toEqual(["modules/identity.bicep: param tags is never used"]);
  });

  it("fails on a module file that does not exist", () => {
    const main = (files["main.bicep"] as string).replace("'modules/identity.bicep'", "'modules/managed-identity.bicep'");
    expect(checkModuleCalls({ ...files, "main.bicep": main })).toEqual(
      expect.arrayContaining(["main.bicep: module identity uses modules/managed-identity.bicep, which does not exist"]),
    );
  });
});

describe("redeploying is idempotent", () => {
  it("derives every name from stable inputs: no utcNow() or newGuid() anywhere in infra/", () => {
    const offenders = Object.entries(files)
      .filter(([, text]) => /\b(utcNow|newGuid)\s*\(/.test(text))
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });

  it("names each role assignment from its scope, principal and role, so a second deployment finds the same one", () => {
    const modules = Object.entries(files).filter(([file]) => file.startsWith("modules/role-assignments/"));
    expect(modules.length).toBeGreaterThan(0);
    for (const [, text] of modules) expect(text).toMatch(/name: guid\(\w+\.id, principalId, roleDefinitionId\)/);
  });
});
