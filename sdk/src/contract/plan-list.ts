import { Type, type Static } from "@sinclair/typebox";
import { PageSchema } from "./list.js";
import { PLAN_NAME_PATTERN, PlanSchema } from "./plan.js";

/** A plan's name where it appears in a URL or a query. */
export const PlanNameSchema = Type.String({ pattern: PLAN_NAME_PATTERN, minLength: 1, maxLength: 63 });

export const PlanListSchema = PageSchema(PlanSchema, "PlanList");
export type PlanList = Static<typeof PlanListSchema>;
