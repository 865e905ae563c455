import type { TSchema } from "@sinclair/typebox";
import { ProblemDetailsSchema, PROBLEM_MEDIA_TYPE } from "./problem.js";
import { ResourceNameSchema } from "./names.js";
import { PlanNameSchema } from "./plan-list.js";
import {
  API_BASE_PATH,
  COMMON_ERROR_STATUSES,
  ROUTES,
  pathParameterNames,
  type HeaderName,
  type RouteDefinition,
} from "./routes.js";

/** A JSON object of the OpenAPI document. */
export type OpenApiObject = { [key: string]: unknown };
type JsonObject = OpenApiObject;

/** Header on which the Functions host takes a function key. */
export const FUNCTION_KEY_HEADER = "x-functions-key";

const ERROR_TITLES: Record<number, string> = {
  400: "The request is invalid; `errors` lists every problem with its JSON pointer.",
  401: "No valid function key, or a bearer token that App Service authentication refused.",
  404: "No such resource.",
  409: "Conflict: the plan is busy (`operationId` names the running operation) or the state does not allow it.",
  412: "The ETag in If-Match no longer matches: someone changed the resource.",
  413: "The body is larger than the route accepts.",
  415: "The body is not `application/json`.",
  422: "Understood but not doable as asked: `errors` locates each part that cannot be carried over.",
  429: "Too many requests; retry after Retry-After seconds.",
  500: "Unexpected error.",
  502: "Site Recovery or Traffic Manager could not be read (ARM refused or failed); nothing was changed, try again.",
};

const HEADER_SCHEMAS: Record<HeaderName, { description: string; schema: JsonObject }> = {
  ETag: { description: "Version of the resource, for If-Match.", schema: { type: "string" } },
  "If-Match": { description: "Only act if the resource still has this ETag.", schema: { type: "string" } },
  "If-None-Match": { description: "`*`: only act if the resource does not exist yet.", schema: { type: "string" } },
  Location: { description: "URL of the operation to poll.", schema: { type: "string", format: "uri-reference" } },
  "Retry-After": { description: "Seconds to wait before the next poll or retry.", schema: { type: "integer" } },
};

/**
 * Converts a TypeBox schema to a plain JSON Schema for components: nested schemas that carry a `$id` become
 * `$ref`s to their own component, so each model is described once and named as in the client.
 */
function registerSchema(schema: TSchema, components: Map<string, JsonObject>): JsonObject {
  const plain = JSON.parse(JSON.stringify(schema)) as JsonObject;
  const id = plain.$id;
  if (typeof id !== "string") {
    return replaceNested(plain, components);
  }
  if (!components.has(id)) {
    components.set(id, {});
    const { $id: _dropped, ...rest } = plain;
    components.set(id, replaceNested(rest, components));
  }
  return { $ref: `#/components/schemas/${id}` };
}

function replaceNested(node: JsonObject, components: Map<string, JsonObject>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = replaceValue(value, components);
  }
  return out;
}

function replaceValue(value: unknown, components: Map<string, JsonObject>): unknown {
  if (Array.isArray(value)) {
    return value.map((entry) => replaceValue(entry, components));
  }
  if (value !== null && typeof value === "object") {
    const node = value as JsonObject;
    return typeof node.$id === "string"
      ? registerSchema(node as TSchema, components)
      : replaceNested(node, components);
  }
  return value;
}

function headerObjects(names: HeaderName[] | undefined): JsonObject | undefined {
  if (!names || names.length === 0) {
    return undefined;
  }
  return Object.fromEntries(names.map((name) => [name, HEADER_SCHEMAS[name]]));
}

function operationObject(route: RouteDefinition, components: Map<string, JsonObject>): JsonObject {
  const parameters: JsonObject[] = [
    ...pathParameterNames(route.path).map((name) => ({
      name,
      in: "path",
      required: true,
      schema: registerSchema(name === "plan" ? PlanNameSchema : ResourceNameSchema, components),
    })),
    ...(route.query ?? []).map((query) => ({
      name: query.name,
      in: "query",
      required: false,
      description: query.description,
      schema: registerSchema(query.schema, components),
    })),
    ...(route.requestHeaders ?? []).map((name) => ({ name, in: "header", required: false, ...HEADER_SCHEMAS[name] })),
  ];
  const responses: JsonObject = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const content = response.body
      ? { "application/json": { schema: registerSchema(response.body, components) } }
      : response.mediaType
        ? { [response.mediaType]: { schema: { type: "string" } } }
        : undefined;
    responses[status] = { description: response.description, headers: headerObjects(response.headers), content };
  }
  for (const status of [...route.errors, ...COMMON_ERROR_STATUSES]) {
    responses[String(status)] = {
      description: ERROR_TITLES[status] ?? "Error.",
      headers: status === 429 ? headerObjects(["Retry-After"]) : undefined,
      content: { [PROBLEM_MEDIA_TYPE]: { schema: registerSchema(ProblemDetailsSchema, components) } },
    };
  }
  return stripUndefined({
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    parameters: parameters.length > 0 ? parameters : undefined,
    requestBody: route.requestBody
      ? { required: true, content: { "application/json": { schema: registerSchema(route.requestBody, components) } } }
      : undefined,
    responses,
  });
}

function stripUndefined(value: JsonObject): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}

export interface OpenApiDocumentOptions {
  /** Server URL to list, e.g. `https://contoso-standby.azurewebsites.net`; omitted when not given. */
  serverUrl?: string;
  /** Version of the service that serves the document. */
  version?: string;
}

/** The OpenAPI 3.1 document of every route, built from the same schemas the app validates with. */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): OpenApiObject {
  const components = new Map<string, JsonObject>();
  const paths: Record<string, JsonObject> = {};
  for (const route of ROUTES) {
    const path = `${API_BASE_PATH}${route.path}`;
    paths[path] = { ...(paths[path] ?? {}), [route.method]: operationObject(route, components) };
  }
  const sortedSchemas = Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b)));
  return stripUndefined({
    openapi: "3.1.0",
    info: {
      title: "Standby",
      version: options.version ?? "1.0.0",
      description: "Disaster-recovery orchestration for Azure Site Recovery and Traffic Manager.",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    // The Functions host demands the key on every route, App Service authentication or not: a bearer token (which
    // names the person) comes on top of the key, never instead of it.
    security: [{ functionKey: [] }, { functionKey: [], bearer: [] }],
    tags: [
      { name: "plans", description: "Recovery plans as code." },
      { name: "operations", description: "Failover, commit, failback and drills, and decisions on them." },
      { name: "health", description: "Replication health and RPO." },
      { name: "drills", description: "Drill evidence." },
      { name: "meta", description: "This document." },
    ],
    paths,
    components: {
      schemas: sortedSchemas,
      securitySchemes: {
        functionKey: { type: "apiKey", in: "header", name: FUNCTION_KEY_HEADER },
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "An Entra ID token for the app, validated by App Service authentication; sent with the function key.",
        },
      },
    },
  });
}
