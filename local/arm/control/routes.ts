// The control API under /_emulator/ (not part of ARM): estate, outages, faults, replication overrides, the clock,
// the request log, throttling, Event Grid subscribers and the simulated apps.
import type { ClockSpec } from "../../clock/clock";
import type { EmulatorContext } from "../context";
import { SubscriptionError, parseSubscription } from "../eventgrid/subscribers";
import { ArmError } from "../server/arm-error";
import type { RequestLog } from "../server/request-log";
import type { ArmResponse, Router } from "../server/router";
import type { Throttle, ThrottlingSettings } from "../server/throttling";
import { type AppNetwork, appHealth } from "../world/apps";
import { endOutage, knownRegions, startOutage } from "../world/outage";
import { estateView } from "./estate-view";
import type { ReplicationHealth } from "../site-recovery/records";

export interface ControlDependencies {
  context: EmulatorContext;
  log: RequestLog;
  throttle: Throttle;
}

const ok = (body: unknown, status = 200): ArmResponse => ({ status, body });
const bad = (message: string): ArmError => new ArmError(400, "InvalidInput", message);

export function addControlRoutes(router: Router, deps: ControlDependencies): void {
  const { context, log, throttle } = deps;
  const region = (name: string): string => {
    if (!knownRegions(context).includes(name.toLowerCase())) throw new ArmError(404, "RegionNotFound", `Region '${name}' is not part of the estate (known: ${knownRegions(context).join(", ")}).`);
    return name;
  };

  router
    .add("GET", "_emulator/estate", (request) => ok(estateView(context, request.baseUrl)))
    .add("POST", "_emulator/regions/{region}/outage", (_request, params) => ok(startOutage(context, region(params.region))))
    .add("POST", "_emulator/regions/{region}/restore", (_request, params) => ok(endOutage(context, region(params.region))))
    .add("GET", "_emulator/regions", () => ok({ down: context.outages.list().map(({ region: name, sinceMs }) => ({ region: name, since: new Date(sinceMs).toISOString() })) }))
    .add("GET", "_emulator/faults", () => ok(context.faults.current))
    .add("POST", "_emulator/faults", (request) => {
      try {
        context.faults.configure(request.body ?? {});
      } catch (error) {
        if (error instanceof RangeError) throw bad(error.message);
        throw error;
      }
      return ok(context.faults.current);
    })
    .add("POST", "_emulator/items/{item}/replication", (request, params) => {
      const item = context.siteRecovery.itemByAnyName(params.item);
      if (!item) throw new ArmError(404, "ItemNotFound", `No protected item or VM named '${params.item}'.`);
      const body = objectBody(request.body);
      const override = { ...(item.override ?? {}) };
      if ("rpoSeconds" in body) {
        if (body.rpoSeconds === null) delete override.rpoSeconds;
        else if (typeof body.rpoSeconds === "number" && Number.isFinite(body.rpoSeconds) && body.rpoSeconds >= 0) override.rpoSeconds = Math.round(body.rpoSeconds);
        else throw bad("rpoSeconds must be a number of 0 or more, or null to return to the simulation");
      }
      if ("health" in body) {
        if (body.health === null) delete override.health;
        else if (body.health === "Normal" || body.health === "Warning" || body.health === "Critical") override.health = body.health as ReplicationHealth;
        else throw bad("health must be Normal, Warning, Critical, or null to return to the simulation");
      }
      item.override = Object.keys(override).length ? override : undefined;
      return ok({ item: item.name, vmName: item.vmName, override: item.override ?? null });
    })
    .add("GET", "_emulator/clock", () => ok(clockView(context.clock.now(), context.clock.spec())))
    .add("POST", "_emulator/clock/advance", async (request) => {
      const body = objectBody(request.body);
      if (typeof body.ms !== "number" || !Number.isFinite(body.ms) || body.ms < 0) throw bad("ms must be a number of 0 or more");
      if (context.clock.mode !== "virtual") throw new ArmError(409, "ClockNotVirtual", `The clock runs in ${context.clock.mode} mode; only a virtual clock can be advanced.`);
      await context.clock.advance(body.ms);
      return ok(clockView(context.clock.now(), context.clock.spec()));
    })
    .add("GET", "_emulator/requests", () => ok(log.list()))
    .add("DELETE", "_emulator/requests", () => {
      log.clear();
      return { status: 204 };
    })
    .add("GET", "_emulator/throttling", () => ok(throttle.settings))
    .add("POST", "_emulator/throttling", (request) => {
      const next = { ...throttle.settings, ...objectBody(request.body) } as ThrottlingSettings;
      if (typeof next.enabled !== "boolean") throw bad("enabled must be true or false");
      try {
        throttle.configure(next);
      } catch (error) {
        if (error instanceof RangeError) throw bad(error.message);
        throw error;
      }
      return ok(throttle.settings);
    })
    .add("GET", "_emulator/eventgrid/subscriptions", () => ok(context.topic.subscriptions()))
    .add("POST", "_emulator/eventgrid/subscriptions", async (request) => {
      try {
        return ok(await context.topic.subscribe(parseSubscription(request.body)), 201);
      } catch (error) {
        if (error instanceof SubscriptionError) throw new ArmError(400, "SubscriptionValidationFailed", error.message);
        throw error;
      }
    })
    .add("DELETE", "_emulator/eventgrid/subscriptions/{name}", (_request, params) => ({ status: context.topic.unsubscribe(params.name) ? 200 : 204 }))
    .add("GET", "_emulator/eventgrid/events", (request) => ok(context.topic.events(request.query.get("type") ?? undefined)))
    .add("GET", "_emulator/apps/{tier}/{region}", (request, params) => {
      const network = (request.query.get("network") ?? "production") as AppNetwork;
      if (network !== "production" && network !== "test") throw bad("network must be production or test");
      const health = appHealth(context.siteRecovery, context.outages, params.tier, params.region, network);
      return { status: health.healthy ? 200 : 503, body: health };
    });
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw bad("the body must be a JSON object");
  return body as Record<string, unknown>;
}

function clockView(nowMs: number, spec: ClockSpec): unknown {
  return { now: new Date(nowMs).toISOString(), nowMs, spec };
}
