import type { Plan } from "@standby/client/contract";
import { takeAlertEvent, type AlertIntakeDeps } from "../../../functions/activities/alerts/alert-intake";
import type { PlanSignals, ReceivedEvent, RecordedDecision, StartOutcome } from "../../../functions/activities/alerts/alert-store";
import type { HealthSnapshot } from "../../../functions/activities/health/health-snapshot";
import type { PolicyDecision } from "../../../functions/core/alerts/policy";
import { RESOURCE_HEALTH_EVENT, type Signal } from "../../../functions/core/alerts/signals";
import { evaluatePlanHealth } from "../../../functions/core/health/evaluate";
import { NOTHING_ANNOUNCED } from "../../../functions/core/alerts/health-alerts";
import { plan, sweptItem, vmId } from "./fixtures";

const AT = Date.UTC(2026, 0, 1, 12, 0, 0);

class MemoryIntake {
  readonly events: ReceivedEvent[] = [];
  readonly decisions: RecordedDecision[] = [];
  readonly bySignalPlan = new Map<string, PlanSignals>();
  readonly starts: PolicyDecision[] = [];
  plans = new Map<string, Plan>();
  snapshot: HealthSnapshot | undefined;

  deps(): AlertIntakeDeps {
    return {
      store: {
        recordEvent: async (event) => void this.events.push(event),
        recordDecision: async (decision) => void this.decisions.push(decision),
        addSignals: async (name, signals) => {
          const current = this.bySignalPlan.get(name) ?? { signals: [] };
          const seen = new Set(current.signals.map((signal) => `${signal.eventId}|${signal.key}`));
          const next = { ...current, signals: [...current.signals, ...signals.filter((signal: Signal) => !seen.has(`${signal.eventId}|${signal.key}`))] };
          this.bySignalPlan.set(name, next);
          return next;
        },
        setLastAutoStart: async (name, start) => {
          const next = { ...(this.bySignalPlan.get(name) ?? { signals: [] }), lastAutoStart: start };
          this.bySignalPlan.set(name, next);
          return next;
        },
      },
      latestHealth: async () => this.snapshot,
      plan: async (name) => this.plans.get(name),
      lastOperation: async () => undefined,
      startFailover: async (decision): Promise<StartOutcome> => {
        this.starts.push(decision);
        return { started: true, operationId: `failover-${this.starts.length}` };
      },
      nowMs: () => AT,
    };
  }
}

function intake(): MemoryIntake {
  const memory = new MemoryIntake();
  const shop = plan({ autoFailover: { enabled: true, minSignals: 2, cooldownMinutes: 60, approval: "required" } });
  memory.plans.set("shop", shop);
  const evaluation = evaluatePlanHealth({ plan: shop, vaultItems: [sweptItem("db-1"), sweptItem("web-1")], atMs: AT - 60_000 });
  memory.snapshot = { sweepId: "s1", asOf: new Date(AT - 60_000).toISOString(), vaults: [], plans: [{ ...evaluation, announced: NOTHING_ANNOUNCED, alerts: [] }] };
  return memory;
}

function unavailable(machine: string, id: string, atMs = AT): Record<string, unknown> {
  const time = new Date(atMs).toISOString();
  return { id, eventType: RESOURCE_HEALTH_EVENT, eventTime: time, subject: machine, dataVersion: "1", data: { resourceInfo: { properties: { targetResourceId: machine, availabilityState: "Unavailable", occurredTime: time } } } };
}

describe("alert intake", () => {
  it("records a bad event as ignored, with the event as delivered, and does not throw", async () => {
    const memory = intake();
    const result = await takeAlertEvent({ id: "x", eventType: "Something.Else", data: { secret: "kept short" } }, memory.deps());
    expect(result.decisions).toEqual([]);
    expect(memory.events).toEqual([expect.objectContaining({ outcome: "ignored", eventId: "x", eventType: "Something.Else", raw: expect.stringContaining("Something.Else") })]);
  });

  it("ignores an event about a machine no plan uses, and one that arrives before any sweep", async () => {
    const memory = intake();
    await takeAlertEvent(unavailable(vmId("elsewhere"), "e0"), memory.deps());
    expect(memory.events[0]).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/concerns no plan/) });
    memory.snapshot = undefined;
    await takeAlertEvent(unavailable(vmId("vm-db-1"), "e1"), memory.deps());
    expect(memory.events[1]).toMatchObject({ outcome: "ignored" });
    expect(memory.decisions).toEqual([]);
  });

  it("decides on every event of a plan, starts once at the second independent signal, then respects the cooldown", async () => {
    const memory = intake();
    await takeAlertEvent(unavailable(vmId("vm-db-1"), "e1", AT - 2000), memory.deps());
    await takeAlertEvent(unavailable(vmId("vm-db-1"), "e1", AT - 2000), memory.deps());
    expect(memory.decisions.map((decision) => decision.summary)).toEqual(["Not enough independent signals (1 of 2).", "Not enough independent signals (1 of 2)."]);
    expect(memory.bySignalPlan.get("shop")?.signals).toHaveLength(1);

    await takeAlertEvent(unavailable(vmId("vm-web-1"), "e2", AT - 1000), memory.deps());
    expect(memory.starts).toHaveLength(1);
    const started = memory.decisions[2];
    expect(started).toMatchObject({ action: "startFailover", outcome: { started: true, operationId: "failover-1" }, trigger: { eventId: "e2", eventType: RESOURCE_HEALTH_EVENT } });
    expect(started?.inputs).toMatchObject({ policy: { minSignals: 2 }, rpo: { objectiveSeconds: 300, worstRpoSeconds: 60 }, signalsRecorded: 2 });

    await takeAlertEvent(unavailable(vmId("vm-web-1"), "e3", AT), memory.deps());
    expect(memory.starts).toHaveLength(1);
    expect(memory.decisions[3]).toMatchObject({ action: "none", summary: "Within the cooldown after failover failover-1." });
  });
});
