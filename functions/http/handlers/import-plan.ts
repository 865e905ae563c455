// `POST /plans/{plan}/import {vault, recoveryPlanName}`: reads the ASR recovery plan and stores it as the Standby
// plan, validated like a PUT and under the same If-Match / If-None-Match rules, and like a PUT refused with 409 while
// an operation of the plan runs. When the plan exists, only its vault and groups are replaced: objectives, traffic,
// drill and policy settings are Standby's own and ASR has none.
// Actions that cannot be carried over (script actions) refuse the import with 422, each located in the ASR plan.
// Otherwise the answer carries the stored plan and the import's warning and info findings (actions left out, moved
// or narrowed, values the import chose), so the operator sees what changed without reading the ASR plan side by side.
import { PlanImportRequestSchema, type Plan, type PlanImportRequest, type PlanImportResult } from "@standby/client/contract";
import { DomainError, planInvalid } from "../../core/errors";
import { importAsrRecoveryPlan } from "../../core/plan/import-asr";
import { validatePlan } from "../../core/plan/validate";
import { readFromArm } from "../arm-failure";
import type { RouteHandler } from "../dependencies";
import { HttpProblem } from "../problem";
import { planNameParam, readBody } from "../request-input";
import { planWritten, refuseWhileBusy } from "./plans";

export const importPlan: RouteHandler = async (request, deps) => {
  const name = planNameParam(request);
  const body = await readBody<PlanImportRequest>(request, PlanImportRequestSchema);
  const asrPlan = await readFromArm(() => deps.readRecoveryPlan(body.vault, body.recoveryPlanName));
  if (asrPlan === undefined) {
    throw new HttpProblem(404, "RecoveryPlanNotFound", `The vault ${body.vault.name} has no recovery plan "${body.recoveryPlanName}".`);
  }
  const existing = await deps.plans.get(name);
  const imported = importAsrRecoveryPlan(asrPlan, { name, vault: body.vault, ...(existing ? { objectives: existing.plan.objectives } : {}) });
  const blocking = imported.findings.filter((finding) => finding.severity === "error");
  const notes = imported.findings.filter((finding) => finding.severity !== "error");
  if (blocking.length > 0) {
    throw new DomainError("ImportUnsupported", `The recovery plan uses ${blocking.length} thing${blocking.length === 1 ? "" : "s"} Standby cannot carry over.`, {
      errors: blocking.map((finding) => ({ pointer: finding.recoveryPlanPointer, message: finding.message })),
      reasons: blocking.map((finding) => finding.message),
    });
  }
  const draft: Plan = existing ? { ...existing.plan, vault: imported.plan.vault, groups: imported.plan.groups } : imported.plan;
  const validation = validatePlan(draft, { expectedName: name, allowLoopback: deps.allowLoopbackTargets, appAllowedHosts: deps.allowedHosts });
  if (!validation.ok) throw planInvalid(validation.errors);
  await refuseWhileBusy(name, deps);
  const ifMatch = request.header("if-match");
  const ifNoneMatch = request.header("if-none-match");
  const written = await deps.plans.put(validation.plan, {
    ...(ifMatch === undefined ? {} : { ifMatch }),
    ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
  });
  const result: PlanImportResult = { plan: validation.plan, findings: notes };
  return { ...planWritten(validation.plan, written), body: result };
};
