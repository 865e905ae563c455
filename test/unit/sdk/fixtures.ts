import type { Operation, OperationStatus, OperationStep, Plan } from "@standby/client";

const T0 = Date.parse("2026-01-05T10:00:00Z");

export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

export function step(id: string, status: OperationStep["status"], extra: Partial<OperationStep> = {}): OperationStep {
  return { id, name: `Fail over ${id}`, group: "db", item: id, status, ...extra };
}

/** An operation in the given status with the given steps. */
export function operation(
  id: string,
  status: OperationStatus,
  steps: OperationStep[],
  extra: Partial<Operation> = {},
): Operation {
  return {
    id,
    plan: "shop",
    kind: "failover",
    status,
    startedBy: "ops@contoso.com",
    reason: "region outage",
    createdAt: at(0),
    updatedAt: at(steps.length),
    steps,
    ...extra,
  };
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "about:blank", title, status, ...extra };
}

/** A plan that satisfies the contract's schema. */
export const shopPlan: Plan = {
  name: "shop",
  vault: { subscriptionId: "sub", resourceGroup: "rg", name: "vault" },
  objectives: { rpoSeconds: 300, rtoSeconds: 1800 },
  groups: [
    { name: "db", items: ["db-1"] },
    { name: "web", items: ["web-1"], after: [{ type: "approval", prompt: "Open the gates?", timeoutMinutes: 30, onTimeout: "reject" }] },
  ],
};

/** What a promise rejected with; fails the test when it resolves instead. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}
