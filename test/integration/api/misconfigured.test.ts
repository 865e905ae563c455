// A host started with a bad app setting still serves: every API call answers a 500 problem (the log names the
// setting, the caller is not shown settings), and nothing is stored.
import { api } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { storedBlobs } from "../../support/stored-blobs";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_MAX_PARALLEL_ITEMS: "many" } });
});

afterAll(async () => {
  await lab?.stop();
});

it("answers 500 problem+json naming no setting value, and logs the setting", async () => {
  const answer = await api<{ type: string; detail: string }>(lab, "GET", "/plans");
  expect(answer.status).toBe(500);
  expect(answer.contentType).toContain("application/problem+json");
  expect(answer.body.type).toMatch(/ServiceMisconfigured$/);
  expect(answer.body.detail).not.toContain("many");
  expect(lab.hostOutput()).toContain("STANDBY_MAX_PARALLEL_ITEMS");
  expect(await storedBlobs(lab)).toEqual([]);
});
