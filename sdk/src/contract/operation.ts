import { Type, type Static } from "@sinclair/typebox";
import { DateTimeSchema } from "./names.js";
import { PageSchema } from "./list.js";

export const OperationKindSchema = Type.Union(
  [Type.Literal("failover"), Type.Literal("commit"), Type.Literal("failback"), Type.Literal("drill")],
  { $id: "OperationKind" },
);
export type OperationKind = Static<typeof OperationKindSchema>;

export const OperationStatusSchema = Type.Union(
  [
    Type.Literal("running"),
    Type.Literal("waitingForApproval"),
    Type.Literal("succeeded"),
    Type.Literal("failed"),
    Type.Literal("canceled"),
  ],
  { $id: "OperationStatus" },
);
export type OperationStatus = Static<typeof OperationStatusSchema>;

/** Statuses after which an operation never changes again. */
export const TERMINAL_OPERATION_STATUSES: readonly OperationStatus[] = ["succeeded", "failed", "canceled"];

export const StepStatusSchema = Type.Union(
  [
    Type.Literal("pending"),
    Type.Literal("running"),
    Type.Literal("waitingForApproval"),
    Type.Literal("succeeded"),
    Type.Literal("failed"),
    Type.Literal("skipped"),
    Type.Literal("canceled"),
  ],
  { $id: "StepStatus" },
);
export type StepStatus = Static<typeof StepStatusSchema>;

/** What went wrong; `item` names the protected item when the failure is one item's (ASR's error in `message`). */
export const OperationErrorSchema = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    item: Type.Optional(Type.String()),
  },
  { $id: "OperationError" },
);
export type OperationError = Static<typeof OperationErrorSchema>;

/** One step of the timeline: an item's ASR action, a before/after action of a group, a probe, the traffic switch. */
export const OperationStepSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    group: Type.Optional(Type.String()),
    item: Type.Optional(Type.String()),
    status: StepStatusSchema,
    startedAt: Type.Optional(DateTimeSchema),
    endedAt: Type.Optional(DateTimeSchema),
    durationMs: Type.Optional(Type.Integer({ minimum: 0 })),
    jobId: Type.Optional(Type.String({ description: "ARM id of the Site Recovery job that did the work." })),
    error: Type.Optional(OperationErrorSchema),
  },
  { $id: "OperationStep" },
);
export type OperationStep = Static<typeof OperationStepSchema>;

export const ApprovalTimeoutChoiceSchema = Type.Union([Type.Literal("approve"), Type.Literal("reject")], {
  $id: "ApprovalTimeoutChoice",
});
export type ApprovalTimeoutChoice = Static<typeof ApprovalTimeoutChoiceSchema>;

/** Present while the operation waits at an approval step. */
export const PendingApprovalSchema = Type.Object(
  {
    stepId: Type.Optional(Type.String()),
    prompt: Type.String(),
    requestedAt: DateTimeSchema,
    timeoutAt: DateTimeSchema,
    onTimeout: ApprovalTimeoutChoiceSchema,
  },
  { $id: "PendingApproval" },
);
export type PendingApproval = Static<typeof PendingApprovalSchema>;

/** A decision taken on an approval step, with who took it. */
export const ApprovalDecisionSchema = Type.Object(
  {
    stepId: Type.Optional(Type.String()),
    decision: Type.Union([Type.Literal("approved"), Type.Literal("rejected"), Type.Literal("timedOut")]),
    by: Type.String(),
    at: DateTimeSchema,
    comment: Type.Optional(Type.String()),
  },
  { $id: "ApprovalDecision" },
);
export type ApprovalDecision = Static<typeof ApprovalDecisionSchema>;

export const RecoveryPointUsedSchema = Type.Object(
  {
    item: Type.String(),
    recoveryPointTime: DateTimeSchema,
    dataLossSeconds: Type.Number({ minimum: 0 }),
  },
  { $id: "RecoveryPointUsed" },
);
export type RecoveryPointUsed = Static<typeof RecoveryPointUsedSchema>;

/** What a finished operation measured: RTO from start to traffic switched, and the data loss per item. */
export const OperationResultSchema = Type.Object(
  {
    rtoSeconds: Type.Number({ minimum: 0 }),
    recoveryPoints: Type.Array(RecoveryPointUsedSchema),
  },
  { $id: "OperationResult" },
);
export type OperationResult = Static<typeof OperationResultSchema>;

/** The state of one failover, commit, failback or drill; `GET /operations/{id}` and the 202 of a start. */
export const OperationSchema = Type.Object(
  {
    id: Type.String(),
    plan: Type.String(),
    kind: OperationKindSchema,
    status: OperationStatusSchema,
    startedBy: Type.String(),
    reason: Type.String(),
    createdAt: DateTimeSchema,
    updatedAt: DateTimeSchema,
    steps: Type.Array(OperationStepSchema),
    pendingApproval: Type.Optional(PendingApprovalSchema),
    approvals: Type.Optional(Type.Array(ApprovalDecisionSchema)),
    result: Type.Optional(OperationResultSchema),
    error: Type.Optional(OperationErrorSchema),
  },
  { $id: "Operation" },
);
export type Operation = Static<typeof OperationSchema>;

export const OperationListSchema = PageSchema(OperationSchema, "OperationList");
export type OperationList = Static<typeof OperationListSchema>;
