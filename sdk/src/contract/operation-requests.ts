import { Type, type Static } from "@sinclair/typebox";

const ReasonSchema = Type.String({ minLength: 1, maxLength: 1000, description: "Why; recorded in the timeline." });
const CommentSchema = Type.String({ maxLength: 2000 });

export const FailoverModeSchema = Type.Union([Type.Literal("planned"), Type.Literal("unplanned")], {
  $id: "FailoverMode",
});
export type FailoverMode = Static<typeof FailoverModeSchema>;

/** Which recovery point each item fails over to. */
export const RecoveryPointChoiceSchema = Type.Union(
  [Type.Literal("latest"), Type.Literal("latestProcessed"), Type.Literal("latestApplicationConsistent")],
  { $id: "RecoveryPointChoice" },
);
export type RecoveryPointChoice = Static<typeof RecoveryPointChoiceSchema>;

/** Body of `POST /plans/{plan}/failover`. */
export const FailoverRequestSchema = Type.Object(
  {
    mode: FailoverModeSchema,
    recoveryPoint: Type.Optional(RecoveryPointChoiceSchema),
    reason: ReasonSchema,
    force: Type.Optional(
      Type.Boolean({ description: "Fail over even when the RPO budget or a preflight guard says no." }),
    ),
  },
  { $id: "FailoverRequest", additionalProperties: false },
);
export type FailoverRequest = Static<typeof FailoverRequestSchema>;

/** Body of `POST /plans/{plan}/commit`: makes the last failover final (recovery points are discarded). */
export const CommitRequestSchema = Type.Object(
  { reason: Type.Optional(ReasonSchema) },
  { $id: "CommitRequest", additionalProperties: false },
);
export type CommitRequest = Static<typeof CommitRequestSchema>;

/** Body of `POST /plans/{plan}/failback`: reprotect, wait for healthy reverse replication, fail back, reprotect. */
export const FailbackRequestSchema = Type.Object(
  {
    reason: ReasonSchema,
    recoveryPoint: Type.Optional(RecoveryPointChoiceSchema),
    force: Type.Optional(Type.Boolean()),
  },
  { $id: "FailbackRequest", additionalProperties: false },
);
export type FailbackRequest = Static<typeof FailbackRequestSchema>;

/** Body of `POST /plans/{plan}/drills`: a non-disruptive test failover into the plan's isolated network. */
export const DrillRequestSchema = Type.Object(
  {
    reason: Type.Optional(ReasonSchema),
    recoveryPoint: Type.Optional(RecoveryPointChoiceSchema),
  },
  { $id: "DrillRequest", additionalProperties: false },
);
export type DrillRequest = Static<typeof DrillRequestSchema>;

/** Body of `POST /operations/{id}/approve` and `/reject`. */
export const ApprovalDecisionRequestSchema = Type.Object(
  { comment: Type.Optional(CommentSchema) },
  { $id: "ApprovalDecisionRequest", additionalProperties: false },
);
export type ApprovalDecisionRequest = Static<typeof ApprovalDecisionRequestSchema>;

/** Body of `POST /operations/{id}/cancel`. */
export const CancelRequestSchema = Type.Object(
  { reason: Type.Optional(ReasonSchema) },
  { $id: "CancelRequest", additionalProperties: false },
);
export type CancelRequest = Static<typeof CancelRequestSchema>;
