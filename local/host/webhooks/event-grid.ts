// The Event Grid trigger webhook, /runtime/webhooks/eventgrid?functionName=NAME, as the extension serves it:
// the subscription validation handshake for the Event Grid schema (`aeg-event-type: SubscriptionValidation`,
// answered with {validationResponse}) and for CloudEvents (an OPTIONS request answered with WebHook-Allowed-Origin),
// then one function invocation per delivered event, in either schema, single or batched.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventGridFunction } from "../catalog";
import type { FunctionRunner } from "../function-runner";
import { HttpError, parseJsonBody, readBody, sendEmpty, sendJson } from "../http/http-io";
import { jsonTypedData } from "../worker/typed-data";

export class EventGridWebhook {
  constructor(
    private readonly functions: EventGridFunction[],
    private readonly runner: FunctionRunner,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = (request.method ?? "POST").toUpperCase();
    const functionName = url.searchParams.get("functionName");
    if (!functionName) throw new HttpError(400, "the functionName query parameter is required");
    const entry = this.functions.find((candidate) => candidate.name.toLowerCase() === functionName.toLowerCase());
    if (!entry) throw new HttpError(404, `no Event Grid triggered function named "${functionName}"`);

    if (method === "OPTIONS") {
      const origin = request.headers["webhook-request-origin"];
      if (typeof origin !== "string" || origin === "") throw new HttpError(400, "the WebHook-Request-Origin header is required");
      return sendEmpty(response, 200, { "WebHook-Allowed-Origin": origin, "WebHook-Allowed-Rate": "*", Allow: "POST" });
    }
    if (method !== "POST") throw new HttpError(405, `${method} is not supported by the Event Grid webhook`);

    const payload = parseJsonBody(await readBody(request));
    const eventType = String(request.headers["aeg-event-type"] ?? "Notification");
    if (eventType === "SubscriptionValidation") return this.validate(response, payload);
    if (eventType === "SubscriptionDeletion") return sendEmpty(response, 202);
    if (eventType !== "Notification") throw new HttpError(400, `unknown aeg-event-type "${eventType}"`);

    const events = Array.isArray(payload) ? payload : [payload];
    if (events.length === 0 || events.some((event) => typeof event !== "object" || event === null)) {
      throw new HttpError(400, "the body must be an event object or an array of event objects");
    }
    const failures: string[] = [];
    for (const event of events) {
      try {
        await this.runner.invoke(entry, jsonTypedData(event));
      } catch (error) {
        failures.push(`event ${(event as { id?: unknown }).id ?? "(no id)"}: ${(error as Error).message}`);
      }
    }
    // A 5xx makes Event Grid redeliver, as the extension does when an invocation fails.
    if (failures.length > 0) return sendJson(response, 500, { message: `the function failed for ${failures.length} event(s)`, failures });
    sendEmpty(response, 202);
  }

  private validate(response: ServerResponse, payload: unknown): void {
    const first = Array.isArray(payload) ? payload[0] : payload;
    const code = (first as { data?: { validationCode?: unknown } } | undefined)?.data?.validationCode;
    if (typeof code !== "string") throw new HttpError(400, "a SubscriptionValidation event must carry data.validationCode");
    sendJson(response, 200, { validationResponse: code });
  }
}
