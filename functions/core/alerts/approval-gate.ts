// A failover the policy starts with approval required waits for a person before it touches anything: the plan it
// runs is the stored plan with one approval step put in front of the first group. The stored plan is not changed.
import type { ApprovalAction, Plan } from "@standby/client/contract";

/** How long an automatic failover waits for a decision; unanswered, it does not fail over. */
export const AUTO_FAILOVER_APPROVAL_MINUTES = 60;

export const AUTO_FAILOVER_APPROVAL_NAME = "Approve automatic failover";

export function withApprovalGate(plan: Plan, prompt: string): Plan {
  const gate: ApprovalAction = {
    type: "approval",
    name: AUTO_FAILOVER_APPROVAL_NAME,
    prompt: prompt.length > 1000 ? `${prompt.slice(0, 999)}…` : prompt,
    timeoutMinutes: AUTO_FAILOVER_APPROVAL_MINUTES,
    onTimeout: "reject",
  };
  const [first, ...rest] = plan.groups;
  if (first === undefined) return plan;
  return { ...plan, groups: [{ ...first, before: [gate, ...(first.before ?? [])] }, ...rest] };
}
