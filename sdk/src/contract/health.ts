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

/** Where the worst RPO is heading over the last few sweeps; `unknown` until two sweeps measured one. */
export const RpoTrendSchema = Type.Union(
  [Type.Literal("rising"), Type.Literal("falling"), Type.Literal("steady"), Type.Literal("unknown")],
  { $id: "RpoTrend" },
);
export type RpoTrend = Static<typeof RpoTrendSchema>;

const BurnWindowSchema = Type.Object({
  minutes: Type.Integer({ minimum: 1 }),
  burnRate: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
    description: "How many times faster than allowed the error budget burns over the window; null without data.",
  }),
});

/**
 * The RPO service-level objective: the share of minutes with every item within the RPO objective, over a window,
 * and the multi-window burn rate of its error budget that alerts when both windows burn at the threshold or above.
 */
export const RpoSloSchema = Type.Object(
  {
    targetShare: Type.Number({ minimum: 0, maximum: 1 }),
    windowMinutes: Type.Integer({ minimum: 1 }),
    share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: "Share of known minutes within the objective over the window; null without data.",
    }),
    budgetRemaining: Type.Union([Type.Number(), Type.Null()], {
      description: "Error budget left, as a share of the whole budget (negative when overspent); null without data.",
    }),
    longWindow: BurnWindowSchema,
    shortWindow: BurnWindowSchema,
    burnRateThreshold: Type.Number({ minimum: 0 }),
    burning: Type.Boolean({ description: "Both windows burn at the threshold or above: the alert condition." }),
  },
  { $id: "RpoSlo" },
);
export type RpoSlo = Static<typeof RpoSloSchema>;

/**
 * A plan's replication health. `asOf` is when the sweep read ASR and `ageSeconds` how old that was when the
 * response was made: a stale snapshot must look stale. Both are null before the first sweep, and the RPO trend,
 * SLO and plan-level problems come only with a sweep that saw the plan.
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
    rpoTrend: Type.Optional(RpoTrendSchema),
    rpoSlo: Type.Optional(RpoSloSchema),
    problems: Type.Optional(Type.Array(Type.String(), { description: "Plan-level findings, one line each." })),
  },
  { $id: "PlanHealth" },
);
export type PlanHealth = Static<typeof PlanHealthSchema>;

/** `GET /health`: every plan's health, with the latest sweep's time and age (null before the first sweep). */
export const EstateHealthSchema = Type.Object(
  {
    asOf: Type.Union([DateTimeSchema, Type.Null()]),
    ageSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
    plans: Type.Array(PlanHealthSchema),
  },
  { $id: "EstateHealth" },
);
export type EstateHealth = Static<typeof EstateHealthSchema>;
