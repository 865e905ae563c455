// The wire contract of the Standby HTTP API: one set of schemas (TypeBox, i.e. JSON Schema with static types)
// that the app validates requests with, the OpenAPI document is generated from, and the SDK's models are typed by.
// A change here changes both sides at compile time.
export * from "./names.js";
export * from "./problem.js";
export * from "./list.js";
export * from "./plan-list.js";
export * from "./plan-import.js";
export * from "./plan-import-result.js";
export * from "./readiness.js";
export * from "./operation-requests.js";
export * from "./operation.js";
export * from "./health.js";
export * from "./drill.js";
export * from "./events.js";
export * from "./routes.js";
export * from "./openapi.js";
export * from "./common.js";
export * from "./plan.js";
