// A person signed in with Entra ID calls with the function key (which opens every route in Azure) and a token (which
// App Service authentication turns into the caller's name): the client must send both on every request.
import { AzureKeyCredential, StandbyClient, type TokenCredential } from "@standby/client";
import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import { FakeStandbyServer } from "./fake-standby-server";
import { caught, problem } from "./fixtures";

const server = new FakeStandbyServer();
let endpoint: string;

beforeAll(async () => {
  endpoint = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.reset();
  server.on("GET", "/api/v1/health", { status: 200, body: { asOf: null, plans: [] } });
});

/** A credential that hands out numbered tokens and remembers the scopes it was asked for. */
function countingCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    getToken: async (scope) => {
      scopes.push(...[scope].flat());
      return { token: `token-${scopes.length}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** A transport that records what would be sent and answers like an empty estate, for URLs no test server serves. */
function recordingHttpClient(sent: PipelineRequest[]): HttpClient {
  return {
    sendRequest: async (request) => {
      sent.push(request);
      return { request, status: 200, headers: createHttpHeaders(), bodyAsText: '{"asOf":null,"plans":[]}' };
    },
  };
}

describe("a client with a token and a function key", () => {
  it("sends the key as x-functions-key and the token as a bearer on every request", async () => {
    const credential = countingCredential();
    const client = new StandbyClient(endpoint, credential, { functionKey: new AzureKeyCredential("key-1") });
    await client.getHealth();
    server.on("POST", "/api/v1/operations/op-1/approve", { status: 200, body: {} });
    await client.approveOperation("op-1", { comment: "go" });

    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers["x-functions-key"]).toBe("key-1");
      expect(request.headers.authorization).toMatch(/^Bearer token-\d+$/);
    }
    expect(new Set(credential.scopes)).toEqual(new Set([`${endpoint}/.default`]));
  });

  it("asks the token for the audience given", async () => {
    const credential = countingCredential();
    const client = new StandbyClient(endpoint, credential, {
      functionKey: new AzureKeyCredential("key-1"),
      audience: "api://standby/.default",
    });
    await client.getHealth();
    expect(credential.scopes).toEqual(["api://standby/.default"]);
  });

  it("sends a rotated key from the next request on, with the token still beside it", async () => {
    const functionKey = new AzureKeyCredential("old");
    const client = new StandbyClient(endpoint, countingCredential(), { functionKey });
    await client.getHealth();
    functionKey.update("new");
    await client.getHealth();
    expect(server.requests.map((request) => request.headers["x-functions-key"])).toEqual(["old", "new"]);
    expect(server.requests.every((request) => /^Bearer /.test(request.headers.authorization ?? ""))).toBe(true);
  });

  it("signs each retry of an idempotent request with both again", async () => {
    const answers = [{ status: 503, body: problem(503, "Unavailable") }, { status: 200, body: { asOf: null, plans: [] } }];
    server.on("GET", "/api/v1/health", () => answers.shift() ?? { status: 500 });
    const client = new StandbyClient(endpoint, countingCredential(), {
      functionKey: new AzureKeyCredential("key-1"),
      retryOptions: { maxRetries: 1, retryDelayInMs: 5, maxRetryDelayInMs: 10 },
    });
    await client.getHealth();
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((request) => [request.headers["x-functions-key"], Boolean(request.headers.authorization)])).toEqual([
      ["key-1", true],
      ["key-1", true],
    ]);
  });

  it("over https, keeps the token between requests and sends both headers", async () => {
    const sent: PipelineRequest[] = [];
    const credential = countingCredential();
    const client = new StandbyClient("https://standby.example", credential, {
      functionKey: new AzureKeyCredential("key-1"),
      httpClient: recordingHttpClient(sent),
    });
    await client.getHealth();
    await client.getHealth();
    expect(sent.map((request) => [request.headers.get("x-functions-key"), request.headers.get("authorization")])).toEqual([
      ["key-1", "Bearer token-1"],
      ["key-1", "Bearer token-1"],
    ]);
    expect(credential.scopes).toEqual(["https://standby.example/.default"]);
  });

  it("never sends a token over plain http to a host that is not loopback, even when told to allow insecure connections", async () => {
    const sent: PipelineRequest[] = [];
    const credential = countingCredential();
    const client = new StandbyClient("http://standby.example", credential, {
      functionKey: new AzureKeyCredential("key-1"),
      allowInsecureConnection: true,
      httpClient: recordingHttpClient(sent),
      retryOptions: { maxRetries: 0 },
    });
    const error = await caught(client.getHealth());
    expect((error as Error).message).toMatch(/non-TLS|https/);
    expect(sent).toHaveLength(0);
    expect(credential.scopes).toHaveLength(0);
  });
});

describe("credential arguments", () => {
  it("a key-only client keeps sending the key alone", async () => {
    const client = new StandbyClient(endpoint, new AzureKeyCredential("key-only"));
    await client.getHealth();
    expect(server.requests[0]?.headers["x-functions-key"]).toBe("key-only");
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("refuses a second key, a functionKey that is not a key, and a credential that is neither", () => {
    expect(() => new StandbyClient(endpoint, new AzureKeyCredential("a"), { functionKey: new AzureKeyCredential("b") })).toThrow(
      /functionKey goes with a TokenCredential/,
    );
    expect(
      () => new StandbyClient(endpoint, countingCredential(), { functionKey: "raw-key" as unknown as AzureKeyCredential }),
    ).toThrow(TypeError);
    expect(() => new StandbyClient(endpoint, {} as unknown as AzureKeyCredential)).toThrow(/KeyCredential .* or a TokenCredential/);
    expect(server.requests).toHaveLength(0);
  });
});
