// The admin API (master key only), after the real host's: POST /admin/functions/{name} runs a non-HTTP function now
// (a timer, or an Event Grid function with `{"input": event}`), GET /admin/functions lists functions,
// GET /admin/host/status reports the host state; and, for tests and the lab, the shared clock:
// GET /admin/clock and POST /admin/clock/advance {ms, stepMs?} (virtual clocks only).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../../clock/clock";
import type { Catalog } from "../catalog";
import type { FunctionRunner } from "../function-runner";
import type { TimerTriggers } from "../timers/timer-triggers";
import { jsonTypedData } from "../worker/typed-data";
import { HttpError, parseJsonBody, readBody, sendEmpty, sendJson } from "./http-io";

export interface AdminApiOptions {
  catalog: Catalog;
  runner: FunctionRunner;
  timers: TimerTriggers;
  clock: Clock;
  /** Resolves when the durable engine has no runnable work; the clock endpoint waits for it between steps. */
  whenIdle: () => Promise<void>;
  listing: () => unknown;
}

export class AdminApi {
  constructor(private readonly options: AdminApiOptions) {}

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const method = (request.method ?? "GET").toUpperCase();
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    const body = parseJsonBody(await readBody(request));
    if (parts[0] === "host" && parts[1] === "status" && method === "GET") {
      return sendJson(response, 200, { state: "Running", version: "4.0.0-local", clock: this.clockState() });
    }
    if (parts[0] === "functions" && parts.length === 1 && method === "GET") return sendJson(response, 200, this.options.listing());
    if (parts[0] === "functions" && parts.length === 2 && method === "POST") return this.runFunction(response, parts[1], body);
    if (parts[0] === "clock" && parts.length === 1 && method === "GET") return sendJson(response, 200, this.clockState());
    if (parts[0] === "clock" && parts[1] === "advance" && method === "POST") return this.advance(response, body);
    throw new HttpError(404, `no admin API at ${method} /admin/${parts.join("/")}`);
  }

  private async runFunction(response: ServerResponse, name: string, body: unknown): Promise<void> {
    const { catalog, timers, runner } = this.options;
    if (timers.has(name)) {
      await timers.fire(name);
      return sendEmpty(response, 202);
    }
    const eventGrid = catalog.eventGrid.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
    if (eventGrid) {
      const input = (body as { input?: unknown } | undefined)?.input;
      const event = typeof input === "string" ? parseJsonBody(Buffer.from(input)) : input;
      if (typeof event !== "object" || event === null) throw new HttpError(400, `running ${eventGrid.name} needs {"input": <event>}`);
      await runner.invoke(eventGrid, jsonTypedData(event));
      return sendEmpty(response, 202);
    }
    if (catalog.http.some((entry) => entry.name.toLowerCase() === name.toLowerCase())) {
      throw new HttpError(400, `${name} is an HTTP function; call its route instead`);
    }
    throw new HttpError(404, `no timer or Event Grid function named "${name}"`);
  }

  private async advance(response: ServerResponse, body: unknown): Promise<void> {
    const { clock, whenIdle } = this.options;
    if (clock.mode !== "virtual") throw new HttpError(409, `the host's clock is ${clock.mode}; only a virtual clock can be advanced`);
    const { ms, stepMs } = (body ?? {}) as { ms?: unknown; stepMs?: unknown };
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) throw new HttpError(400, `"ms" must be a number of milliseconds >= 0`);
    if (stepMs !== undefined && (typeof stepMs !== "number" || !(stepMs > 0))) throw new HttpError(400, `"stepMs" must be a positive number`);
    const target = clock.now() + ms;
    // Stepping lets work started by one timer (activities, new timers) settle before time moves on.
    const step = typeof stepMs === "number" ? stepMs : ms;
    await whenIdle();
    while (clock.now() < target) {
      await clock.advanceTo(Math.min(target, clock.now() + step));
      await whenIdle();
    }
    sendJson(response, 200, this.clockState());
  }

  private clockState(): { mode: string; now: string; speed: number } {
    const { clock } = this.options;
    return { mode: clock.mode, now: new Date(clock.now()).toISOString(), speed: clock.speed };
  }
}
