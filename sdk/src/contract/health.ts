import { Type, type Static } from "@sinclair/typebox";
import { DateTimeSchema } from "./names.js";

export const HealthStatusSchema = Type.Union(
  [Type.Literal("healthy"), Type.Literal("warning"), Type.Literal("critical"), Type.Literal("unknown")],
  { $id: "HealthStatus" },
);
export type HealthStatus = Static<typeof HealthStatusSchema>;

/** One protected item as of the last health sweep. `rpoSeconds` is null when ASR reports no recovery point yet. */
export const ItemHealthSchema = Type.Object(
  {
    item: Type.String(),
    status: HealthStatusSchema,
    replicationHealth: Type.String({ description: "ASR's replicationHealth as reported (Normal, Warning, Critical)." }),
    rpoSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    lastRecoveryPointTime: Type.Optional(DateTimeSchema),
    problems: Type.Optional(Type.Array(Type.String())),
  },
  { $id: "ItemHealth" },
);
export type ItemHealth = Static<typeof ItemHealthSchema>;

/**
 * A plan's replication health. `asOf` is when the sweep read ASR and `ageSeconds` how old that was when the
 * response was made: a stale snapshot must look stale. Both are null before the first sweep.
 */
export const PlanHealthSchema = Type.Object(
  {
    plan: Type.String(),
    status: HealthStatusSchema,
    rpoObjectiveSeconds: Type.Number({ minimum: 0 }),
    worstRpoSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    asOf: Type.Union([DateTimeSchema, Type.Null()]),
    ageSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    items: Type.Array(ItemHealthSchema),
  },
  { $id: "PlanHealth" },
);
export type PlanHealth = Static<typeof PlanHealthSchema>;

/** `GET /health`: every plan's health. */
export const EstateHealthSchema = Type.Object(
  {
    asOf: Type.Union([DateTimeSchema, Type.Null()]),
    plans: Type.Array(PlanHealthSchema),
  },
  { $id: "EstateHealth" },
);
export type EstateHealth = Static<typeof EstateHealthSchema>;
