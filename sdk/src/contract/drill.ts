import { Type, type Static } from "@sinclair/typebox";
import { DateTimeSchema } from "./names.js";
import { PageSchema } from "./list.js";
import { OperationErrorSchema } from "./operation.js";

export const DrillStatusSchema = Type.Union(
  [Type.Literal("running"), Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("canceled")],
  { $id: "DrillStatus" },
);
export type DrillStatus = Static<typeof DrillStatusSchema>;

/** Cleanup of the test failover always runs; its own status is reported apart from the drill's. */
export const CleanupStatusSchema = Type.Union(
  [Type.Literal("pending"), Type.Literal("running"), Type.Literal("succeeded"), Type.Literal("failed")],
  { $id: "CleanupStatus" },
);
export type CleanupStatus = Static<typeof CleanupStatusSchema>;

/** One drill as listed: the evidence at a glance. */
export const DrillSummarySchema = Type.Object(
  {
    id: Type.String(),
    plan: Type.String(),
    operationId: Type.String(),
    status: DrillStatusSchema,
    startedAt: DateTimeSchema,
    endedAt: Type.Optional(DateTimeSchema),
    rtoSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    itemsTotal: Type.Integer({ minimum: 0 }),
    itemsSucceeded: Type.Integer({ minimum: 0 }),
    probesPassed: Type.Integer({ minimum: 0 }),
    probesFailed: Type.Integer({ minimum: 0 }),
    cleanup: CleanupStatusSchema,
    reportUrl: Type.Optional(Type.String({ description: "Where the HTML report is served." })),
  },
  { $id: "DrillSummary" },
);
export type DrillSummary = Static<typeof DrillSummarySchema>;

export const DrillItemResultSchema = Type.Object(
  {
    item: Type.String(),
    status: Type.Union([Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("skipped")]),
    recoveryPointTime: Type.Optional(DateTimeSchema),
    durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    error: Type.Optional(OperationErrorSchema),
  },
  { $id: "DrillItemResult" },
);
export type DrillItemResult = Static<typeof DrillItemResultSchema>;

export const ProbeResultSchema = Type.Object(
  {
    name: Type.String(),
    passed: Type.Boolean(),
    statusCode: Type.Optional(Type.Integer()),
    latencyMs: Type.Optional(Type.Number({ minimum: 0 })),
    message: Type.Optional(Type.String()),
  },
  { $id: "ProbeResult" },
);
export type ProbeResult = Static<typeof ProbeResultSchema>;

/**
 * `GET /drills/{id}`: the summary plus what happened to each item and each probe.
 * Spelled as one object (not `Type.Composite`) so the declared type lists its keys in a stable order and the
 * API report does not change with the compiler's type-checking order.
 */
export const DrillSchema = Type.Object(
  {
    ...DrillSummarySchema.properties,
    items: Type.Array(DrillItemResultSchema),
    probes: Type.Array(ProbeResultSchema),
  },
  { $id: "Drill" },
);
export type Drill = Static<typeof DrillSchema>;

export const DrillListSchema = PageSchema(DrillSummarySchema, "DrillList");
export type DrillList = Static<typeof DrillListSchema>;
