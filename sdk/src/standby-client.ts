import { isKeyCredential, isTokenCredential, type KeyCredential, type TokenCredential } from "@azure/core-auth";
import type { PagedAsyncIterableIterator } from "@azure/core-paging";
import {
  createDefaultHttpClient,
  createPipelineFromOptions,
  type PipelinePolicy,
  type PipelineResponse,
} from "@azure/core-rest-pipeline";
import { SDK_VERSION } from "./constants.js";
import type { Page } from "./contract/list.js";
import type { Plan } from "./contract/plan.js";
import type { PlanImportRequest } from "./contract/plan-import.js";
import type { PlanImportResult } from "./contract/plan-import-result.js";
import type { Readiness } from "./contract/readiness.js";
import type {
  ApprovalDecisionRequest,
  CancelRequest,
  CommitRequest,
  DrillRequest,
  FailbackRequest,
  FailoverRequest,
} from "./contract/operation-requests.js";
import type { Operation } from "./contract/operation.js";
import type { EstateHealth, PlanHealth } from "./contract/health.js";
import type { Drill, DrillSummary } from "./contract/drill.js";
import { API_BASE_PATH } from "./contract/routes.js";
import { entraTokenPolicy } from "./http/entra-token-policy.js";
import { functionKeyPolicy } from "./http/key-credential-policy.js";
import { isLoopback } from "./http/loopback.js";
import { idempotentRetryPolicy } from "./http/idempotent-retry-policy.js";
import { pagedList, type ContinuablePage } from "./http/paging.js";
import { StandbyHttp } from "./http/standby-http.js";
import { OperationPoll, parseSerializedPoller, withOperation } from "./lro/operation-poll.js";
import { StandbyOperationPoller } from "./lro/operation-poller.js";
import { retryAfterInMs } from "./lro/retry-after.js";
import { logger } from "./logger.js";
import type {
  ApproveOperationOptions,
  BeginCommitOptions,
  BeginDrillOptions,
  BeginFailbackOptions,
  BeginFailoverOptions,
  BeginOperationOptions,
  CancelOperationOptions,
  ConditionalRequestOptions,
  CreateOrUpdatePlanOptions,
  DeletePlanOptions,
  GetDrillOptions,
  GetDrillReportHtmlOptions,
  GetHealthOptions,
  GetOperationOptions,
  GetPlanHealthOptions,
  GetPlanOptions,
  ImportPlanOptions,
  ImportPlanResult,
  ListDrillsOptions,
  ListOperationsOptions,
  ListPlansOptions,
  OperationPoller,
  RejectOperationOptions,
  StandbyClientOptions,
  StoredPlan,
  ValidatePlanOptions,
} from "./models.js";

const DEFAULT_UPDATE_INTERVAL_IN_MS = 2000;

function segment(value: string, what: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new TypeError(`${what} must be a non-empty string.`);
  }
  return encodeURIComponent(value);
}

function ifMatch(options: ConditionalRequestOptions, planEtag?: string): Record<string, string | undefined> {
  if (!options.onlyIfUnchanged) {
    return {};
  }
  const etag = options.etag ?? planEtag;
  if (!etag) {
    throw new TypeError("onlyIfUnchanged needs an etag: pass options.etag or a plan read with getPlan.");
  }
  return { "if-match": etag };
}

/** The policies that authenticate each request: the function key, the Entra token, or both. */
function credentialPolicies(
  credential: KeyCredential | TokenCredential,
  options: StandbyClientOptions,
  endpoint: URL,
): PipelinePolicy[] {
  const { functionKey } = options;
  if (functionKey !== undefined && !isKeyCredential(functionKey)) {
    throw new TypeError("options.functionKey must be a KeyCredential, e.g. new AzureKeyCredential(key).");
  }
  if (isTokenCredential(credential)) {
    const token = entraTokenPolicy(credential, options.audience ?? `${endpoint.origin}/.default`);
    return functionKey ? [functionKeyPolicy(functionKey), token] : [token];
  }
  if (!isKeyCredential(credential)) {
    throw new TypeError("credential must be a KeyCredential (the function key) or a TokenCredential.");
  }
  if (functionKey) {
    throw new TypeError("options.functionKey goes with a TokenCredential; the credential given is already a key.");
  }
  return [functionKeyPolicy(credential)];
}

function storedPlan(body: Plan, raw: PipelineResponse): StoredPlan {
  return { ...body, etag: raw.headers.get("etag") ?? "" };
}

/**
 * The client of a Standby service: plans, failover/commit/failback/drill operations, health and drill evidence.
 *
 * ```ts
 * const client = new StandbyClient("http://127.0.0.1:7071", new AzureKeyCredential(key));
 * const poller = await client.beginDrill("shop", { reason: "quarterly drill" });
 * const drill = await poller.pollUntilDone();
 * ```
 *
 * In Azure every route needs the function key. A person signed in with Entra ID sends a token as well, so that the
 * service (behind App Service authentication) records who started or approved an operation:
 *
 * ```ts
 * const signedIn = new StandbyClient(endpoint, new DefaultAzureCredential(), {
 *   functionKey: new AzureKeyCredential(key),
 *   audience: "api://standby/.default",
 * });
 * ```
 */
export class StandbyClient {
  /** The service's base URL, as given. */
  readonly endpoint: string;
  private readonly http: StandbyHttp;

  /**
   * @param endpoint - Base URL of the Functions app, e.g. `https://contoso-standby.azurewebsites.net`.
   * @param credential - The function key (`AzureKeyCredential`, sent as `x-functions-key`), or an Entra
   * `TokenCredential` (sent as `Authorization: Bearer`) with the function key in `options.functionKey`. In Azure the
   * key is always needed; the token adds who the caller is.
   */
  constructor(endpoint: string, credential: KeyCredential | TokenCredential, options: StandbyClientOptions = {}) {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      throw new TypeError(`endpoint must be an absolute http(s) URL; got ${JSON.stringify(endpoint)}.`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new TypeError(`endpoint must be an http(s) URL; got ${JSON.stringify(endpoint)}.`);
    }
    this.endpoint = endpoint;
    const userAgentPrefix = options.userAgentOptions?.userAgentPrefix;
    const pipeline = createPipelineFromOptions({
      ...options,
      userAgentOptions: {
        userAgentPrefix: [userAgentPrefix, `azsdk-js-standby-client/${SDK_VERSION}`].filter(Boolean).join(" "),
      },
      loggingOptions: {
        logger: logger.info,
        additionalAllowedHeaderNames: ["etag", "location", "retry-after", "retry-after-ms"],
      },
    });
    // Azure's default retry would also resend POSTs; replace it with one that resends only idempotent requests.
    pipeline.removePolicy({ name: "defaultRetryPolicy" });
    pipeline.addPolicy(idempotentRetryPolicy(options.retryOptions), { phase: "Retry" });
    // Credentials sign each attempt (the Sign phase runs after Retry), so a retry after a token expired gets a new one.
    for (const policy of credentialPolicies(credential, options, url)) {
      pipeline.addPolicy(policy, { phase: "Sign" });
    }
    for (const { policy, position } of options.additionalPolicies ?? []) {
      pipeline.addPolicy(policy, { afterPhase: position === "perRetry" ? "Sign" : undefined });
    }
    this.http = new StandbyHttp(
      url,
      pipeline,
      options.httpClient ?? createDefaultHttpClient(),
      options.allowInsecureConnection ?? isLoopback(url),
    );
  }

  /** Lists the plans, one page at a time under the hood. */
  listPlans(options: ListPlansOptions = {}): PagedAsyncIterableIterator<Plan, ContinuablePage<Plan>> {
    return this.list<Plan>(`${API_BASE_PATH}/plans`, {}, options);
  }

  /** Gets a plan with its ETag. */
  async getPlan(planName: string, options: GetPlanOptions = {}): Promise<StoredPlan> {
    const { body, raw } = await this.http.send<Plan>({
      method: "GET",
      url: this.planPath(planName),
      options,
    });
    return storedPlan(body, raw);
  }

  /**
   * Creates or replaces a plan (named by `plan.name`). The service validates it and answers 400 with every error and
   * its JSON pointer. With `onlyIfUnchanged`, a plan changed by someone else since it was read is not overwritten (412).
   */
  async createOrUpdatePlan(plan: Plan | StoredPlan, options: CreateOrUpdatePlanOptions = {}): Promise<StoredPlan> {
    if (plan === null || typeof plan !== "object") {
      throw new TypeError("plan must be an object.");
    }
    const { etag: planEtag, ...document } = plan as Plan & { etag?: unknown };
    const { body, raw } = await this.http.send<Plan>({
      method: "PUT",
      url: this.planPath(plan.name),
      body: document,
      headers: ifMatch(options, typeof planEtag === "string" ? planEtag : undefined),
      options,
    });
    return storedPlan(body, raw);
  }

  /** Deletes a plan. */
  async deletePlan(planName: string, options: DeletePlanOptions = {}): Promise<void> {
    await this.http.send<void>({
      method: "DELETE",
      url: this.planPath(planName),
      headers: ifMatch(options),
      options,
    });
  }

  /** Checks the plan against live Site Recovery and Traffic Manager state: findings and a readiness score. */
  async validatePlan(planName: string, options: ValidatePlanOptions = {}): Promise<Readiness> {
    const { body } = await this.http.send<Readiness>({
      method: "POST",
      url: `${this.planPath(planName)}/validate`,
      options,
    });
    return body;
  }

  /**
   * Creates or replaces the plan `planName` from an ASR recovery plan. The result's `findings` say what the import
   * changed or left out (check them before relying on the plan); what cannot be carried over at all fails with a
   * `RestError` of status 422 whose problem details (`getProblemDetails`) locate each part in the recovery plan, and
   * nothing is stored.
   */
  async importPlan(planName: string, request: PlanImportRequest, options: ImportPlanOptions = {}): Promise<ImportPlanResult> {
    const { body, raw } = await this.http.send<PlanImportResult>({
      method: "POST",
      url: `${this.planPath(planName)}/import`,
      body: request,
      headers: ifMatch(options),
      options,
    });
    return { plan: storedPlan(body.plan, raw), findings: body.findings };
  }

  /** Starts a failover of the plan. A busy plan answers 409 with the running operation's id in the problem. */
  beginFailover(planName: string, request: FailoverRequest, options: BeginFailoverOptions = {}): Promise<OperationPoller> {
    return this.beginOperation(`${this.planPath(planName)}/failover`, request, options);
  }

  /** Starts a commit of the plan's last failover. */
  beginCommit(planName: string, request: CommitRequest = {}, options: BeginCommitOptions = {}): Promise<OperationPoller> {
    return this.beginOperation(`${this.planPath(planName)}/commit`, request, options);
  }

  /** Starts a failback of the plan to its primary region. */
  beginFailback(planName: string, request: FailbackRequest, options: BeginFailbackOptions = {}): Promise<OperationPoller> {
    return this.beginOperation(`${this.planPath(planName)}/failback`, request, options);
  }

  /** Starts a drill of the plan: a test failover into the isolated network, probes, and cleanup. */
  beginDrill(planName: string, request: DrillRequest = {}, options: BeginDrillOptions = {}): Promise<OperationPoller> {
    return this.beginOperation(`${this.planPath(planName)}/drills`, request, options);
  }

  /** Gets an operation: status, steps with timings, pending approval, result, error. */
  async getOperation(operationId: string, options: GetOperationOptions = {}): Promise<Operation> {
    const { body } = await this.http.send<Operation>({ method: "GET", url: this.operationPath(operationId), options });
    return body;
  }

  /** Lists operations, newest first, optionally of one plan or in one status. */
  listOperations(options: ListOperationsOptions = {}): PagedAsyncIterableIterator<Operation, ContinuablePage<Operation>> {
    return this.list<Operation>(`${API_BASE_PATH}/operations`, { plan: options.plan, status: options.status }, options);
  }

  /**
   * Approves the step the operation waits at. The decision is applied asynchronously: the operation returned is as
   * it was when the decision arrived (still waiting for approval); poll it to see it go on.
   */
  approveOperation(operationId: string, options: ApproveOperationOptions = {}): Promise<Operation> {
    const body: ApprovalDecisionRequest = options.comment === undefined ? {} : { comment: options.comment };
    return this.postOperationAction(operationId, "approve", body, options);
  }

  /**
   * Rejects the step the operation waits at; the operation stops. As with approval, the operation returned is as it
   * was when the decision arrived; poll it to see it end.
   */
  rejectOperation(operationId: string, options: RejectOperationOptions = {}): Promise<Operation> {
    const body: ApprovalDecisionRequest = options.comment === undefined ? {} : { comment: options.comment };
    return this.postOperationAction(operationId, "reject", body, options);
  }

  /** Asks a running operation to stop; it ends as canceled. */
  cancelOperation(operationId: string, options: CancelOperationOptions = {}): Promise<Operation> {
    const body: CancelRequest = options.reason === undefined ? {} : { reason: options.reason };
    return this.postOperationAction(operationId, "cancel", body, options);
  }

  /** Replication health and RPO of every plan, as of the last sweep. */
  async getHealth(options: GetHealthOptions = {}): Promise<EstateHealth> {
    const { body } = await this.http.send<EstateHealth>({ method: "GET", url: `${API_BASE_PATH}/health`, options });
    return body;
  }

  /** Replication health and RPO of one plan's items, as of the last sweep. */
  async getPlanHealth(planName: string, options: GetPlanHealthOptions = {}): Promise<PlanHealth> {
    const { body } = await this.http.send<PlanHealth>({
      method: "GET",
      url: `${this.planPath(planName)}/health`,
      options,
    });
    return body;
  }

  /** Lists drills, newest first, optionally of one plan. */
  listDrills(options: ListDrillsOptions = {}): PagedAsyncIterableIterator<DrillSummary, ContinuablePage<DrillSummary>> {
    return this.list<DrillSummary>(`${API_BASE_PATH}/drills`, { plan: options.plan }, options);
  }

  /** Gets a drill's evidence: items, probes, cleanup. */
  async getDrill(drillId: string, options: GetDrillOptions = {}): Promise<Drill> {
    const { body } = await this.http.send<Drill>({ method: "GET", url: this.drillPath(drillId), options });
    return body;
  }

  /** Gets a drill's report as a self-contained HTML page. */
  async getDrillReportHtml(drillId: string, options: GetDrillReportHtmlOptions = {}): Promise<string> {
    const { body } = await this.http.send<string>({
      method: "GET",
      url: `${this.drillPath(drillId)}/report.html`,
      accept: "text/html",
      options,
    });
    return body;
  }

  private planPath(planName: string): string {
    return `${API_BASE_PATH}/plans/${segment(planName, "planName")}`;
  }

  private operationPath(operationId: string): string {
    return `${API_BASE_PATH}/operations/${segment(operationId, "operationId")}`;
  }

  private drillPath(drillId: string): string {
    return `${API_BASE_PATH}/drills/${segment(drillId, "drillId")}`;
  }

  private async postOperationAction(
    operationId: string,
    action: "approve" | "reject" | "cancel",
    body: ApprovalDecisionRequest | CancelRequest,
    options: GetOperationOptions,
  ): Promise<Operation> {
    const { body: operation } = await this.http.send<Operation>({
      method: "POST",
      url: `${this.operationPath(operationId)}/${action}`,
      body,
      options,
    });
    return operation;
  }

  private list<T>(
    path: string,
    filters: Record<string, string | undefined>,
    options: ListPlansOptions,
  ): PagedAsyncIterableIterator<T, ContinuablePage<T>> {
    return pagedList<T>(async (nextLink, maxPageSize) => {
      const { body } = await this.http.send<Page<T>>({
        method: "GET",
        url: nextLink ?? path,
        query: nextLink ? {} : { ...filters, maxpagesize: maxPageSize },
        options,
      });
      return body;
    });
  }

  private async beginOperation(
    startPath: string,
    request: object,
    options: BeginOperationOptions,
  ): Promise<OperationPoller> {
    const interval = options.updateIntervalInMs ?? DEFAULT_UPDATE_INTERVAL_IN_MS;
    if (!Number.isFinite(interval) || interval < 0) {
      throw new RangeError("updateIntervalInMs must be a non-negative number.");
    }
    if (options.resumeFrom !== undefined) {
      const poll = new OperationPoll(this.http, parseSerializedPoller(options.resumeFrom));
      return new StandbyOperationPoller(poll, interval);
    }
    if (request === null || typeof request !== "object") {
      throw new TypeError("request must be an object.");
    }
    const { body, raw } = await this.http.send<Operation | undefined>({
      method: "POST",
      url: startPath,
      body: request,
      options,
    });
    const location = raw.headers.get("location") ?? raw.headers.get("operation-location");
    if (!location) {
      throw new TypeError(`The service answered ${raw.status} without the Location of the operation.`);
    }
    const initial = { operationLocation: location, isStarted: true };
    const state = body ? withOperation(initial, body) : initial;
    return new StandbyOperationPoller(new OperationPoll(this.http, state, retryAfterInMs(raw)), interval);
  }
}
