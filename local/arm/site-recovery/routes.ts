// The Site Recovery REST surface: paths exactly as the SDK (2023-06-01) builds them.
import type { EmulatorContext } from "../context";
import type { Router } from "../server/router";
import { itemActionHandler } from "./item-actions";
import type { ItemOperation } from "./item-states";
import { cancelJobHandler, resumeJobHandler } from "./job-actions";
import { planActionHandler } from "./plan-actions";
import { operationResultHandler, siteRecoveryReads } from "./reads";
import { itemView } from "./item-view";
import { jobView } from "./job-view";
import { planView } from "./views";

const VAULT = "subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.RecoveryServices/vaults/{vault}";
const FABRIC = `${VAULT}/replicationFabrics/{fabric}`;
const CONTAINER = `${FABRIC}/replicationProtectionContainers/{container}`;
const ITEM = `${CONTAINER}/replicationProtectedItems/{item}`;
const PLAN = `${VAULT}/replicationRecoveryPlans/{plan}`;

const ITEM_ACTIONS: [string, ItemOperation][] = [
  ["testFailover", "TestFailover"],
  ["testFailoverCleanup", "TestFailoverCleanup"],
  ["plannedFailover", "PlannedFailover"],
  ["unplannedFailover", "UnplannedFailover"],
  ["failoverCommit", "Commit"],
  ["reProtect", "ReverseReplicate"],
  ["failoverCancel", "CancelFailover"],
  ["repairReplication", "RepairReplication"],
];

const PLAN_ACTIONS = ITEM_ACTIONS.filter(([, operation]) => operation !== "RepairReplication");

export function addSiteRecoveryRoutes(router: Router, context: EmulatorContext): void {
  const reads = siteRecoveryReads(context);
  const store = context.siteRecovery;
  router
    .add("GET", `${VAULT}/replicationFabrics`, reads.listFabrics)
    .add("GET", FABRIC, reads.getFabric)
    .add("GET", `${FABRIC}/replicationProtectionContainers`, reads.listContainersOfFabric)
    .add("GET", `${VAULT}/replicationProtectionContainers`, reads.listContainers)
    .add("GET", CONTAINER, reads.getContainer)
    .add("GET", `${CONTAINER}/replicationProtectedItems`, reads.listItemsOfContainer)
    .add("GET", `${VAULT}/replicationProtectedItems`, reads.listItems)
    .add("GET", ITEM, reads.getItem)
    .add("GET", `${ITEM}/recoveryPoints`, reads.listRecoveryPoints)
    .add("GET", `${ITEM}/recoveryPoints/{point}`, reads.getRecoveryPoint)
    .add("GET", `${VAULT}/replicationPolicies`, reads.listPolicies)
    .add("GET", `${VAULT}/replicationPolicies/{policy}`, reads.getPolicy)
    .add("GET", `${VAULT}/replicationRecoveryPlans`, reads.listPlans)
    .add("GET", PLAN, reads.getPlan)
    .add("GET", `${VAULT}/replicationJobs`, reads.listJobs)
    .add("GET", `${VAULT}/replicationJobs/{job}`, reads.getJob)
    .add("POST", `${VAULT}/replicationJobs/{job}/cancel`, cancelJobHandler(context))
    .add("POST", `${VAULT}/replicationJobs/{job}/resume`, resumeJobHandler(context))
    .add("GET", `${VAULT}/replicationOperationStatus/{operation}`, reads.getOperationStatus);

  for (const [path, operation] of ITEM_ACTIONS) router.add("POST", `${ITEM}/${path}`, itemActionHandler(context, operation));
  for (const [path, operation] of PLAN_ACTIONS) router.add("POST", `${PLAN}/${path}`, planActionHandler(context, operation));

  router
    .add("GET", `${ITEM}/operationresults/{operation}`, operationResultHandler(context, (params) => {
      const item = store.item(params.vault, params.fabric, params.container, params.item);
      return { id: item.id, body: itemView(item, context.clock.now(), context.outages) };
    }))
    .add("GET", `${PLAN}/operationresults/{operation}`, operationResultHandler(context, (params) => {
      const plan = store.plan(params.vault, params.plan);
      return { id: plan.id, body: planView(plan, context.clock.now(), context.outages) };
    }))
    .add("GET", `${VAULT}/replicationJobs/{job}/operationresults/{operation}`, operationResultHandler(context, (params) => {
      const job = store.vault(params.vault).jobs.get(params.job.toLowerCase());
      if (!job) return { id: "", body: undefined };
      return { id: job.id, body: jobView(job) };
    }));
}
