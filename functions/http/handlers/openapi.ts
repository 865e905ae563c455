// `GET /openapi.json`: the contract, built from the same schemas the handlers validate with.
import { buildOpenApiDocument } from "@standby/client/contract";
import type { RouteHandler } from "../dependencies";

let document: unknown;

export const getOpenApiDocument: RouteHandler = async () => {
  document ??= buildOpenApiDocument();
  return { status: 200, body: document };
};
