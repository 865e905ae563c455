// GET handlers for Site Recovery: fabrics, containers, protected items (per container and vault-wide, paged),
// recovery points, policies, recovery plans, jobs, operation status and operation results.
import type { EmulatorContext } from "../context";
import { resourceNotFound } from "../server/arm-error";
import { pageOf } from "../server/paging";
import type { ArmResponse, RouteHandler } from "../server/router";
import { filterJobs, filterVaultItems } from "./filters";
import { lroHeaders } from "./lro";
import { recoveryPointsOf } from "./recovery-points";
import { itemView, recoveryPointView } from "./item-view";
import { jobView, operationStatusView } from "./job-view";
import { containerView, fabricView, planView, policyView } from "./views";

type Handlers = Record<string, RouteHandler>;

const ok = (body: unknown): ArmResponse => ({ status: 200, body });

export function siteRecoveryReads(context: EmulatorContext): Handlers {
  const store = context.siteRecovery;
  const now = (): number => context.clock.now();
  return {
    listFabrics: (request, params) => ok(pageOf(request, [...store.vault(params.vault).fabrics.values()], store.pageSize, fabricView)),
    getFabric: (_request, params) => ok(fabricView(store.fabric(params.vault, params.fabric))),
    listContainersOfFabric: (request, params) =>
      ok(pageOf(request, [...store.fabric(params.vault, params.fabric).containers.values()], store.pageSize, containerView)),
    listContainers: (request, params) =>
      ok(pageOf(request, [...store.vault(params.vault).fabrics.values()].flatMap((fabric) => [...fabric.containers.values()]), store.pageSize, containerView)),
    getContainer: (_request, params) => ok(containerView(store.container(params.vault, params.fabric, params.container))),
    listItemsOfContainer: (request, params) => {
      const at = now();
      return ok(pageOf(request, store.container(params.vault, params.fabric, params.container).items, store.pageSize, (item) => itemView(item, at, context.outages)));
    },
    listItems: (request, params) => {
      const at = now();
      const items = filterVaultItems(store.vault(params.vault), request.query.get("$filter"));
      return ok(pageOf(request, items, store.pageSize, (item) => itemView(item, at, context.outages)));
    },
    getItem: (_request, params) => ok(itemView(store.item(params.vault, params.fabric, params.container, params.item), now(), context.outages)),
    listRecoveryPoints: (request, params) => {
      const item = store.item(params.vault, params.fabric, params.container, params.item);
      return ok(pageOf(request, recoveryPointsOf(item, now(), context.outages), store.pageSize, (point) => recoveryPointView(item, point)));
    },
    getRecoveryPoint: (_request, params) => {
      const item = store.item(params.vault, params.fabric, params.container, params.item);
      const point = recoveryPointsOf(item, now(), context.outages).find((candidate) => candidate.name.toLowerCase() === params.point.toLowerCase());
      if (!point) throw resourceNotFound("recoveryPoints", params.point);
      return ok(recoveryPointView(item, point));
    },
    listPolicies: (request, params) => {
      const vault = store.vault(params.vault);
      return ok(pageOf(request, [...vault.policies.keys()], store.pageSize, (name) => policyView(vault, name)));
    },
    getPolicy: (_request, params) => {
      const vault = store.vault(params.vault);
      if (!vault.policies.has(params.policy.toLowerCase())) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationPolicies", params.policy);
      return ok(policyView(vault, params.policy));
    },
    listPlans: (request, params) => {
      const at = now();
      return ok(pageOf(request, [...store.vault(params.vault).plans.values()], store.pageSize, (plan) => planView(plan, at, context.outages)));
    },
    getPlan: (_request, params) => ok(planView(store.plan(params.vault, params.plan), now(), context.outages)),
    listJobs: (request, params) => {
      const jobs = filterJobs(store.vault(params.vault).jobOrder, request.query.get("$filter"));
      return ok(pageOf(request, jobs, store.pageSize, (job) => jobView(job)));
    },
    getJob: (_request, params) => {
      const job = store.vault(params.vault).jobs.get(params.job.toLowerCase());
      if (!job) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationJobs", params.job);
      return ok(jobView(job));
    },
    getOperationStatus: (_request, params) => {
      const operation = store.vault(params.vault).operations.get(params.operation.toLowerCase());
      if (!operation) throw resourceNotFound("Microsoft.RecoveryServices/vaults/replicationOperationStatus", params.operation);
      // Like ASR, a running operation tells the poller when to come back.
      const running = operation.status().status === "InProgress";
      return { status: 200, body: operationStatusView(operation), headers: running ? { "Retry-After": String(context.retryAfterSeconds) } : undefined };
    },
  };
}

/** GET `{resource}/operationresults/{operation}`: 202 while running, then the resource itself. */
export function operationResultHandler(context: EmulatorContext, render: (params: Record<string, string>) => { id: string; body: unknown }): RouteHandler {
  return (request, params) => {
    const vault = context.siteRecovery.vault(params.vault);
    const { id, body } = render(params);
    const operation = vault.operations.get(params.operation.toLowerCase());
    if (!operation || operation.resultId.toLowerCase() !== id.toLowerCase()) throw resourceNotFound("operationresults", params.operation);
    if (operation.status().status === "InProgress") return { status: 202, headers: lroHeaders(request, operation, context.retryAfterSeconds) };
    return ok(body);
  };
}
