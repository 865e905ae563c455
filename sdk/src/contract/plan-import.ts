import { Type, type Static } from "@sinclair/typebox";

/** A Recovery Services vault, as ARM names it. */
export const VaultReferenceSchema = Type.Object(
  {
    subscriptionId: Type.String({ minLength: 1 }),
    resourceGroup: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
  },
  { $id: "VaultReference", additionalProperties: false },
);
export type VaultReference = Static<typeof VaultReferenceSchema>;

/**
 * Body of `POST /plans/{plan}/import`: read an ASR recovery plan (its groups, items and manual/script actions) and
 * store it as the Standby plan `{plan}`, validated like a PUT. The answer is a {@link PlanImportResult}: the stored
 * plan and the findings that say what the import changed or left out.
 */
export const PlanImportRequestSchema = Type.Object(
  {
    vault: VaultReferenceSchema,
    recoveryPlanName: Type.String({ minLength: 1, description: "Name of the ASR recovery plan in the vault." }),
  },
  { $id: "PlanImportRequest", additionalProperties: false },
);
export type PlanImportRequest = Static<typeof PlanImportRequestSchema>;
