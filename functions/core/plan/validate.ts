// Plan validation: the schema (shapes and ranges) plus every rule that spans fields, reported all at once with
// JSON pointers so a user fixes a plan in one round trip. Rules run on whatever parts of the input are usable,
// even when other parts break the schema.
import { PlanSchema, joinPointer, schemaErrors, type Plan, type SchemaError } from "@standby/client/contract";
import { parseNcrontab } from "../schedule/ncrontab";
import { itemFinder, itemKey } from "./item-ref";
import { allowedHostProblem, outboundUrlProblem, type OutboundUrlPolicy } from "./outbound-url";

export interface KnownItem {
  id: string;
  name: string;
  friendlyName?: string;
}

export interface ValidatePlanOptions {
  /** The vault's protected items; when given, every item the plan names must be one of them. */
  knownItems?: readonly KnownItem[];
  /** The plan name from the URL; the body must carry the same. */
  expectedName?: string;
  /** Let webhooks and probes call loopback hosts over http (the local lab only). */
  allowLoopback?: boolean;
  /**
   * The app's own allow-list (configuration); when given, every URL must name a host it allows too, so a plan whose
   * list is wider than the app's is refused when stored rather than failing when a failover reaches the call.
   */
  appAllowedHosts?: readonly string[];
}

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; errors: SchemaError[] };

/** A hostile body may hold a million mistakes; the first ones are what a person fixes next. */
export const MAX_REPORTED_ERRORS = 100;

export function validatePlan(input: unknown, options: ValidatePlanOptions = {}): PlanValidation {
  if (!isRecord(input)) return { ok: false, errors: [{ pointer: "", message: "A plan must be a JSON object." }] };
  const errors: SchemaError[] = [];
  const seen = new Set<string>();
  const add = (pointer: string, message: string): void => {
    const key = `${pointer}\n${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ pointer, message });
  };
  for (const error of schemaErrors(PlanSchema, input)) {
    const { pointer, message } = friendlier(error);
    add(pointer, message);
  }
  checkName(input, options, add);
  checkGroupsAndItems(input, options, add);
  checkActions(input, options, add);
  checkTraffic(input, add);
  checkDrill(input, add);
  if (errors.length === 0) return { ok: true, plan: input as Plan };
  if (errors.length <= MAX_REPORTED_ERRORS) return { ok: false, errors };
  const more = errors.length - MAX_REPORTED_ERRORS;
  const rest = { pointer: "", message: `…and ${more} more error${more === 1 ? "" : "s"}.` };
  return { ok: false, errors: [...errors.slice(0, MAX_REPORTED_ERRORS), rest] };
}

type Report = (pointer: string, message: string) => void;

const PLAN_NAME_RULE = "must be 1 to 63 lowercase letters, digits or dashes, starting with a letter or digit";

/** Schema messages that say "pattern" where a user needs the rule in words. */
function friendlier(error: SchemaError): SchemaError {
  if (error.pointer === "/name" && /match/.test(error.message)) return { ...error, message: `The plan name ${PLAN_NAME_RULE}.` };
  if (/^\/groups\/\d+\/name$/.test(error.pointer) && /match/.test(error.message)) {
    return { ...error, message: "A group name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit." };
  }
  return error;
}

function checkName(input: Record<string, unknown>, options: ValidatePlanOptions, add: Report): void {
  if (options.expectedName !== undefined && typeof input.name === "string" && input.name !== options.expectedName) {
    add("/name", `The plan in the body is "${input.name}" but the URL names "${options.expectedName}".`);
  }
}

function checkGroupsAndItems(input: Record<string, unknown>, options: ValidatePlanOptions, add: Report): void {
  const groupByName = new Map<string, number>();
  const itemPlace = new Map<string, { group: number; groupName: string }>();
  const find = options.knownItems === undefined ? undefined : itemFinder(options.knownItems);
  arrayOf(input.groups).forEach((group, g) => {
    if (!isRecord(group)) return;
    const groupName = typeof group.name === "string" ? group.name : `#${g + 1}`;
    if (typeof group.name === "string") {
      const lower = group.name.toLowerCase();
      const first = groupByName.get(lower);
      if (first === undefined) groupByName.set(lower, g);
      else add(joinPointer("/groups", g, "name"), `Group name "${group.name}" is already used by /groups/${first}.`);
    }
    if (Array.isArray(group.items) && group.items.length === 0) {
      add(joinPointer("/groups", g, "items"), `Group "${groupName}" has no items; remove it or add items.`);
    }
    arrayOf(group.items).forEach((reference, i) => {
      if (typeof reference !== "string" || reference.trim() === "") return;
      const pointer = joinPointer("/groups", g, "items", i);
      const known = find?.(reference);
      if (find !== undefined && known === undefined) {
        add(pointer, `No protected item "${reference}" in the vault.`);
      }
      const key = known ? itemKey(known.id) : itemKey(reference);
      const earlier = itemPlace.get(key);
      if (earlier === undefined) itemPlace.set(key, { group: g, groupName });
      else if (earlier.group === g) add(pointer, `Item "${reference}" is listed twice in group "${groupName}".`);
      else add(pointer, `Item "${reference}" is already in group "${earlier.groupName}"; an item belongs to one group.`);
    });
  });
}

function checkActions(input: Record<string, unknown>, options: ValidatePlanOptions, add: Report): void {
  const allowedHosts = arrayOf(input.allowedHosts).filter((host): host is string => typeof host === "string");
  arrayOf(input.allowedHosts).forEach((host, h) => {
    if (typeof host !== "string") return;
    const problem = allowedHostProblem(host);
    if (problem) add(joinPointer("/allowedHosts", h), `${capitalize(problem)}.`);
  });
  const policy: OutboundUrlPolicy = { allowedHosts, allowLoopback: options.allowLoopback === true };
  const appPolicy: OutboundUrlPolicy | undefined =
    options.appAllowedHosts === undefined ? undefined : { allowedHosts: options.appAllowedHosts, allowLoopback: policy.allowLoopback };
  const checkUrl = (action: unknown, pointer: string): void => {
    if (!isRecord(action) || (action.type !== "webhook" && action.type !== "probe") || typeof action.url !== "string") return;
    const problem = outboundUrlProblem(action.url, policy);
    if (problem) {
      add(joinPointer(pointer, "url"), `The ${action.type} URL cannot be called: ${problem}.`);
      return;
    }
    if (appPolicy === undefined) return;
    const appProblem = outboundUrlProblem(action.url, appPolicy);
    if (appProblem) add(joinPointer(pointer, "url"), `The ${action.type} URL cannot be called: ${appProblem.replace("allowedHosts", "the app's allowed hosts")}.`);
  };
  arrayOf(input.groups).forEach((group, g) => {
    if (!isRecord(group)) return;
    for (const side of ["before", "after"] as const) {
      arrayOf(group[side]).forEach((action, a) => {
        const pointer = joinPointer("/groups", g, side, a);
        checkUrl(action, pointer);
        checkRunbookId(action, pointer, add);
      });
    }
  });
  const drill = input.drill;
  if (isRecord(drill)) {
    arrayOf(drill.probes).forEach((probe, p) => checkUrl({ type: "probe", ...asRecord(probe) }, joinPointer("/drill/probes", p)));
  }
}

/** The resource ids a plan holds: the resource provider namespace and type path each must have. */
const RESOURCE_IDS = {
  runbook: { label: "runbook", namespace: "Microsoft.Automation", types: ["automationAccounts", "runbooks"] },
  trafficManagerProfile: { label: "Traffic Manager profile", namespace: "Microsoft.Network", types: ["trafficManagerProfiles"] },
  virtualNetwork: { label: "virtual network", namespace: "Microsoft.Network", types: ["virtualNetworks"] },
} as const;

function checkResourceId(value: unknown, kind: keyof typeof RESOURCE_IDS, pointer: string, add: Report): void {
  if (typeof value !== "string") return;
  const { label, namespace, types } = RESOURCE_IDS[kind];
  const path = types.map((type) => `${type}/[^/]+`).join("/");
  // ARM ids compare case-insensitively (real ones even start with /Subscriptions/).
  const pattern = new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/${namespace.replace(".", "\\.")}/${path}$`, "i");
  if (!pattern.test(value)) {
    const shape = types.map((type) => `${type}/{name}`).join("/");
    add(pointer, `Expected the resource id of a ${label}: /subscriptions/…/providers/${namespace}/${shape}.`);
  }
}

function checkRunbookId(action: unknown, pointer: string, add: Report): void {
  if (isRecord(action) && action.type === "runbook") checkResourceId(action.runbookId, "runbook", joinPointer(pointer, "runbookId"), add);
}

function checkTraffic(input: Record<string, unknown>, add: Report): void {
  const traffic = input.traffic;
  if (!isRecord(traffic)) return;
  checkResourceId(traffic.profile, "trafficManagerProfile", "/traffic/profile", add);
  if (
    typeof traffic.primaryEndpoint === "string" &&
    typeof traffic.standbyEndpoint === "string" &&
    traffic.primaryEndpoint.toLowerCase() === traffic.standbyEndpoint.toLowerCase()
  ) {
    add("/traffic/standbyEndpoint", "The standby endpoint must differ from the primary endpoint.");
  }
}

function checkDrill(input: Record<string, unknown>, add: Report): void {
  const drill = input.drill;
  if (!isRecord(drill)) return;
  if (typeof drill.schedule === "string") {
    try {
      parseNcrontab(drill.schedule);
    } catch (error) {
      add("/drill/schedule", `Not a valid NCRONTAB schedule: ${(error as Error).message}.`);
    }
  }
  checkResourceId(drill.testNetworkId, "virtualNetwork", "/drill/testNetworkId", add);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
