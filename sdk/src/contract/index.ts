// The wire contract of the Standby HTTP API: one set of schemas (TypeBox, i.e. JSON Schema with static types)
// that the app validates requests with, the OpenAPI document is generated from, and the SDK's models are typed by.
// A change here changes both sides at compile time.
export {};
