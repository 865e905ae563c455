// Sorts the captured registrations by trigger, with the trigger options the host acts on (route, methods,
// authLevel, schedule, ...), `%SETTING%` references resolved as the host resolves them in bindings.
import { substituteSettings } from "./app-config";
import type { RegisteredFunction } from "./worker/functions-core";
import type { RpcBindingInfo } from "./worker/rpc-types";
import type { DurableFunctionKind } from "./durable/contract";

export type AuthLevel = "anonymous" | "function" | "admin";

interface CatalogEntry {
  name: string;
  registered: RegisteredFunction;
  /** Binding name of the trigger: the worker expects the trigger's input data under it. */
  triggerBinding: string;
}

export interface HttpFunction extends CatalogEntry {
  route: string;
  methods: string[];
  authLevel: AuthLevel;
}

export interface TimerFunction extends CatalogEntry {
  schedule: string;
  runOnStartup: boolean;
}

export type EventGridFunction = CatalogEntry;

export interface DurableFunction extends CatalogEntry {
  kind: DurableFunctionKind;
}

export interface Catalog {
  http: HttpFunction[];
  timers: TimerFunction[];
  eventGrid: EventGridFunction[];
  durable: DurableFunction[];
  /** Functions whose trigger the local host does not run, with the trigger type. */
  unsupported: { name: string; triggerType: string }[];
}

const DURABLE_TRIGGERS: Record<string, DurableFunctionKind> = {
  orchestrationtrigger: "orchestration",
  activitytrigger: "activity",
  entitytrigger: "entity",
};

export function buildCatalog(functions: Iterable<RegisteredFunction>, settings: Record<string, string>): Catalog {
  const catalog: Catalog = { http: [], timers: [], eventGrid: [], durable: [], unsupported: [] };
  for (const registered of functions) {
    const name = registered.metadata.name;
    const [triggerBinding, trigger] = findTrigger(registered);
    const type = String(trigger.type).toLowerCase();
    const entry = { name, registered, triggerBinding };
    const resolve = (value: unknown, option: string) => substituteSettings(String(value), settings, `function ${name}: ${option}`);
    if (type === "httptrigger") {
      catalog.http.push({
        ...entry,
        route: resolve(trigger.route ?? name, "route").replace(/^\/+|\/+$/g, ""),
        methods: ((trigger.methods as string[] | undefined) ?? ["GET", "POST"]).map((method) => method.toUpperCase()),
        authLevel: parseAuthLevel(trigger.authLevel, name),
      });
    } else if (type === "timertrigger") {
      catalog.timers.push({ ...entry, schedule: resolve(trigger.schedule, "schedule"), runOnStartup: trigger.runOnStartup === true });
    } else if (type === "eventgridtrigger") {
      catalog.eventGrid.push(entry);
    } else if (DURABLE_TRIGGERS[type]) {
      catalog.durable.push({ ...entry, kind: DURABLE_TRIGGERS[type] });
    } else {
      catalog.unsupported.push({ name, triggerType: String(trigger.type) });
    }
  }
  return catalog;
}

function findTrigger(registered: RegisteredFunction): [string, RpcBindingInfo] {
  const found = Object.entries(registered.metadata.bindings).find(
    ([, binding]) => binding.direction === "in" && /trigger$/i.test(String(binding.type)),
  );
  if (!found) throw new Error(`function ${registered.metadata.name} has no trigger binding`);
  return found;
}

function parseAuthLevel(value: unknown, functionName: string): AuthLevel {
  const level = String(value ?? "anonymous").toLowerCase();
  if (level === "anonymous" || level === "function" || level === "admin") return level;
  throw new Error(`function ${functionName}: authLevel "${String(value)}" is not one of anonymous, function, admin`);
}
