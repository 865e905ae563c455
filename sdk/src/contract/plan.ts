// A recovery plan as code: what to fail over, in which order, with which actions between groups, which Traffic
// Manager endpoints to switch, when to drill, and when a failover may start by itself. This is the body of
// `PUT /api/v1/plans/{plan}`. The schema checks shapes and ranges; the app's plan validation adds the rules that
// span fields (unique names, an item in one group only, allow-listed hosts, schedules) and reports all at once.
import { Type, type Static } from "@sinclair/typebox";
import { RecoveryPointChoiceSchema, type RecoveryPointChoice } from "./operation-requests.js";
import { VaultReferenceSchema } from "./plan-import.js";
import { ApprovalTimeoutChoiceSchema } from "./operation.js";

/** Plan names become blob names and URL segments: lowercase letters, digits and dashes, nothing that can traverse. */
export const PLAN_NAME_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
/** Group names show up in step names and reports. */
export const GROUP_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

const label = Type.Optional(
  Type.String({ minLength: 1, maxLength: 80, description: "Step name shown in the operation's progress." }),
);

export const WebhookActionSchema = Type.Object(
  {
    type: Type.Literal("webhook"),
    name: label,
    url: Type.String({ minLength: 1, maxLength: 2048, description: "https URL; its host must be in allowedHosts." }),
    method: Type.Optional(
      Type.Union([Type.Literal("POST"), Type.Literal("PUT"), Type.Literal("PATCH"), Type.Literal("GET")], {
        description: "Default POST.",
      }),
    ),
    headers: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 256 }), Type.String({ maxLength: 4096 }))),
    body: Type.Optional(Type.Unknown({ description: "Sent as JSON." })),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, description: "Default 30." })),
  },
  { $id: "WebhookAction", additionalProperties: false },
);

export const RunbookActionSchema = Type.Object(
  {
    type: Type.Literal("runbook"),
    name: label,
    runbookId: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: "Resource id of an Azure Automation runbook (…/automationAccounts/{account}/runbooks/{runbook}).",
    }),
    parameters: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 128 }), Type.String({ maxLength: 4096 }))),
    timeoutMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 180, description: "Default 30." })),
  },
  { $id: "RunbookAction", additionalProperties: false },
);

export const ApprovalActionSchema = Type.Object(
  {
    type: Type.Literal("approval"),
    name: label,
    prompt: Type.String({ minLength: 1, maxLength: 1000 }),
    timeoutMinutes: Type.Integer({ minimum: 1, maximum: 10080 }),
    /** What an unanswered approval means once timeoutMinutes have passed; required, so it is a decision. */
    onTimeout: ApprovalTimeoutChoiceSchema,
  },
  { $id: "ApprovalAction", additionalProperties: false },
);

export const ProbeActionSchema = Type.Object(
  {
    type: Type.Literal("probe"),
    name: label,
    url: Type.String({ minLength: 1, maxLength: 2048, description: "https URL; its host must be in allowedHosts." }),
    expectStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599, description: "Default 200." })),
    timeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 300, description: "Per attempt; default 10." })),
    retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: "Further attempts; default 3." })),
  },
  { $id: "ProbeAction", additionalProperties: false },
);

export const DelayActionSchema = Type.Object(
  {
    type: Type.Literal("delay"),
    name: label,
    seconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  },
  { $id: "DelayAction", additionalProperties: false },
);

export const PlanActionSchema = Type.Union(
  [WebhookActionSchema, RunbookActionSchema, ApprovalActionSchema, ProbeActionSchema, DelayActionSchema],
  { $id: "PlanAction", description: "A step before or after a group's items, told apart by `type`." },
);

export const PlanGroupSchema = Type.Object(
  {
    name: Type.String({ pattern: GROUP_NAME_PATTERN }),
    items: Type.Array(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description: "A replication protected item of the vault: its name or its full resource id.",
      }),
      { maxItems: 100 },
    ),
    before: Type.Optional(Type.Array(PlanActionSchema, { maxItems: 20 })),
    after: Type.Optional(Type.Array(PlanActionSchema, { maxItems: 20 })),
  },
  { $id: "PlanGroup", additionalProperties: false },
);

export const PlanObjectivesSchema = Type.Object(
  {
    rpoSeconds: Type.Integer({ minimum: 30, maximum: 86400, description: "Recovery point objective, 30 s to 24 h." }),
    rtoSeconds: Type.Integer({ minimum: 60, maximum: 259200, description: "Recovery time objective, 1 min to 72 h." }),
  },
  { $id: "PlanObjectives", additionalProperties: false },
);

export const PlanTrafficSchema = Type.Object(
  {
    profile: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: "Resource id of the Traffic Manager profile.",
    }),
    primaryEndpoint: Type.String({ minLength: 1, maxLength: 260, description: "Endpoint name in the profile." }),
    standbyEndpoint: Type.String({ minLength: 1, maxLength: 260, description: "Endpoint name in the profile." }),
  },
  { $id: "PlanTraffic", additionalProperties: false },
);

export const PlanDrillSchema = Type.Object(
  {
    schedule: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "NCRONTAB, UTC: {second} {minute} {hour} {day} {month} {day-of-week}.",
    }),
    testNetworkId: Type.String({ minLength: 1, maxLength: 1024, description: "Isolated virtual network for test failover." }),
    probes: Type.Array(ProbeActionSchema, { maxItems: 20 }),
    rtoBudgetSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 259200 })),
  },
  { $id: "PlanDrill", additionalProperties: false },
);

export const AutoFailoverSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    minSignals: Type.Integer({ minimum: 1, maximum: 10, description: "Independent outage signals needed." }),
    windowMinutes: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1440, description: "Signals count when within this window; default 15." }),
    ),
    cooldownMinutes: Type.Integer({ minimum: 0, maximum: 10080, description: "Quiet time after any operation." }),
    approval: Type.Union([Type.Literal("required"), Type.Literal("none")]),
  },
  { $id: "AutoFailover", additionalProperties: false },
);

export const FailoverOptionsSchema = Type.Object(
  {
    maxParallelItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: "Per group; default 10." })),
    /** Used when a request names none; default latestProcessed (the fastest to recover). */
    recoveryPoint: Type.Optional(RecoveryPointChoiceSchema),
  },
  { $id: "FailoverOptions", additionalProperties: false },
);

export const PlanSchema = Type.Object(
  {
    name: Type.String({ pattern: PLAN_NAME_PATTERN, description: "Also the plan's name in the URL." }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    vault: VaultReferenceSchema,
    objectives: PlanObjectivesSchema,
    groups: Type.Array(PlanGroupSchema, { minItems: 1, maxItems: 20, description: "Failed over in this order." }),
    traffic: Type.Optional(PlanTrafficSchema),
    drill: Type.Optional(PlanDrillSchema),
    autoFailover: Type.Optional(AutoFailoverSchema),
    allowedHosts: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 253 }), {
        maxItems: 50,
        description: 'Hosts webhooks and probes may call: "host.example.com" or "*.example.com".',
      }),
    ),
    failover: Type.Optional(FailoverOptionsSchema),
  },
  { $id: "Plan", additionalProperties: false },
);

export type Plan = Static<typeof PlanSchema>;
export type PlanGroup = Static<typeof PlanGroupSchema>;
export type PlanAction = Static<typeof PlanActionSchema>;
export type WebhookAction = Static<typeof WebhookActionSchema>;
export type RunbookAction = Static<typeof RunbookActionSchema>;
export type ApprovalAction = Static<typeof ApprovalActionSchema>;
export type ProbeAction = Static<typeof ProbeActionSchema>;
export type DelayAction = Static<typeof DelayActionSchema>;
export type PlanObjectives = Static<typeof PlanObjectivesSchema>;
export type PlanTraffic = Static<typeof PlanTrafficSchema>;
export type PlanDrill = Static<typeof PlanDrillSchema>;
export type AutoFailoverPolicy = Static<typeof AutoFailoverSchema>;
export type FailoverOptions = Static<typeof FailoverOptionsSchema>;

/** Defaults the app applies where the plan is silent (documented in the schema descriptions above). */
export const PLAN_DEFAULTS = {
  maxParallelItems: 10,
  recoveryPoint: "latestProcessed" satisfies RecoveryPointChoice,
  autoFailoverWindowMinutes: 15,
  webhookMethod: "POST",
  webhookTimeoutSeconds: 30,
  runbookTimeoutMinutes: 30,
  probeExpectStatus: 200,
  probeTimeoutSeconds: 10,
  probeRetries: 3,
} as const;
