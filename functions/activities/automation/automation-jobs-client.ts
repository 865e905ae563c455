// Azure Automation jobs over ARM REST (no Automation SDK is a dependency of the app): GET and PUT of
// `…/automationAccounts/{account}/jobs/{jobName}`, through an Azure core pipeline with retries and, against real
// ARM, a bearer token for the ARM scope.
import type { TokenCredential } from "@azure/core-auth";
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type Pipeline,
} from "@azure/core-rest-pipeline";

export const AUTOMATION_API_VERSION = "2023-11-01";

export interface AutomationJob {
  name: string;
  /** New, Activating, Running, Completed, Failed, Stopped, Suspended, … */
  status: string;
  exception?: string;
}

export interface AutomationJobsApi {
  getJob(accountId: string, jobName: string): Promise<AutomationJob | undefined>;
  createJob(accountId: string, jobName: string, runbookName: string, parameters: Record<string, string>): Promise<AutomationJob>;
}

export interface AutomationJobsClientOptions {
  /** `https://management.azure.com` */
  armEndpoint: string;
  credential: TokenCredential;
  /** False only for the loopback emulator, which checks no token (and the bearer policy refuses plain http). */
  authenticate?: boolean;
}

export function createAutomationJobsClient(options: AutomationJobsClientOptions): AutomationJobsApi {
  const endpoint = options.armEndpoint.replace(/\/+$/, "");
  const pipeline: Pipeline = createPipelineFromOptions({ retryOptions: { maxRetries: 3 } });
  if (options.authenticate !== false) {
    pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: `${endpoint}/.default` }));
  }
  const client = createDefaultHttpClient();

  const send = async (method: "GET" | "PUT", accountId: string, jobName: string, body?: unknown) => {
    const url = `${endpoint}${accountId}/jobs/${encodeURIComponent(jobName)}?api-version=${AUTOMATION_API_VERSION}`;
    const request = createPipelineRequest({
      url,
      method,
      allowInsecureConnection: options.authenticate === false,
      headers: createHttpHeaders(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return pipeline.sendRequest(client, request);
  };

  const toJob = (text: string | null | undefined, jobName: string): AutomationJob => {
    const parsed = JSON.parse(text ?? "{}") as { name?: string; properties?: { status?: string; exception?: string } };
    return {
      name: parsed.name ?? jobName,
      status: parsed.properties?.status ?? "Unknown",
      ...(parsed.properties?.exception ? { exception: parsed.properties.exception } : {}),
    };
  };

  const fail = (status: number, text: string | null | undefined, what: string): never => {
    throw new RestError(`Automation ${what} answered ${status}: ${(text ?? "").slice(0, 500)}`, { statusCode: status });
  };

  return {
    async getJob(accountId, jobName) {
      const response = await send("GET", accountId, jobName);
      if (response.status === 404) return undefined;
      if (response.status !== 200) fail(response.status, response.bodyAsText, "job read");
      return toJob(response.bodyAsText, jobName);
    },
    async createJob(accountId, jobName, runbookName, parameters) {
      const response = await send("PUT", accountId, jobName, { properties: { runbook: { name: runbookName }, parameters } });
      if (response.status !== 200 && response.status !== 201) fail(response.status, response.bodyAsText, "job start");
      return toJob(response.bodyAsText, jobName);
    },
  };
}
