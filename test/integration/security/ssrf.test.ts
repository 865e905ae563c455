// Server-side request forgery through plan webhooks and probes, against the real app in the local host configured as
// in production: no loopback targets, one allow-listed host. A plan naming a forbidden target is refused when it is
// stored (400 with a pointer per URL, nothing written). A plan that reaches storage some other way (written before a
// rule existed, or edited in the storage account) is refused again by the activity at call time: the webhook sends
// nothing, the operation fails at that step and no item is failed over.
import { BlobServiceClient } from "@azure/storage-blob";
import type { Operation } from "@standby/client/contract";
import { api, shopPlan } from "../../support/api-client";
import { startLab, type Lab } from "../../support/lab";
import { storedBlobs } from "../../support/stored-blobs";

const ALLOWED_HOST = "hooks.example.com";
const METADATA_TOKEN_URL = "https://169.254.169.254/metadata/identity/oauth2/token?resource=https://management.azure.com/";

let lab: Lab;
let plan: Record<string, unknown>;

beforeAll(async () => {
  lab = await startLab({ estate: "shop", settings: { STANDBY_ALLOW_LOOPBACK_TARGETS: "false", STANDBY_ALLOWED_HOSTS: ALLOWED_HOST } });
  plan = { ...(await shopPlan(lab)), allowedHosts: [ALLOWED_HOST] };
});

afterAll(async () => {
  await lab?.stop();
});

type Groups = { before?: unknown[]; after?: unknown[] }[];

describe("at validation", () => {
  it("refuses every forbidden webhook and probe target with its pointer, and stores nothing", async () => {
    const before = await storedBlobs(lab);
    const hostile = structuredClone(plan);
    const groups = hostile.groups as Groups;
    groups[0]!.before = [
      { type: "webhook", url: METADATA_TOKEN_URL },
      { type: "webhook", url: "https://[::ffff:a9fe:a9fe]/metadata/instance" },
      { type: "webhook", url: "https://168.63.129.16/machine?comp=goalstate" },
    ];
    groups[1]!.after = [
      { type: "probe", url: "https://metadata.azure.internal/" },
      { type: "probe", url: "http://127.0.0.1:80/" },
      { type: "probe", url: "https://localhost/admin" },
    ];
    groups[2]!.after = [{ type: "probe", url: "https://2852039166/" }];
    const answer = await api<{ errors: { pointer: string }[] }>(lab, "PUT", "/plans/shop", { json: hostile });
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain("application/problem+json");
    expect(answer.body.errors.map((error) => error.pointer).sort()).toEqual(
      [
        "/groups/0/before/0/url",
        "/groups/0/before/1/url",
        "/groups/0/before/2/url",
        "/groups/1/after/0/url",
        "/groups/1/after/1/url",
        "/groups/1/after/2/url",
        "/groups/2/after/0/url",
      ].sort(),
    );
    expect(await storedBlobs(lab)).toEqual(before);
  });

  it("refuses a metadata address in the plan's allowedHosts", async () => {
    const answer = await api<{ errors: { pointer: string }[] }>(lab, "PUT", "/plans/shop", { json: { ...plan, allowedHosts: [ALLOWED_HOST, "169.254.169.254"] } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((error) => error.pointer)).toContain("/allowedHosts/1");
  });
});

describe("at call time", () => {
  it("fails the webhook step of a plan edited in storage to call the metadata service, before any item moves", async () => {
    const stored = structuredClone(plan);
    (stored.groups as Groups)[0]!.before = [{ type: "webhook", url: `https://${ALLOWED_HOST}/standby` }];
    expect((await api(lab, "PUT", "/plans/shop", { json: stored })).status).toBe(201);

    // The attacker holds storage, not the API: the plan is rewritten in place, past validation.
    const blobName = (await storedBlobs(lab)).find((name) => name.endsWith("/shop.json"));
    expect(blobName).toBeDefined();
    const [container, ...rest] = blobName!.split("/");
    const blob = BlobServiceClient.fromConnectionString(lab.storage.connectionString).getContainerClient(container!).getBlockBlobClient(rest.join("/"));
    const text = (await blob.downloadToBuffer()).toString();
    expect(text).toContain(`https://${ALLOWED_HOST}/standby`);
    const tampered = text.replace(`https://${ALLOWED_HOST}/standby`, METADATA_TOKEN_URL.replace(/\//g, "\\/"));
    await blob.upload(tampered, Buffer.byteLength(tampered), { blobHTTPHeaders: { blobContentType: "application/json" } });
    expect((await api<{ groups: Groups }>(lab, "GET", "/plans/shop")).body.groups[0]!.before).toEqual([{ type: "webhook", url: METADATA_TOKEN_URL }]);

    await lab.control("DELETE", "/_emulator/requests");
    const started = await api<Operation>(lab, "POST", "/plans/shop/failover", { json: { mode: "planned", reason: "ssrf test" } });
    expect(started.status).toBe(202);
    let operation = started.body;
    for (let minute = 0; minute < 30 && operation.status === "running"; minute++) {
      await lab.advance(60_000, { stepMs: 15_000 });
      operation = (await api<Operation>(lab, "GET", `/operations/${started.body.id}`)).body;
    }
    expect(operation.status).toBe("failed");
    expect(operation.error).toMatchObject({ code: "WebhookFailed", message: expect.stringMatching(/^refused .*169\.254\.169\.254/) });
    const actions = (await lab.emulatorRequests()).filter((request) => request.method !== "GET");
    expect(actions.filter((request) => /failover/i.test(request.path))).toEqual([]);
  });
});
