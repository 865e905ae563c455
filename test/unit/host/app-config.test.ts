import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readAppConfig, substituteSettings } from "../../../local/host/app-config";

describe("reading a Functions app folder", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "app-config-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => {
    mkdirSync(join(folder, name, ".."), { recursive: true });
    writeFileSync(join(folder, name), typeof content === "string" ? content : JSON.stringify(content));
  };

  it("reads main, route prefix and a task hub named by a setting, the environment winning over local settings", () => {
    write("package.json", { main: "dist/index.js" });
    write("dist/index.js", "");
    write("host.json", { extensions: { http: { routePrefix: "/v1/" }, durableTask: { hubName: "%HUB%" } } });
    write("local.settings.json", { Values: { HUB: "fromfile", OTHER: "kept" } });
    const config = readAppConfig(folder, { HUB: "fromenv" });
    expect(config.entryFiles).toEqual([join(folder, "dist/index.js")]);
    expect(config.routePrefix).toBe("v1");
    expect(config.taskHubName).toBe("fromenv");
    expect(config.settings.OTHER).toBe("kept");
    expect(config.storageConnectionSetting).toBe("AzureWebJobsStorage");
  });

  it("defaults to the api prefix and the TestHubName hub without host.json", () => {
    write("package.json", { main: "index.js" });
    write("index.js", "");
    const config = readAppConfig(folder, {});
    expect(config.routePrefix).toBe("api");
    expect(config.taskHubName).toBe("TestHubName");
  });

  it("expands a * pattern in main to the matching files, in order", () => {
    write("package.json", { main: "dist/functions/*.js" });
    write("dist/functions/b.js", "");
    write("dist/functions/a.js", "");
    write("dist/functions/a.js.map", "");
    expect(readAppConfig(folder, {}).entryFiles).toEqual([join(folder, "dist/functions/a.js"), join(folder, "dist/functions/b.js")]);
  });

  it("explains what is missing or wrong", () => {
    expect(() => readAppConfig(folder, {})).toThrow(/cannot read the app's package.json/);
    write("package.json", {});
    expect(() => readAppConfig(folder, {})).toThrow(/has no "main"/);
    write("package.json", { main: "dist/index.js" });
    expect(() => readAppConfig(folder, {})).toThrow(/does not exist; build the app first/);
    write("dist/index.js", "");
    write("host.json", { extensions: { durableTask: { hubName: "%MISSING%" } } });
    expect(() => readAppConfig(folder, {})).toThrow(/refers to the app setting MISSING, which is not set/);
    write("host.json", { extensions: { durableTask: { hubName: "no-dashes" } } });
    expect(() => readAppConfig(folder, {})).toThrow(/task hub name "no-dashes" is invalid/);
  });

  it("substitutes every %SETTING% in a value", () => {
    expect(substituteSettings("%A%-%B%", { A: "1", B: "2" }, "x")).toBe("1-2");
  });
});
