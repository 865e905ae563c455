// A person runs the `standby` command line with the function key and an Entra token against the real app in the lab.
// In Azure, App Service authentication validates the token and writes the caller's name in x-ms-client-principal-name,
// and the Functions host still demands the key. The lab has no token validation, so a small front in this file plays
// App Service: it knows which token belongs to whom, refuses an unknown token, replaces any principal header with the
// one it vouches for, and forwards the rest (the key included) to the lab's host, started with `appServiceAuth`.
// What this proves: the CLI's requests carry both credentials through such a front, the key still gates every route,
// and the app records the person who started and decided an operation, and `function key` for a call without a token.
import { spawn } from "node:child_process";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AzureKeyCredential, StandbyClient, isRestError, type Operation, type Plan } from "@standby/client";
import { REPO_ROOT, startLab, type Lab } from "../support/lab";
import { shopPlan } from "../support/api-client";

const CLI = join(REPO_ROOT, "sdk/dist/commonjs/cli/main.js");
const PEOPLE: Record<string, string> = { "token-of-alice": "alice@contoso.com", "token-of-bob": "bob@contoso.com" };

let lab: Lab;
let client: StandbyClient;
let front: Server;
let frontUrl: string;
let workFolder: string;

/** The request headers App Service would hand on: the principal it validated, never one the caller sent. */
function authenticatedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders | undefined {
  const forwarded = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name !== "host" && !name.startsWith("x-ms-client-principal")),
  );
  const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? "")?.[1];
  if (bearer === undefined) return forwarded;
  const person = PEOPLE[bearer];
  return person === undefined ? undefined : { ...forwarded, "x-ms-client-principal-name": person };
}

async function startAppServiceFront(target: string): Promise<string> {
  front = createServer((request, response) => {
    const headers = authenticatedHeaders(request.headers);
    if (headers === undefined) {
      response.writeHead(401, { "content-type": "text/plain" }).end("invalid token");
      return;
    }
    const upstream = httpRequest(new URL(request.url ?? "/", target), { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on("error", () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function standby(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: workFolder,
    env: { PATH: process.env.PATH ?? "", STANDBY_ENDPOINT: frontUrl, STANDBY_KEY: lab.key, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
  return new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  lab = await startLab({ estate: "shop", appServiceAuth: true });
  client = new StandbyClient(lab.hostUrl, new AzureKeyCredential(lab.key));
  frontUrl = await startAppServiceFront(lab.hostUrl);
  workFolder = mkdtempSync(join(tmpdir(), "standby-cli-signed-in-"));
  const plan = (await shopPlan(lab, "gated")) as Plan;
  const database = plan.groups[0] as Plan["groups"][number];
  // Only the first group, behind a gate: the operation waits for a person before any item moves, and a rejection
  // ends it at once.
  const gate = { type: "approval", prompt: "Fail over the database?", timeoutMinutes: 60, onTimeout: "reject" } as const;
  await client.createOrUpdatePlan({ ...plan, traffic: undefined, groups: [{ ...database, before: [gate] }] });
}, 180_000);

afterAll(async () => {
  front?.closeAllConnections();
  await new Promise((resolve) => (front ? front.close(resolve) : resolve(undefined)));
  await lab?.stop();
  rmSync(workFolder, { recursive: true, force: true });
});

async function waitUntil(id: string, done: (operation: Operation) => boolean): Promise<Operation> {
  let operation = await client.getOperation(id);
  for (let round = 0; round < 60 && !done(operation); round += 1) {
    await lab.advance(60_000);
    operation = await client.getOperation(id);
  }
  return operation;
}

describe("the CLI signed in with an Entra token beside the function key", () => {
  it("needs the key even with a valid token, and stops at a token the front does not accept", async () => {
    const tokenOnly = new StandbyClient(frontUrl, { getToken: async () => ({ token: "token-of-alice", expiresOnTimestamp: Date.now() + 60_000 }) });
    const refused = await tokenOnly.getHealth().catch((error: unknown) => error);
    expect(isRestError(refused) && refused.statusCode).toBe(401);

    const unknownToken = await standby(["plans", "list", "--json", "--token", "token-of-mallory"]);
    expect(unknownToken.code).toBe(5);

    const signedIn = await standby(["plans", "list", "--json", "--token", "token-of-alice"]);
    expect(signedIn.code).toBe(0);
    expect((JSON.parse(signedIn.stdout) as Plan[]).map((plan) => plan.name)).toEqual(["gated"]);
  });

  it("records the person who started a failover and the person who rejected it, by the tokens they sent", async () => {
    const started = await standby(["failover", "gated", "--mode", "planned", "--reason", "signed-in test", "--json", "--token", "token-of-alice"]);
    expect(started.code).toBe(0);
    const { id } = JSON.parse(started.stdout) as Operation;
    expect((await client.getOperation(id)).startedBy).toBe("alice@contoso.com");

    const waiting = await waitUntil(id, (operation) => operation.status !== "running");
    expect(waiting.status).toBe("waitingForApproval");

    const rejected = await standby(["operations", "reject", id, "--comment", "not now", "--json"], { STANDBY_TOKEN: "token-of-bob" });
    expect(rejected.code).toBe(0);
    const decided = await waitUntil(id, (operation) => ["succeeded", "failed", "canceled"].includes(operation.status));
    expect(decided.approvals?.[0]).toMatchObject({ decision: "rejected", by: "bob@contoso.com", comment: "not now" });
  }, 300_000);

  it("records a call with the key alone as the function key, not as a person", async () => {
    const started = await standby(["failover", "gated", "--mode", "planned", "--reason", "key only", "--json"]);
    expect(started.code).toBe(0);
    const { id } = JSON.parse(started.stdout) as Operation;
    expect((await client.getOperation(id)).startedBy).toBe("function key");
    const canceled = await standby(["operations", "cancel", id, "--reason", "done testing", "--json"]);
    expect(canceled.code).toBe(0);
  }, 300_000);
});
