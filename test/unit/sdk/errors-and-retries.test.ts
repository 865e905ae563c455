import { AzureKeyCredential, StandbyClient, getProblemDetails, isRestError } from "@standby/client";
import { createHttpHeaders, type HttpClient, type PipelineRequest } from "@azure/core-rest-pipeline";
import { FakeStandbyServer } from "./fake-standby-server";
import { caught, operation, problem, shopPlan } from "./fixtures";

const server = new FakeStandbyServer();
let endpoint: string;
let client: StandbyClient;

beforeAll(async () => {
  endpoint = await server.start();
  client = new StandbyClient(endpoint, new AzureKeyCredential("key"), {
    retryOptions: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
  });
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

describe("errors", () => {
  it("a 409 on a busy plan is a RestError naming the running operation", async () => {
    server.on("POST", "/api/v1/plans/shop/failover", {
      status: 409,
      body: problem(409, "Plan is busy", { detail: "Plan shop is running operation op-3.", operationId: "op-3" }),
    });
    const error = await caught(client.beginFailover("shop", { mode: "planned", reason: "x" }));
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 409, code: "Conflict", message: "Plan shop is running operation op-3." });
    expect(getProblemDetails(error)?.operationId).toBe("op-3");
  });

  it("a 401 is a RestError with the status", async () => {
    server.on("GET", "/api/v1/health", { status: 401, body: problem(401, "Unauthorized") });
    const error = await caught(client.getHealth());
    expect(error).toMatchObject({ name: "RestError", statusCode: 401, code: "Unauthorized", message: "Unauthorized" });
  });

  it("validation errors carry every JSON pointer, and a problem type names the code", async () => {
    server.on("PUT", "/api/v1/plans/shop", {
      status: 400,
      body: problem(400, "Invalid plan", {
        type: "https://standby.example/problems/invalid-plan",
        errors: [
          { pointer: "/groups/0/items/1", message: "unknown item" },
          { pointer: "/objectives/rpoSeconds", message: "must be positive" },
        ],
      }),
    });
    const error = await caught(client.createOrUpdatePlan(shopPlan));
    expect(error).toMatchObject({ statusCode: 400, code: "invalid-plan" });
    expect(getProblemDetails(error)?.errors?.map((entry) => entry.pointer)).toEqual(["/groups/0/items/1", "/objectives/rpoSeconds"]);
  });

  it("a problem whose detail and field messages are not strings gives strings: the title with the detail as JSON", async () => {
    const sent = problem(400, "Invalid plan", {
      detail: { reason: "schema" },
      errors: [{ pointer: "/name", message: ["too", "long"] }, "not an entry"],
      operationId: 7,
      retryable: false,
    });
    server.on("PUT", "/api/v1/plans/shop", { status: 400, body: sent });
    const error = await caught(client.createOrUpdatePlan(shopPlan));
    expect(error).toMatchObject({ statusCode: 400, code: "InvalidRequest", message: 'Invalid plan: {"reason":"schema"}' });
    expect(getProblemDetails(error)).toEqual({
      type: "about:blank",
      title: "Invalid plan",
      status: 400,
      detail: '{"reason":"schema"}',
      errors: [
        { pointer: "/name", message: '["too","long"]' },
        { pointer: "", message: "not an entry" },
      ],
      retryable: false,
    });
    // The body as the service sent it stays in `details`.
    expect((error as { details: unknown }).details).toEqual(sent);
  });

  it("an error answer that is not a problem still fails with its status", async () => {
    server.on("GET", "/api/v1/plans/shop", { status: 502, headers: { "content-type": "text/plain" }, body: "bad gateway" });
    const noRetry = new StandbyClient(endpoint, new AzureKeyCredential("key"), { retryOptions: { maxRetries: 0 } });
    const error = await caught(noRetry.getPlan("shop"));
    expect(error).toMatchObject({ statusCode: 502, code: "BadGateway" });
    expect(getProblemDetails(error)).toBeUndefined();
  });
});

describe("retries", () => {
  it("a POST that starts an operation is sent once on 503, never retried", async () => {
    server.on("POST", "/api/v1/plans/shop/failover", { status: 503, body: problem(503, "Unavailable") });
    const error = await caught(client.beginFailover("shop", { mode: "planned", reason: "x" }));
    expect(error).toMatchObject({ statusCode: 503 });
    expect(server.requestsTo("POST", "/api/v1/plans/shop/failover")).toHaveLength(1);
  });

  it("a POST is not retried on 429 either", async () => {
    server.on("POST", "/api/v1/operations/op-1/approve", { status: 429, headers: { "retry-after": "0" }, body: problem(429, "Slow down") });
    await caught(client.approveOperation("op-1"));
    expect(server.requestsTo("POST", "/api/v1/operations/op-1/approve")).toHaveLength(1);
  });

  it("a GET is retried on 503 and 429 until it succeeds", async () => {
    const answers = [
      { status: 503, body: problem(503, "Unavailable") },
      { status: 429, headers: { "retry-after": "0" }, body: problem(429, "Slow down") },
      { status: 200, body: operation("op-1", "running", []) },
    ];
    server.on("GET", "/api/v1/operations/op-1", () => answers.shift() ?? { status: 500 });
    const result = await client.getOperation("op-1");
    expect(result.id).toBe("op-1");
    expect(server.requestsTo("GET", "/api/v1/operations/op-1")).toHaveLength(3);
  });

  it("signs every attempt: a per-retry policy and the key see each retry of a GET", async () => {
    const attempts: (string | undefined)[] = [];
    const counting = new StandbyClient(endpoint, new AzureKeyCredential("key"), {
      retryOptions: { maxRetries: 3, retryDelayInMs: 5, maxRetryDelayInMs: 20 },
      additionalPolicies: [
        {
          position: "perRetry",
          policy: { name: "recordAttempt", sendRequest: (request, next) => (attempts.push(request.headers.get("x-functions-key")), next(request)) },
        },
      ],
    });
    const answers = [{ status: 503, body: problem(503, "Unavailable") }, { status: 200, body: { asOf: null, plans: [] } }];
    server.on("GET", "/api/v1/health", () => answers.shift() ?? { status: 500 });
    await counting.getHealth();
    expect(attempts).toEqual(["key", "key"]);
  });

  it("a GET gives up after the configured retries", async () => {
    server.on("GET", "/api/v1/health", { status: 503, body: problem(503, "Unavailable") });
    const error = await caught(client.getHealth());
    expect(error).toMatchObject({ statusCode: 503 });
    expect(server.requestsTo("GET", "/api/v1/health")).toHaveLength(4);
  });
});

describe("credentials", () => {
  it("sends a bearer token from a TokenCredential, asking for the audience's scope", async () => {
    const scopes: string[] = [];
    const credential = {
      getToken: async (scope: string | string[]) => {
        scopes.push(...[scope].flat());
        return { token: "token-abc", expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    // Bearer tokens only go over TLS, so this one test swaps the transport for one that records the request.
    const sent: PipelineRequest[] = [];
    const httpClient: HttpClient = {
      sendRequest: async (request) => {
        sent.push(request);
        return { request, status: 200, headers: createHttpHeaders(), bodyAsText: '{"asOf":null,"plans":[]}' };
      },
    };
    const tokenClient = new StandbyClient("https://standby.example", credential, { httpClient });
    await tokenClient.getHealth();
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer token-abc");
    expect(sent[0]?.headers.has("x-functions-key")).toBe(false);
    expect(scopes).toEqual(["https://standby.example/.default"]);

    const withAudience = new StandbyClient("https://standby.example", credential, { httpClient, audience: "api://standby/.default" });
    await withAudience.getHealth();
    expect(scopes).toEqual(["https://standby.example/.default", "api://standby/.default"]);
  });

  it("reads the key per request so a rotated key is used at once", async () => {
    server.on("GET", "/api/v1/health", { status: 200, body: { asOf: null, plans: [] } });
    const credential = new AzureKeyCredential("old");
    const rotating = new StandbyClient(endpoint, credential);
    await rotating.getHealth();
    credential.update("new");
    await rotating.getHealth();
    expect(server.requests.map((request) => request.headers["x-functions-key"])).toEqual(["old", "new"]);
  });

  it("refuses to send a key over plain http to a host that is not loopback", async () => {
    const remote = new StandbyClient("http://standby.invalid", new AzureKeyCredential("key"), { retryOptions: { maxRetries: 0 } });
    await expect(remote.getHealth()).rejects.toThrow(/allowInsecureConnection/);
  });
});
