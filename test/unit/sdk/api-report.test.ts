import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";

const sdkFolder = join(__dirname, "../../../sdk");
const apiExtractor = join(dirname(require.resolve("@microsoft/api-extractor/package.json")), "bin", "api-extractor");

describe("the public surface of @standby/client", () => {
  it.each([
    ["client.api.md", "api-extractor.json"],
    ["client-contract.api.md", "api-extractor.contract.json"],
  ])("matches the committed review/%s (run `npm run extract-api -w sdk` after an API change)", (_report, config) => {
    const run = spawnSync(process.execPath, [apiExtractor, "run", "--config", config], {
      cwd: sdkFolder,
      encoding: "utf8",
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).not.toMatch(/You have changed the API signature/);
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.stringContaining("completed successfully") });
  });
});
