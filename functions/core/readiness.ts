// Readiness of a plan against live Site Recovery and Traffic Manager state (`POST /plans/{plan}/validate`): what
// would make a failover fail or degrade, each finding with a stable code, and a score that summarizes them.
//
// Score: 80 points are shared equally by the plan's items (an item with an error earns nothing, an item with only
// warnings half), 20 points belong to the traffic switch (same rule; a plan without one earns them). So one broken
// item of a hundred costs little, a broken traffic switch a fifth, and only a clean plan scores 100.
import type { Plan, Readiness, ReadinessFinding } from "@standby/client/contract";
import { joinPointer } from "@standby/client/contract";
import type { LiveState, ProtectedItemState } from "./live-state";
import { itemFinder } from "./plan/item-ref";
import { isSupportedProvider } from "./failover/provider-input";

const ITEM_POINTS = 80;
const TRAFFIC_POINTS = 20;

export function assessReadiness(plan: Plan, state: LiveState, checkedAtMs: number): Readiness {
  const findings: ReadinessFinding[] = [];
  let itemPoints = 0;
  let itemCount = 0;
  const find = itemFinder(state.items);
  plan.groups.forEach((group, g) => {
    group.items.forEach((reference, i) => {
      const itemFindings = itemReadiness(plan, reference, find(reference), joinPointer("/groups", g, "items", i));
      findings.push(...itemFindings);
      itemPoints += pointsFor(itemFindings);
      itemCount += 1;
    });
  });
  const trafficFindings = trafficReadiness(plan, state);
  findings.push(...trafficFindings);
  const score = (itemCount === 0 ? ITEM_POINTS : (ITEM_POINTS * itemPoints) / itemCount) + TRAFFIC_POINTS * pointsFor(trafficFindings);
  return {
    plan: plan.name,
    // Rounding must not hide a finding behind a perfect score.
    score: Math.min(findings.length > 0 ? 99 : 100, Math.round(score)),
    checkedAt: new Date(checkedAtMs).toISOString(),
    findings,
  };
}

/** 1 for no finding, 0.5 for warnings only, 0 for any error. */
function pointsFor(findings: readonly ReadinessFinding[]): number {
  if (findings.some((finding) => finding.severity === "error")) return 0;
  return findings.some((finding) => finding.severity === "warning") ? 0.5 : 1;
}

function itemReadiness(plan: Plan, reference: string, item: ProtectedItemState | undefined, pointer: string): ReadinessFinding[] {
  const finding = (code: string, severity: ReadinessFinding["severity"], message: string): ReadinessFinding => ({
    code,
    severity,
    message,
    item: reference,
    pointer,
  });
  if (item === undefined) return [finding("ItemNotFound", "error", `No protected item "${reference}" in the vault.`)];
  const findings: ReadinessFinding[] = [];
  const allows = (operation: string) => item.allowedOperations.some((allowed) => allowed.toLowerCase() === operation.toLowerCase());
  if (!isSupportedProvider(item.provider)) {
    findings.push(finding("UnsupportedProvider", "error", `Replication provider ${item.provider} is not supported.`));
  }
  if (item.activeLocation?.toLowerCase() === "recovery") {
    findings.push(finding("ItemInRecoveryLocation", "warning", "The item already runs in the recovery location; a failover would skip it."));
  } else if (item.protectionState !== "Protected") {
    findings.push(finding("ItemNotProtected", "error", `The item is not protected (protection state: ${item.protectionState ?? "unknown"}).`));
  } else if (!allows("PlannedFailover") && !allows("UnplannedFailover")) {
    findings.push(
      finding("FailoverNotAllowed", "error", `Site Recovery allows no failover now (allowed: ${item.allowedOperations.join(", ") || "none"}).`),
    );
  }
  const health = item.replicationHealth?.toLowerCase();
  if (health === "critical" || health === "warning") {
    const problems = (item.healthErrors ?? []).map((error) => error.message).join("; ");
    findings.push(
      finding(
        health === "critical" ? "ReplicationCritical" : "ReplicationWarning",
        health === "critical" ? "error" : "warning",
        `Replication health is ${item.replicationHealth}${problems ? `: ${problems}` : ""}.`,
      ),
    );
  }
  if (item.rpoSeconds === undefined || item.rpoSeconds === null) {
    findings.push(finding("RpoUnknown", "warning", "Site Recovery reports no RPO for the item yet."));
  } else if (item.rpoSeconds > plan.objectives.rpoSeconds) {
    findings.push(
      finding("RpoOverObjective", "error", `RPO ${Math.round(item.rpoSeconds)} s is over the objective of ${plan.objectives.rpoSeconds} s.`),
    );
  }
  const scenario = item.currentScenario;
  if (scenario !== undefined && scenario.scenarioName.toLowerCase() !== "none") {
    findings.push(finding("ItemBusy", "warning", `A ${scenario.scenarioName} job is running on the item.`));
  }
  if (plan.drill !== undefined && item.testFailoverState !== undefined && !/^none$/i.test(item.testFailoverState)) {
    findings.push(
      finding("TestFailoverPending", "warning", `A test failover is not cleaned up (state: ${item.testFailoverState}); drills cannot start.`),
    );
  }
  return findings;
}

function trafficReadiness(plan: Plan, state: LiveState): ReadinessFinding[] {
  const traffic = plan.traffic;
  if (traffic === undefined) return [];
  if (state.trafficEndpoints === undefined) {
    return [{ code: "TrafficProfileNotFound", severity: "error", message: "The Traffic Manager profile was not found.", pointer: "/traffic/profile" }];
  }
  const endpoints = state.trafficEndpoints;
  const findings: ReadinessFinding[] = [];
  for (const [field, name] of [
    ["primaryEndpoint", traffic.primaryEndpoint],
    ["standbyEndpoint", traffic.standbyEndpoint],
  ] as const) {
    const endpoint = endpoints.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (endpoint === undefined) {
      findings.push({ code: "EndpointNotFound", severity: "error", message: `The profile has no endpoint "${name}".`, pointer: `/traffic/${field}` });
    } else if (field === "standbyEndpoint" && endpoint.endpointStatus?.toLowerCase() === "disabled") {
      findings.push({
        code: "StandbyEndpointDisabled",
        severity: "warning",
        message: `The standby endpoint "${name}" is disabled; the switch will have to enable it.`,
        pointer: "/traffic/standbyEndpoint",
      });
    }
  }
  return findings;
}
