// The automatic-failover policy of one plan: whether the signals recorded so far justify starting a failover now.
// Every check is written into the decision, passed or not, so a decision (especially "no") explains itself.
//
// - Independent signals: signals with different keys (source + affected resource). Only each key's latest signal
//   within the window counts, and only when it says "down": a machine that flaps down-up-down is one signal, and a
//   machine that came back is none.
// - Cooldown: no automatic failover within cooldownMinutes of the plan's last operation, whoever started it.
// - RPO within budget: the last sweep's worst RPO plus the time since that sweep (replication may have stopped at
//   the sweep) must be within the objective. Without a measured RPO the policy does not act: an operator may force.
// - Approval: "required" (the default) starts a failover that waits for a person before touching anything.
import { PLAN_DEFAULTS, type AutoFailoverPolicy } from "@standby/client/contract";
import type { Signal } from "./signals";

export interface LastOperation {
  id: string;
  kind: string;
  atMs: number;
}

export interface PolicyInput {
  plan: string;
  policy: AutoFailoverPolicy | undefined;
  /** Signals recorded for the plan (the intake keeps at least the longest window's worth). */
  signals: readonly Signal[];
  atMs: number;
  lastOperation?: LastOperation;
  rpo: { objectiveSeconds: number; worstRpoSeconds: number | null; measuredAtMs: number | null };
}

export interface PolicyCheck {
  check: "enabled" | "signals" | "cooldown" | "rpo";
  passed: boolean;
  detail: string;
}

export interface CountedSignal {
  key: string;
  eventId: string;
  atMs: number;
  summary: string;
}

export interface PolicyDecision {
  plan: string;
  atMs: number;
  action: "startFailover" | "none";
  approval: "required" | "none";
  checks: PolicyCheck[];
  /** The independent signals that counted. */
  signals: CountedSignal[];
  /** One line: why the policy acted or did not. */
  summary: string;
}

export function decideAutoFailover(input: PolicyInput): PolicyDecision {
  const { policy, atMs } = input;
  const checks: PolicyCheck[] = [];
  const approval = policy?.approval ?? "required";
  const counted = policy === undefined ? [] : independentDownSignals(input.signals, atMs, windowMinutes(policy));
  const decision = (action: PolicyDecision["action"], summary: string): PolicyDecision => ({
    plan: input.plan,
    atMs,
    action,
    approval,
    checks,
    signals: counted,
    summary,
  });

  if (policy === undefined || !policy.enabled) {
    checks.push({ check: "enabled", passed: false, detail: "The plan's autoFailover policy is absent or disabled." });
    return decision("none", "Automatic failover is not enabled for this plan.");
  }
  checks.push({ check: "enabled", passed: true, detail: "The plan's autoFailover policy is enabled." });

  const window = windowMinutes(policy);
  const enough = counted.length >= policy.minSignals;
  checks.push({
    check: "signals",
    passed: enough,
    detail: `${counted.length} independent outage signal(s) within ${window} min; the policy needs ${policy.minSignals}.`,
  });
  if (!enough) return decision("none", `Not enough independent signals (${counted.length} of ${policy.minSignals}).`);

  const last = input.lastOperation;
  const cooldownMs = policy.cooldownMinutes * 60_000;
  if (last !== undefined && atMs - last.atMs < cooldownMs) {
    const minutes = Math.max(0, Math.floor((atMs - last.atMs) / 60_000));
    checks.push({
      check: "cooldown",
      passed: false,
      detail: `The last operation (${last.kind} ${last.id}) started ${minutes} min ago; the cooldown is ${policy.cooldownMinutes} min.`,
    });
    return decision("none", `Within the cooldown after ${last.kind} ${last.id}.`);
  }
  checks.push({
    check: "cooldown",
    passed: true,
    detail: last === undefined ? "No earlier operation on the plan." : `The last operation (${last.kind} ${last.id}) is older than the ${policy.cooldownMinutes} min cooldown.`,
  });

  const { objectiveSeconds, worstRpoSeconds, measuredAtMs } = input.rpo;
  if (worstRpoSeconds === null || measuredAtMs === null) {
    checks.push({ check: "rpo", passed: false, detail: "No RPO has been measured for the plan yet." });
    return decision("none", "No measured RPO: the data loss of a failover now is unknown.");
  }
  const estimate = worstRpoSeconds + Math.max(0, Math.round((atMs - measuredAtMs) / 1000));
  const within = estimate <= objectiveSeconds;
  checks.push({
    check: "rpo",
    passed: within,
    detail: `Worst RPO ${worstRpoSeconds} s at the last sweep, about ${estimate} s now; the objective is ${objectiveSeconds} s.`,
  });
  if (!within) return decision("none", `A failover now would lose about ${estimate} s of data, more than the ${objectiveSeconds} s objective.`);

  return decision(
    "startFailover",
    approval === "required" ? "Starting a failover that waits for approval." : "Starting a failover (the plan needs no approval).",
  );
}

function windowMinutes(policy: AutoFailoverPolicy): number {
  return policy.windowMinutes ?? PLAN_DEFAULTS.autoFailoverWindowMinutes;
}

/** Each key's latest signal within the window, kept when it says "down"; oldest first. */
export function independentDownSignals(signals: readonly Signal[], atMs: number, windowMinutes: number): CountedSignal[] {
  const from = atMs - windowMinutes * 60_000;
  const latest = new Map<string, Signal>();
  for (const signal of signals) {
    if (signal.atMs < from || signal.atMs > atMs) continue;
    const seen = latest.get(signal.key);
    if (seen === undefined || signal.atMs >= seen.atMs) latest.set(signal.key, signal);
  }
  return [...latest.values()]
    .filter((signal) => signal.state === "down")
    .sort((a, b) => a.atMs - b.atMs || a.key.localeCompare(b.key))
    .map((signal) => ({ key: signal.key, eventId: signal.eventId, atMs: signal.atMs, summary: signal.summary }));
}

/** The failover's reason: the signals that led to it (within the contract's 1,000 characters). */
export function failoverReason(decision: PolicyDecision): string {
  const list = decision.signals.map((signal) => signal.summary).join("; ");
  const reason = `Automatic failover on ${decision.signals.length} independent signals: ${list}`;
  return reason.length > 1000 ? `${reason.slice(0, 999)}…` : reason;
}

/** What the approver is asked. */
export function approvalPrompt(decision: PolicyDecision): string {
  return `Fail over plan ${decision.plan}? ${failoverReason(decision)}`;
}
