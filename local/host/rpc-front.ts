// The durable extension's local RPC endpoint: the same durable task API without keys, on its own loopback port,
// which is where `rpcBaseUrl` points `DurableClient` (the real extension listens on 127.0.0.1:17071/durabletask/).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HostLogger } from "./logger";
import { HttpError } from "./http/http-io";
import { respondWithError, underPath } from "./http/front";
import type { DurableApi } from "./webhooks/durable-api";

export const RPC_BASE_PATH = "/durabletask";

export class RpcFront {
  constructor(
    private readonly api: DurableApi,
    private readonly log: HostLogger,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "127.0.0.1"}`);
      if (!underPath(url.pathname, RPC_BASE_PATH)) throw new HttpError(404, `no durable RPC API at ${url.pathname}`);
      await this.api.handle(request, response, url.pathname.slice(RPC_BASE_PATH.length), url);
    } catch (error) {
      respondWithError(response, error, this.log);
    }
  }
}
