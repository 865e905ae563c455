// Alert intake, one delivered event at a time: read it into signals (or record why it was ignored), find the plans
// it concerns from the latest health snapshot, add the signals to each plan's record, let the plan's policy decide,
// start the failover when it says so, and record the decision with every input. A bad or unknown event is
// recorded and ignored; it never fails the trigger (which would only make Event Grid deliver it again).
import type { Plan } from "@standby/client/contract";
import { plansConcerned, type PlanFootprint } from "../../core/alerts/plan-match";
import { decideAutoFailover, type LastOperation, type PolicyDecision } from "../../core/alerts/policy";
import { readAlertEvent, type Signal } from "../../core/alerts/signals";
import type { HealthSnapshot } from "../health/health-snapshot";
import type { AlertStore, ReceivedEvent, RecordedDecision, StartOutcome } from "./alert-store";

export interface AlertIntakeDeps {
  store: Pick<AlertStore, "recordEvent" | "recordDecision" | "addSignals" | "setLastAutoStart">;
  latestHealth(): Promise<HealthSnapshot | undefined>;
  plan(name: string): Promise<Plan | undefined>;
  /** The plan's newest operation of any kind, from the operation store. */
  lastOperation(plan: string): Promise<LastOperation | undefined>;
  startFailover(decision: PolicyDecision): Promise<StartOutcome>;
  nowMs(): number;
}

export interface IntakeResult {
  event: ReceivedEvent;
  decisions: RecordedDecision[];
}

const RAW_LIMIT = 4000;

export async function takeAlertEvent(event: unknown, deps: AlertIntakeDeps): Promise<IntakeResult> {
  const receivedAtMs = deps.nowMs();
  const reading = readAlertEvent(event, receivedAtMs);
  if (!reading.accepted) {
    const ignored: ReceivedEvent = {
      receivedAtMs,
      ...eventIdOf(event),
      ...(reading.eventType === undefined ? {} : { eventType: reading.eventType }),
      outcome: "ignored",
      reason: reading.reason,
      signals: [],
      plans: [],
      raw: clipRaw(event),
    };
    await deps.store.recordEvent(ignored);
    return { event: ignored, decisions: [] };
  }

  const snapshot = await deps.latestHealth();
  const footprints: PlanFootprint[] = snapshot?.plans ?? [];
  const byPlan = new Map<string, Signal[]>();
  for (const signal of reading.signals) {
    for (const plan of plansConcerned(signal, footprints)) byPlan.set(plan, [...(byPlan.get(plan) ?? []), signal]);
  }
  const plans = [...byPlan.keys()].sort();
  const recorded: ReceivedEvent = {
    receivedAtMs,
    ...eventIdOf(event),
    eventType: reading.eventType,
    outcome: plans.length === 0 ? "ignored" : "recorded",
    ...(plans.length === 0 ? { reason: "The event concerns no plan's machines or regions (as of the latest health sweep)." } : {}),
    signals: reading.signals,
    plans,
  };
  await deps.store.recordEvent(recorded);

  const decisions: RecordedDecision[] = [];
  for (const plan of plans) {
    const signals = byPlan.get(plan) ?? [];
    decisions.push(await decideForPlan(plan, signals, reading.eventType, snapshot, deps));
  }
  return { event: recorded, decisions };
}

async function decideForPlan(
  planName: string,
  signals: Signal[],
  eventType: string,
  snapshot: HealthSnapshot | undefined,
  deps: AlertIntakeDeps,
): Promise<RecordedDecision> {
  // The decision runs at the event's own time: the clock the signals and the sweep's snapshot share.
  const atMs = Math.max(...signals.map((signal) => signal.atMs));
  const recordedSignals = await deps.store.addSignals(planName, signals, atMs);
  const plan = await deps.plan(planName);
  const health = snapshot?.plans.find((candidate) => candidate.plan === planName);
  const lastOperation = newest(await deps.lastOperation(planName), recordedSignals.lastAutoStart && {
    id: recordedSignals.lastAutoStart.operationId,
    kind: "failover",
    atMs: recordedSignals.lastAutoStart.atMs,
  });
  const rpo = {
    objectiveSeconds: plan?.objectives.rpoSeconds ?? health?.rpoObjectiveSeconds ?? 0,
    worstRpoSeconds: health?.worstRpoSeconds ?? null,
    measuredAtMs: health === undefined || snapshot === undefined ? null : Date.parse(snapshot.asOf),
  };
  const decision = decideAutoFailover({
    plan: planName,
    policy: plan?.autoFailover,
    signals: recordedSignals.signals,
    atMs,
    ...(lastOperation === undefined ? {} : { lastOperation }),
    rpo,
  });
  let outcome: StartOutcome | undefined;
  if (decision.action === "startFailover") {
    outcome = await deps.startFailover(decision);
    if (outcome.started) await deps.store.setLastAutoStart(planName, { operationId: outcome.operationId, atMs });
  }
  const first = signals[0];
  const recorded: RecordedDecision = {
    ...decision,
    trigger: { eventId: first?.eventId ?? "", eventType },
    ...(outcome === undefined ? {} : { outcome }),
    inputs: {
      policy: plan?.autoFailover ?? null,
      ...(lastOperation === undefined ? {} : { lastOperation: { id: lastOperation.id, kind: lastOperation.kind, at: new Date(lastOperation.atMs).toISOString() } }),
      rpo: {
        objectiveSeconds: rpo.objectiveSeconds,
        worstRpoSeconds: rpo.worstRpoSeconds,
        measuredAt: rpo.measuredAtMs === null ? null : new Date(rpo.measuredAtMs).toISOString(),
      },
      signalsRecorded: recordedSignals.signals.length,
    },
  };
  await deps.store.recordDecision(recorded);
  return recorded;
}

function newest(a: LastOperation | undefined, b: LastOperation | undefined): LastOperation | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.atMs > a.atMs ? b : a;
}

function eventIdOf(event: unknown): { eventId?: string } {
  const id = typeof event === "object" && event !== null ? (event as { id?: unknown }).id : undefined;
  return typeof id === "string" ? { eventId: id.slice(0, 200) } : {};
}

function clipRaw(event: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(event) ?? String(event);
  } catch {
    text = String(event);
  }
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
}
