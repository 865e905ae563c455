import { Type, type Static } from "@sinclair/typebox";
import { DateTimeSchema } from "./names.js";
import { PageSchema } from "./list.js";
import { OperationErrorSchema, OperationStepSchema } from "./operation.js";

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

/** The fields every view of a drill has: the evidence at a glance. */
const drillSummaryProperties = {
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
};

/** One drill as listed (`GET /drills`): the evidence at a glance, whether its stored report is intact, RTO per group. */
export const DrillSummarySchema = Type.Object(
  {
    ...drillSummaryProperties,
    intact: Type.Optional(
      Type.Boolean({ description: "The stored report (JSON and HTML) still hashes to what was recorded when it was written." }),
    ),
    groupRtoSeconds: Type.Optional(
      Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
        description: "Seconds each group (tier) took to recover, by group name; groups that did not run are absent.",
      }),
    ),
  },
  { $id: "DrillSummary" },
);
export type DrillSummary = Static<typeof DrillSummarySchema>;

export const DrillItemResultSchema = Type.Object(
  {
    item: Type.String(),
    group: Type.Optional(Type.String()),
    status: Type.Union([Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("skipped")]),
    jobId: Type.Optional(Type.String({ description: "ARM id of the Site Recovery test failover job." })),
    recoveryPointTime: Type.Optional(DateTimeSchema),
    rpoSeconds: Type.Optional(
      Type.Number({ minimum: 0, description: "Age of the recovery point when the test failover began." }),
    ),
    durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    error: Type.Optional(OperationErrorSchema),
  },
  { $id: "DrillItemResult" },
);
export type DrillItemResult = Static<typeof DrillItemResultSchema>;

export const ProbeResultSchema = Type.Object(
  {
    name: Type.String(),
    url: Type.Optional(Type.String()),
    passed: Type.Boolean(),
    attempts: Type.Optional(Type.Integer({ minimum: 0 })),
    statusCode: Type.Optional(Type.Integer()),
    latencyMs: Type.Optional(Type.Number({ minimum: 0 })),
    message: Type.Optional(Type.String()),
  },
  { $id: "ProbeResult" },
);
export type ProbeResult = Static<typeof ProbeResultSchema>;

/** The objectives the drill was held to: the plan's, and the RTO budget (the drill's own, else the plan's RTO). */
export const DrillObjectivesSchema = Type.Object(
  {
    rpoSeconds: Type.Number({ minimum: 0 }),
    rtoSeconds: Type.Number({ minimum: 0 }),
    rtoBudgetSeconds: Type.Number({ minimum: 0 }),
  },
  { $id: "DrillObjectives" },
);
export type DrillObjectives = Static<typeof DrillObjectivesSchema>;

export const ObjectiveCheckSchema = Type.Object(
  {
    objective: Type.Union([Type.Literal("rto"), Type.Literal("rpo")]),
    passed: Type.Boolean(),
    limitSeconds: Type.Number({ minimum: 0 }),
    measuredSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    detail: Type.String(),
  },
  { $id: "ObjectiveCheck" },
);
export type ObjectiveCheck = Static<typeof ObjectiveCheckSchema>;

/** One group (tier) of the drill: from its first item's test failover start to its last item's end. */
export const DrillGroupSchema = Type.Object(
  {
    name: Type.String(),
    items: Type.Integer({ minimum: 0 }),
    status: Type.Union([Type.Literal("succeeded"), Type.Literal("failed"), Type.Literal("skipped")]),
    startedAt: Type.Optional(DateTimeSchema),
    endedAt: Type.Optional(DateTimeSchema),
    durationSeconds: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { $id: "DrillGroup" },
);
export type DrillGroup = Static<typeof DrillGroupSchema>;

export const DrillTimelineEntrySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal("group"), Type.Literal("probe"), Type.Literal("cleanup")]),
    label: Type.String(),
    status: Type.String(),
    startedAt: DateTimeSchema,
    endedAt: DateTimeSchema,
  },
  { $id: "DrillTimelineEntry" },
);
export type DrillTimelineEntry = Static<typeof DrillTimelineEntrySchema>;

/** The recovery on one time axis: the measured RTO is the span from `startedAt` to `recoveredAt` (cleanup excluded). */
export const DrillTimelineSchema = Type.Object(
  {
    startedAt: Type.Optional(DateTimeSchema),
    recoveredAt: Type.Optional(DateTimeSchema),
    spanSeconds: Type.Optional(Type.Number({ minimum: 0 })),
    entries: Type.Array(DrillTimelineEntrySchema),
  },
  { $id: "DrillTimeline" },
);
export type DrillTimeline = Static<typeof DrillTimelineSchema>;

/** The cleanup of the test failover, checked against Site Recovery afterwards. */
export const CleanupVerificationSchema = Type.Object(
  {
    status: CleanupStatusSchema,
    clean: Type.Boolean({ description: "Site Recovery shows no item of the plan with a test failover any more." }),
    attempts: Type.Integer({ minimum: 0 }),
    leftovers: Type.Array(Type.String()),
    failures: Type.Array(OperationErrorSchema),
    verified: Type.Boolean({ description: "Site Recovery's state could be read to check the cleanup." }),
    startedAt: DateTimeSchema,
    endedAt: DateTimeSchema,
  },
  { $id: "CleanupVerification" },
);
export type CleanupVerification = Static<typeof CleanupVerificationSchema>;

export const GroupTrendPointSchema = Type.Object(
  { drillId: Type.String(), startedAt: DateTimeSchema, seconds: Type.Number({ minimum: 0 }) },
  { $id: "GroupTrendPoint" },
);
export type GroupTrendPoint = Static<typeof GroupTrendPointSchema>;

/** One group's duration over the plan's drills, oldest first, this drill last. */
export const GroupTrendSchema = Type.Object(
  {
    group: Type.String(),
    points: Type.Array(GroupTrendPointSchema),
    changeSeconds: Type.Optional(Type.Number({ description: "This drill minus the previous one." })),
  },
  { $id: "GroupTrend" },
);
export type GroupTrend = Static<typeof GroupTrendSchema>;

const DocumentHashSchema = Type.Object({ sha256: Type.String(), matches: Type.Boolean() });

/** Whether the stored report is still the one written when the drill ended: each document hashed again on read. */
export const ReportIntegritySchema = Type.Object(
  {
    algorithm: Type.Literal("SHA-256"),
    intact: Type.Boolean(),
    json: DocumentHashSchema,
    html: DocumentHashSchema,
  },
  { $id: "ReportIntegrity" },
);
export type ReportIntegrity = Static<typeof ReportIntegritySchema>;

/**
 * `GET /drills/{id}`: the summary plus what happened to each item and each probe. A drill that has ended is served
 * from its stored report, with every optional field below and the report's integrity; a drill still running is
 * shown from its operation, with the summary only.
 * Spelled as one object (not `Type.Composite`) so the declared type lists its keys in a stable order and the
 * API report does not change with the compiler's type-checking order.
 */
export const DrillSchema = Type.Object(
  {
    ...drillSummaryProperties,
    items: Type.Array(DrillItemResultSchema),
    probes: Type.Array(ProbeResultSchema),
    reason: Type.Optional(Type.String()),
    startedBy: Type.Optional(Type.String()),
    objectives: Type.Optional(DrillObjectivesSchema),
    checks: Type.Optional(Type.Array(ObjectiveCheckSchema)),
    groups: Type.Optional(Type.Array(DrillGroupSchema)),
    timeline: Type.Optional(DrillTimelineSchema),
    cleanupVerification: Type.Optional(CleanupVerificationSchema),
    trend: Type.Optional(Type.Array(GroupTrendSchema)),
    slowerGroups: Type.Optional(
      Type.Array(Type.String(), { description: "Groups slower than in the previous drill, the biggest change first." }),
    ),
    failures: Type.Optional(Type.Array(Type.String(), { description: "Why the drill did not pass; empty when it passed." })),
    steps: Type.Optional(Type.Array(OperationStepSchema, { description: "The operation's steps as they ended." })),
    testNetworkId: Type.Optional(Type.String()),
    integrity: Type.Optional(ReportIntegritySchema),
  },
  { $id: "Drill" },
);
export type Drill = Static<typeof DrillSchema>;

export const DrillListSchema = PageSchema(DrillSummarySchema, "DrillList");
export type DrillList = Static<typeof DrillListSchema>;
