// Registers the HTTP API with the Functions host: one function per route of the contract, every one behind a
// function key (authLevel "function", reads included: an estate's layout is sensitive), each with a durable client.
// Settings are read on the first request rather than at import, so a host with a bad setting still starts, answers
// with a 500 problem, and its log names the setting.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from "@azure/functions";
import * as df from "durable-functions";
import { loadConfig } from "../azure/config";
import type { ApiResponse } from "../http/api-types";
import { composeSharedDependencies, type SharedDependencies } from "../http/compose";
import { durableOperationEngine } from "../http/durable-engine";
import { toApiRequest, toHttpResponse } from "../http/functions-adapter";
import { problem } from "../http/problem";
import { apiRoutes, runHandler } from "../http/routes";

let shared: SharedDependencies | undefined;

function sharedDependencies(context: InvocationContext): SharedDependencies {
  shared ??= composeSharedDependencies(loadConfig(), invocationErrorLog(context));
  return shared;
}

/** Errors go to the log of the invocation they happened in, so the host attributes them to the right request. */
function invocationErrorLog(context: InvocationContext): (error: unknown) => void {
  return (error) => context.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
}

for (const route of apiRoutes()) {
  app.http(route.name, {
    methods: [route.method],
    route: route.route,
    authLevel: "function",
    extraInputs: [df.input.durableClient()],
    handler: async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
      let response: ApiResponse;
      try {
        const deps = { ...sharedDependencies(context), engine: durableOperationEngine(df.getClient(context)), reportError: invocationErrorLog(context) };
        response = await runHandler(route.handler, toApiRequest(request, loadConfig()), deps);
      } catch (error) {
        // Only set-up can land here (configuration, clients); handler failures are answered by runHandler.
        context.error(error instanceof Error ? error.message : String(error));
        response = problem({ status: 500, code: "ServiceMisconfigured", detail: "The service cannot start; see its log.", instance: new URL(request.url).pathname });
      }
      return toHttpResponse(response);
    },
  });
}
