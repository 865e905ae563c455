import { Type, type Static } from "@sinclair/typebox";
import { DateTimeSchema } from "./names.js";

export const FindingSeveritySchema = Type.Union(
  [Type.Literal("error"), Type.Literal("warning"), Type.Literal("info")],
  { $id: "FindingSeverity" },
);
export type FindingSeverity = Static<typeof FindingSeveritySchema>;

/** One thing that would make a failover of the plan fail or degrade, found against live ASR/TM state. */
export const ReadinessFindingSchema = Type.Object(
  {
    code: Type.String({ description: "Stable identifier, e.g. ItemNotProtected, RpoOverObjective." }),
    severity: FindingSeveritySchema,
    message: Type.String(),
    item: Type.Optional(Type.String()),
    pointer: Type.Optional(Type.String({ description: "JSON pointer into the plan, when a plan field is at fault." })),
  },
  { $id: "ReadinessFinding" },
);
export type ReadinessFinding = Static<typeof ReadinessFindingSchema>;

/** `POST /plans/{plan}/validate`: 100 means nothing found; every error finding lowers it. */
export const ReadinessSchema = Type.Object(
  {
    plan: Type.String(),
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    checkedAt: DateTimeSchema,
    findings: Type.Array(ReadinessFindingSchema),
  },
  { $id: "Readiness" },
);
export type Readiness = Static<typeof ReadinessSchema>;
