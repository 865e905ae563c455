import { Type, type Static } from "@sinclair/typebox";
import { PlanSchema } from "./plan.js";
import { FindingSeveritySchema } from "./readiness.js";

/**
 * One change of meaning made while importing an ASR recovery plan: an action left out, moved, narrowed or given a
 * value ASR did not have. Error findings refuse the import (422, with `errors` pointing into the recovery plan);
 * warning and info findings come with the stored plan, so that nothing is changed or dropped silently.
 */
export const PlanImportFindingSchema = Type.Object(
  {
    code: Type.String({
      description:
        "Stable identifier, e.g. UnsupportedAction, ActionNarrowed, ActionMoved, TimeoutClamped, ApprovalTimeoutChosen, EmptyGroup.",
    }),
    severity: FindingSeveritySchema,
    message: Type.String(),
    recoveryPlanPointer: Type.String({
      description: "JSON pointer into the ASR recovery plan (as Site Recovery returns it), to what the finding is about.",
    }),
    pointer: Type.Optional(
      Type.String({
        description: "JSON pointer into the stored plan, to what the import made of it; absent when nothing was carried over.",
      }),
    ),
  },
  { $id: "PlanImportFinding" },
);
export type PlanImportFinding = Static<typeof PlanImportFindingSchema>;

/** Answer of `POST /plans/{plan}/import`: the stored plan and what the import changed or left out. */
export const PlanImportResultSchema = Type.Object(
  {
    plan: PlanSchema,
    findings: Type.Array(PlanImportFindingSchema, {
      description: "Warning and info findings, in the recovery plan's order; empty when everything carried over as it was.",
    }),
  },
  { $id: "PlanImportResult" },
);
export type PlanImportResult = Static<typeof PlanImportResultSchema>;
