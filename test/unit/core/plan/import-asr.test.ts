import { importAsrRecoveryPlan, type AsrImportOptions } from "../../../../functions/core/plan/import-asr";
import { validatePlan } from "../../../../functions/core/plan/validate";
import { SUBSCRIPTION, VAULT_ID } from "../fixtures";

const ITEMS = `${VAULT_ID}/replicationFabrics/cloud1/replicationProtectionContainers/c1/replicationProtectedItems`;
const RUNBOOK = `/subscriptions/${SUBSCRIPTION}/resourceGroups/ops/providers/Microsoft.Automation/automationAccounts/ops/runbooks/open-firewall`;
const options: AsrImportOptions = { name: "imported", vault: { subscriptionId: SUBSCRIPTION, resourceGroup: "shop-rg", name: "shop-vault" } };

const bootGroup = (names: string[], extra: Record<string, unknown> = {}) => ({
  groupType: "Boot",
  replicationProtectedItems: names.map((name) => ({ id: `${ITEMS}/${name}`, virtualMachineId: name })),
  startGroupActions: [],
  endGroupActions: [],
  ...extra,
});

const runbook = (actionName: string, timeout?: unknown) => ({
  actionName,
  failoverTypes: ["PlannedFailover", "UnplannedFailover"],
  failoverDirections: ["PrimaryToRecovery", "RecoveryToPrimary"],
  customDetails: { instanceType: "AutomationRunbookActionDetails", runbookId: RUNBOOK, fabricLocation: "Recovery", timeout },
});
const manual = (actionName: string, description?: string) => ({
  actionName,
  failoverTypes: ["PlannedFailover", "UnplannedFailover", "TestFailover"],
  failoverDirections: ["PrimaryToRecovery", "RecoveryToPrimary"],
  customDetails: { instanceType: "ManualActionDetails", description },
});

function asrPlan(groups: unknown[]) {
  return { id: `${VAULT_ID}/replicationRecoveryPlans/rp1`, name: "rp1", properties: { groups } };
}

const SHUTDOWN = { groupType: "Shutdown", replicationProtectedItems: [], startGroupActions: [], endGroupActions: [] };
const FAILOVER = { groupType: "Failover", replicationProtectedItems: [], startGroupActions: [], endGroupActions: [] };

describe("import of an ASR recovery plan", () => {
  it("turns boot groups into ordered groups of item names and yields a valid plan", () => {
    const { plan, findings } = importAsrRecoveryPlan(asrPlan([SHUTDOWN, FAILOVER, bootGroup(["db-1"]), bootGroup(["app-1", "App-2"])]), options);
    expect(findings).toEqual([]);
    expect(plan).toEqual({
      name: "imported",
      vault: options.vault,
      objectives: { rpoSeconds: 300, rtoSeconds: 3600 },
      groups: [
        { name: "group-1", items: ["db-1"] },
        { name: "group-2", items: ["app-1", "App-2"] },
      ],
    });
    expect(validatePlan(plan).ok).toBe(true);
  });

  it("carries runbooks over with their timeout, and manual actions as approvals that reject on timeout", () => {
    const { plan, findings } = importAsrRecoveryPlan(
      asrPlan([
        SHUTDOWN,
        FAILOVER,
        bootGroup(["db-1"], { endGroupActions: [runbook("Open firewall", "PT30M")] }),
        bootGroup(["web-1"], { startGroupActions: [manual("Check DNS", "Confirm the DNS change")] }),
      ]),
      options,
    );
    expect(plan.groups[0]!.after).toEqual([{ type: "runbook", name: "Open firewall", runbookId: RUNBOOK, timeoutMinutes: 30 }]);
    expect(plan.groups[1]!.before).toEqual([
      { type: "approval", name: "Check DNS", prompt: "Confirm the DNS change", timeoutMinutes: 60, onTimeout: "reject" },
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        code: "ApprovalTimeoutChosen",
        severity: "info",
        recoveryPlanPointer: "/properties/groups/3/startGroupActions/0",
        pointer: "/groups/1/before/0",
      }),
    ]);
    expect(validatePlan(plan).ok).toBe(true);
  });

  it("reports script actions as unsupported and leaves them out", () => {
    const script = {
      actionName: "Fix routes",
      failoverTypes: ["UnplannedFailover"],
      failoverDirections: ["PrimaryToRecovery", "RecoveryToPrimary"],
      customDetails: { instanceType: "ScriptActionDetails", path: "\\\\vmm\\fix.ps1", timeout: "600", fabricLocation: "Primary" },
    };
    const { plan, findings } = importAsrRecoveryPlan(asrPlan([bootGroup(["db-1"], { startGroupActions: [script] })]), options);
    expect(plan.groups[0]!.before).toBeUndefined();
    expect(findings).toEqual([
      {
        code: "UnsupportedAction",
        severity: "error",
        message: 'Script action "Fix routes" runs on a VMM server and cannot be carried over; use a runbook or a webhook instead.',
        recoveryPlanPointer: "/properties/groups/0/startGroupActions/0",
      },
    ]);
  });

  it("moves Shutdown and Failover group actions before the first group, in ASR's order, and says so", () => {
    const { plan, findings } = importAsrRecoveryPlan(
      asrPlan([
        { ...SHUTDOWN, startGroupActions: [manual("Stop writes")] },
        { ...FAILOVER, endGroupActions: [runbook("Attach disks")] },
        bootGroup(["db-1"], { startGroupActions: [runbook("Warm db")] }),
      ]),
      options,
    );
    expect(plan.groups[0]!.before?.map((action) => action.name)).toEqual(["Stop writes", "Attach disks", "Warm db"]);
    expect(findings.map((finding) => [finding.code, finding.recoveryPlanPointer, finding.pointer])).toEqual([
      ["ApprovalTimeoutChosen", "/properties/groups/0/startGroupActions/0", "/groups/0/before/0"],
      ["ActionMoved", "/properties/groups/1/endGroupActions", "/groups/0/before/1"],
    ]);
  });

  it("keeps the actions of an empty boot group on its neighbour and leaves no empty group", () => {
    const { plan, findings } = importAsrRecoveryPlan(
      asrPlan([bootGroup(["db-1"]), bootGroup([], { startGroupActions: [runbook("Between")] }), bootGroup(["web-1"])]),
      options,
    );
    expect(plan.groups.map((group) => group.name)).toEqual(["group-1", "group-3"]);
    expect(plan.groups[0]!.after?.map((action) => action.name)).toEqual(["Between"]);
    expect(findings).toEqual([
      expect.objectContaining({ code: "EmptyGroup", recoveryPlanPointer: "/properties/groups/1", pointer: "/groups/0/after/0" }),
    ]);
  });

  it("leaves out actions ASR ran only in test failovers, and flags one-direction actions", () => {
    const testOnly = { ...manual("Drill note"), failoverTypes: ["TestFailover"] };
    const oneWay = { ...runbook("Only forward"), failoverDirections: ["PrimaryToRecovery"] };
    const { plan, findings } = importAsrRecoveryPlan(asrPlan([bootGroup(["db-1"], { startGroupActions: [testOnly, oneWay] })]), options);
    expect(plan.groups[0]!.before?.map((action) => action.name)).toEqual(["Only forward"]);
    // The test-only action is nowhere in the plan, so only the ASR plan can locate it.
    expect(findings).toEqual([
      { code: "ActionNarrowed", severity: "warning", message: expect.stringContaining("left out"), recoveryPlanPointer: "/properties/groups/0/startGroupActions/0" },
      {
        code: "ActionNarrowed",
        severity: "warning",
        message: expect.stringContaining("in failover and in failback"),
        recoveryPlanPointer: "/properties/groups/0/startGroupActions/1",
        pointer: "/groups/0/before/0",
      },
    ]);
  });

  it.each([
    ["PT1H", 60],
    ["PT1H30M", 90],
    ["PT90S", 2],
    ["3600", 60],
    [7200, 120],
  ])("reads the runbook timeout %j as %i minutes", (timeout, minutes) => {
    const { plan } = importAsrRecoveryPlan(asrPlan([bootGroup(["db-1"], { startGroupActions: [runbook("r", timeout)] })]), options);
    expect(plan.groups[0]!.before?.[0]).toMatchObject({ timeoutMinutes: minutes });
  });

  it("clamps runbook timeouts to what Standby allows, with a finding", () => {
    const { plan, findings } = importAsrRecoveryPlan(asrPlan([bootGroup(["db-1"], { startGroupActions: [runbook("r", "PT5H")] })]), options);
    expect(plan.groups[0]!.before?.[0]).toMatchObject({ timeoutMinutes: 180 });
    expect(findings).toEqual([
      expect.objectContaining({
        code: "TimeoutClamped",
        recoveryPlanPointer: "/properties/groups/0/startGroupActions/0/customDetails/timeout",
        pointer: "/groups/0/before/0/timeoutMinutes",
      }),
    ]);
  });

  it("uses the given objectives and approval timeout", () => {
    const { plan } = importAsrRecoveryPlan(asrPlan([bootGroup(["db-1"], { startGroupActions: [manual("m")] })]), {
      ...options,
      objectives: { rpoSeconds: 60, rtoSeconds: 900 },
      approvalTimeoutMinutes: 15,
    });
    expect(plan.objectives).toEqual({ rpoSeconds: 60, rtoSeconds: 900 });
    expect(plan.groups[0]!.before?.[0]).toMatchObject({ timeoutMinutes: 15, prompt: "m" });
  });

  it("refuses something that is not a recovery plan", () => {
    expect(() => importAsrRecoveryPlan({ properties: {} }, options)).toThrow(TypeError);
    expect(() => importAsrRecoveryPlan("plan", options)).toThrow(/not an ASR recovery plan/);
  });
});
