// A plan may name only hosts the app's STANDBY_ALLOWED_HOSTS allows; a wider list in the plan is refused when the
// plan is stored, not discovered when a failover reaches the webhook.
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOW_LOOPBACK_TARGETS: "false", STANDBY_ALLOWED_HOSTS: "hooks.example.com" } });
});

afterAll(async () => {
  await lab?.stop();
});

it("refuses a webhook host that the app's allow-list does not name, even when the plan's does", async () => {
  const plan: Record<string, unknown> = { ...(await shopPlan(lab)), allowedHosts: ["hooks.example.com", "elsewhere.example.net"] };
  (plan.groups as { before?: unknown[] }[])[0]!.before = [{ type: "webhook", url: "https://elsewhere.example.net/hook" }];
  const answer = await api<{ errors: { pointer: string }[] }>(lab, "PUT", "/plans/shop", { json: plan });
  expect(answer.status).toBe(400);
  expect(answer.body.errors.map((error) => error.pointer)).toContain("/groups/0/before/0/url");
});
