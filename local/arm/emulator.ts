// Starts the ARM emulator in-process: an HTTP server on 127.0.0.1 answering Site Recovery and Traffic Manager as
// ARM does, an Event Grid topic at /api/events, and the control API under /_emulator/.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { type Clock, type ClockSpec, createClock } from "../clock/clock";
import type { Estate } from "../estates/estate";
import { loadEstate } from "../estates/load-estate";
import { validateEstate } from "../estates/validate-estate";
import type { EmulatorContext } from "./context";
import { addControlRoutes } from "./control/routes";
import { EventGridTopic } from "./eventgrid/topic";
import { ArmError, errorBody } from "./server/arm-error";
import { dispatchArm } from "./server/dispatch";
import { Faults } from "./server/faults";
import { parseJsonBody, readBody, writeJson } from "./server/http-io";
import { RequestLog } from "./server/request-log";
import { Router } from "./server/router";
import { ARM_THROTTLING, Throttle, type ThrottlingSettings } from "./server/throttling";
import { JobRunner } from "./site-recovery/jobs";
import { addSiteRecoveryRoutes } from "./site-recovery/routes";
import { SiteRecoveryStore } from "./site-recovery/store";
import { addTrafficManagerRoutes } from "./traffic-manager/routes";
import { TrafficManagerStore } from "./traffic-manager/store";
import { RegionOutages } from "./world/regions";

export interface ArmEmulatorOptions {
  /** 0 or omitted: a free port. */
  port?: number;
  /** A name under local/estates (or `large`), or an estate object. */
  estate: string | Estate;
  clock?: Clock | ClockSpec;
  log?: (line: string) => void;
  /** Key the Event Grid topic expects; defaults to the estate's `eventGridKey`. */
  eventGridKey?: string;
  /** Retry-After of LRO answers; defaults to ASR's 30 s divided by the clock's speed (1 s for a virtual clock). */
  retryAfterSeconds?: number;
  throttling?: Partial<ThrottlingSettings>;
  /** Seed of the generator behind fault rates. */
  faultSeed?: number;
}

export interface RunningArmEmulator {
  /** `http://127.0.0.1:P` */
  url: string;
  clock: Clock;
  estate: Estate;
  stop(): Promise<void>;
}

export async function startArmEmulator(options: ArmEmulatorOptions): Promise<RunningArmEmulator> {
  const estate = typeof options.estate === "string" ? loadEstate(options.estate) : validateEstate(options.estate);
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock ?? { mode: "real" });
  const log = options.log ?? (() => undefined);
  const topicKey = options.eventGridKey ?? estate.eventGridKey ?? "local-topic-key";
  const context: EmulatorContext = {
    estate,
    clock,
    siteRecovery: new SiteRecoveryStore(estate, clock),
    trafficManager: new TrafficManagerStore(estate),
    outages: new RegionOutages(),
    jobs: new JobRunner(clock),
    faults: new Faults(options.faultSeed),
    eventGridKey: topicKey,
    topic: new EventGridTopic(topicKey, `/subscriptions/${estate.subscriptionId}/resourceGroups/${estate.resourceGroup}/providers/Microsoft.EventGrid/topics/${estate.name}-topic`),
    retryAfterSeconds: options.retryAfterSeconds ?? defaultRetryAfter(clock),
  };
  const requestLog = new RequestLog();
  const throttle = new Throttle({ ...ARM_THROTTLING, ...(options.throttling ?? {}) });
  const armRouter = new Router();
  addSiteRecoveryRoutes(armRouter, context);
  addTrafficManagerRoutes(armRouter, context);
  const controlRouter = new Router();
  addControlRoutes(controlRouter, { context, log: requestLog, throttle });

  let baseUrl = "";
  const onUnexpectedError = (error: unknown): void => log(`ARM emulator: unexpected error: ${(error as Error).stack ?? String(error)}`);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? "/", baseUrl);
    const method = (request.method ?? "GET").toUpperCase();
    const bodyText = await readBody(request);
    if (url.pathname.startsWith("/_emulator/")) {
      const match = controlRouter.match(method === "HEAD" ? "GET" : method, url.pathname);
      if (match.kind !== "found") {
        writeJson(response, 404, errorBody("NotFound", `No control endpoint ${method} ${url.pathname}.`));
        return;
      }
      const answer = await match.handler({ method, path: url.pathname, query: url.searchParams, body: parseJsonBody(bodyText), baseUrl }, match.params);
      writeJson(response, answer.status, method === "HEAD" ? undefined : answer.body, answer.headers);
      return;
    }
    if (url.pathname === "/api/events") {
      if (method !== "POST") {
        writeJson(response, 405, errorBody("MethodNotAllowed", "Publish events with POST."));
        return;
      }
      const result = context.topic.publish(request.headers, request.headers["content-type"] ?? "", parseJsonBody(bodyText));
      writeJson(response, result.status, result.status === 200 ? undefined : errorBody(result.code, result.message));
      return;
    }
    const answer = await dispatchArm(
      { estate, router: armRouter, throttle, faults: context.faults, log: requestLog, onUnexpectedError },
      { method, path: url.pathname, query: url.searchParams, bodyText, baseUrl },
    );
    if (answer.loseAnswer) {
      // The action happened (it is in the log as accepted); the caller sees only a reset connection.
      request.socket.destroy();
      return;
    }
    writeJson(response, answer.status, answer.body, answer.headers);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof ArmError) {
        writeJson(response, error.status, errorBody(error.code, error.message), error.headers);
        return;
      }
      onUnexpectedError(error);
      if (!response.headersSent) writeJson(response, 500, errorBody("InternalServerError", (error as Error).message));
    });
  });
  const port = await listen(server, options.port ?? 0);
  baseUrl = `http://127.0.0.1:${port}`;
  log(`ARM emulator listening on ${baseUrl} (estate ${estate.name}, ${clock.mode} clock)`);

  return {
    url: baseUrl,
    clock,
    estate,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function isClock(value: Clock | ClockSpec | undefined): value is Clock {
  return typeof value === "object" && value !== null && typeof (value as Clock).now === "function";
}

function defaultRetryAfter(clock: Clock): number {
  if (clock.mode === "virtual") return 1;
  return Math.max(1, Math.ceil(30 / clock.speed));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
