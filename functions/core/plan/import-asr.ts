// Import of an ASR recovery plan (as `replicationRecoveryPlans.get` returns it) into a Standby plan draft.
//
// ASR's groups are Shutdown, Failover, then Boot groups 1..n holding the items. Each Boot group becomes a Standby
// group (`group-1`, …) with its start/end actions as before/after actions. Shutdown and Failover groups hold no
// items; their actions run before anything boots, so they become before-actions of the first group, in ASR's order.
// Actions: Automation runbook -> runbook; manual action -> approval (it already waited for a person; the import
// picks onTimeout "reject", the safe side, and says so); script actions (run on a VMM server) cannot be carried
// over and are reported. Every change of meaning is a finding with a pointer into the ASR plan and, when something
// was carried over, one into the draft, so nothing is lost silently. The draft still goes through plan validation
// like any PUT.
import type { PlanAction, PlanGroup, Plan, PlanImportFinding, PlanObjectives, VaultReference } from "@standby/client/contract";
import { joinPointer } from "@standby/client/contract";

export type ImportFindingCode = "UnsupportedAction" | "ActionMoved" | "ActionNarrowed" | "ApprovalTimeoutChosen" | "TimeoutClamped" | "EmptyGroup";

export interface ImportFinding extends PlanImportFinding {
  code: ImportFindingCode;
}

export interface AsrImportOptions {
  /** The Standby plan's name (from the URL). */
  name: string;
  vault: VaultReference;
  /** ASR plans carry no objectives; default 300 s RPO (A2A crash-consistent points every 5 minutes), 1 h RTO. */
  objectives?: PlanObjectives;
  /** How long an imported manual action waits for a person; default 60 minutes. */
  approvalTimeoutMinutes?: number;
}

export interface AsrImport {
  plan: Plan;
  findings: ImportFinding[];
}

const DEFAULT_OBJECTIVES: PlanObjectives = { rpoSeconds: 300, rtoSeconds: 3600 };
const FAILOVER_TYPES = ["plannedfailover", "unplannedfailover"];

/**
 * A finding while the draft is still being assembled: where its subject ends up in the draft is known only once
 * empty groups and leading actions have moved, so it names the action it is about and gets its pointer at the end.
 */
interface PendingFinding {
  finding: Omit<ImportFinding, "pointer">;
  subject?: PlanAction;
  /** A field of the subject the finding is about, e.g. a clamped `timeoutMinutes`. */
  field?: string;
}

/** Throws a TypeError when `asrPlan` is not a recovery plan at all. */
export function importAsrRecoveryPlan(asrPlan: unknown, options: AsrImportOptions): AsrImport {
  const groups = recordOf(recordOf(asrPlan).properties).groups;
  if (!Array.isArray(groups)) throw new TypeError("not an ASR recovery plan: properties.groups is missing");
  const pending: PendingFinding[] = [];
  const leading: PlanAction[] = [];
  const imported: PlanGroup[] = [];
  let bootNumber = 0;
  groups.forEach((group: unknown, g) => {
    const asrGroup = recordOf(group);
    const pointer = joinPointer("/properties/groups", g);
    const actions = (side: "startGroupActions" | "endGroupActions") =>
      arrayOf(asrGroup[side]).flatMap((action, a) => convertAction(action, joinPointer(pointer, side, a), options, pending));
    const before = actions("startGroupActions");
    const after = actions("endGroupActions");
    const items = arrayOf(asrGroup.replicationProtectedItems)
      .map((item) => recordOf(item).id)
      .filter((id): id is string => typeof id === "string" && id.trim() !== "")
      // The item's name (the id's last segment): what the plan shows, as ASR spells it.
      .map((id) => id.split("/").filter(Boolean).pop() as string);
    if (asrGroup.groupType !== "Boot") {
      if (asrGroup.groupType === "Failover" && after.length > 0) {
        pending.push({
          finding: {
            code: "ActionMoved",
            severity: "warning",
            message:
              "Actions after ASR's Failover group now run before the first group fails over " +
              "(Standby fails over and boots each item in one step).",
            recoveryPlanPointer: joinPointer(pointer, "endGroupActions"),
          },
          subject: after[0],
        });
      }
      leading.push(...before, ...after);
      return;
    }
    bootNumber += 1;
    if (items.length === 0) {
      const previous = imported.at(-1);
      if (previous) previous.after = [...(previous.after ?? []), ...before, ...after];
      else leading.push(...before, ...after);
      pending.push({
        finding: {
          code: "EmptyGroup",
          severity: "info",
          message: `Boot group ${bootNumber} has no items; its actions moved to the neighbouring group.`,
          recoveryPlanPointer: pointer,
        },
        subject: before[0] ?? after[0],
      });
      return;
    }
    imported.push({
      name: `group-${bootNumber}`,
      items,
      ...(before.length > 0 ? { before } : {}),
      ...(after.length > 0 ? { after } : {}),
    });
  });
  const first = imported[0];
  if (first && leading.length > 0) first.before = [...leading, ...(first.before ?? [])];
  return {
    plan: {
      name: options.name,
      vault: options.vault,
      objectives: options.objectives ?? DEFAULT_OBJECTIVES,
      groups: imported,
    },
    findings: locateInDraft(pending, imported),
  };
}

/** Gives each finding the pointer of its subject in the finished draft; a subject that was left out gets none. */
function locateInDraft(pending: PendingFinding[], groups: PlanGroup[]): ImportFinding[] {
  const located = new Map<PlanAction, string>();
  groups.forEach((group, g) => {
    for (const side of ["before", "after"] as const) {
      (group[side] ?? []).forEach((action, a) => located.set(action, joinPointer("/groups", g, side, a)));
    }
  });
  return pending.map(({ finding, subject, field }) => {
    const at = subject === undefined ? undefined : located.get(subject);
    if (at === undefined) return finding;
    return { ...finding, pointer: field === undefined ? at : joinPointer(at, field) };
  });
}

function convertAction(action: unknown, pointer: string, options: AsrImportOptions, pending: PendingFinding[]): PlanAction[] {
  const asrAction = recordOf(action);
  const details = recordOf(asrAction.customDetails);
  const actionName = typeof asrAction.actionName === "string" ? asrAction.actionName.trim() : "";
  const name = actionName === "" ? undefined : actionName.slice(0, 80);
  const label = name ?? "unnamed action";
  const types = arrayOf(asrAction.failoverTypes)
    .filter((type): type is string => typeof type === "string")
    .map((type) => type.toLowerCase());
  if (types.length > 0 && !types.some((type) => FAILOVER_TYPES.includes(type))) {
    pending.push({
      finding: {
        code: "ActionNarrowed",
        severity: "warning",
        message:
          `"${label}" ran only for ${types.join(", ")} in ASR; ` +
          "Standby runs group actions in failover and failback only, so it was left out.",
        recoveryPlanPointer: pointer,
      },
    });
    return [];
  }
  const directions = arrayOf(asrAction.failoverDirections).filter((direction) => typeof direction === "string");
  const oneWay: PendingFinding | undefined =
    directions.length === 1
      ? {
          finding: {
            code: "ActionNarrowed",
            severity: "warning",
            message: `"${label}" ran only for ${String(directions[0])} in ASR; Standby runs it in failover and in failback.`,
            recoveryPlanPointer: pointer,
          },
        }
      : undefined;
  if (oneWay) pending.push(oneWay);
  const converted = convertKnownAction(details, name, label, pointer, options, pending);
  if (oneWay && converted) oneWay.subject = converted;
  return converted ? [converted] : [];
}

function convertKnownAction(
  details: Record<string, unknown>,
  name: string | undefined,
  label: string,
  pointer: string,
  options: AsrImportOptions,
  pending: PendingFinding[],
): PlanAction | undefined {
  const named = name === undefined ? {} : { name };
  switch (details.instanceType) {
    case "AutomationRunbookActionDetails": {
      if (typeof details.runbookId !== "string") break;
      const minutes = timeoutMinutes(details.timeout);
      const clamped = minutes === undefined ? undefined : Math.min(180, Math.max(1, minutes));
      const runbook: PlanAction = { type: "runbook", ...named, runbookId: details.runbookId, ...(clamped === undefined ? {} : { timeoutMinutes: clamped }) };
      if (minutes !== undefined && clamped !== minutes) {
        pending.push({
          finding: {
            code: "TimeoutClamped",
            severity: "warning",
            message: `"${label}" had a timeout of ${minutes} minutes; Standby allows 1 to 180 and uses ${clamped}.`,
            recoveryPlanPointer: joinPointer(pointer, "customDetails", "timeout"),
          },
          subject: runbook,
          field: "timeoutMinutes",
        });
      }
      return runbook;
    }
    case "ManualActionDetails": {
      const description = typeof details.description === "string" && details.description.trim() !== "" ? details.description.trim() : label;
      const timeout = options.approvalTimeoutMinutes ?? 60;
      const approval: PlanAction = { type: "approval", ...named, prompt: description.slice(0, 1000), timeoutMinutes: timeout, onTimeout: "reject" };
      pending.push({
        finding: {
          code: "ApprovalTimeoutChosen",
          severity: "info",
          message: `Manual action "${label}" became an approval that waits ${timeout} minutes and then rejects; review both.`,
          recoveryPlanPointer: pointer,
        },
        subject: approval,
      });
      return approval;
    }
    case "ScriptActionDetails":
      pending.push({
        finding: {
          code: "UnsupportedAction",
          severity: "error",
          message: `Script action "${label}" runs on a VMM server and cannot be carried over; use a runbook or a webhook instead.`,
          recoveryPlanPointer: pointer,
        },
      });
      return undefined;
  }
  pending.push({
    finding: {
      code: "UnsupportedAction",
      severity: "error",
      message: `Action "${label}" of kind ${String(details.instanceType ?? "unknown")} cannot be carried over.`,
      recoveryPlanPointer: pointer,
    },
  });
  return undefined;
}

/** ASR writes timeouts as ISO 8601 durations (PT30M) or as seconds; undefined when absent or unreadable. */
function timeoutMinutes(timeout: unknown): number | undefined {
  if (typeof timeout === "number" && Number.isFinite(timeout)) return Math.ceil(timeout / 60);
  if (typeof timeout !== "string") return undefined;
  if (/^\d+$/.test(timeout)) return Math.ceil(Number(timeout) / 60);
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(timeout);
  if (!iso || timeout.length <= 2) return undefined;
  const [, hours, minutes, seconds] = iso;
  return Math.ceil(Number(hours ?? 0) * 60 + Number(minutes ?? 0) + Number(seconds ?? 0) / 60);
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
