// The actions an orchestrator returns (durable-functions OrchestratorState.actions), decoded from their wire form,
// and flattened into the decisions that consume sequence numbers, in the order the library numbers them.

export enum ActionType {
  CallActivity = 0,
  CallActivityWithRetry = 1,
  CallSubOrchestrator = 2,
  CallSubOrchestratorWithRetry = 3,
  ContinueAsNew = 4,
  CreateTimer = 5,
  WaitForExternalEvent = 6,
  CallEntity = 7,
  CallHttp = 8,
  SignalEntity = 9,
  WhenAny = 11,
  WhenAll = 12,
  LockEntities = 13,
  ReleaseEntities = 14,
}

export interface RetryPolicy {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** A decision that consumes one sequence number and is recorded as one scheduling event. */
export type Decision =
  | { type: "activity"; name: string; input: unknown; retry?: RetryPolicy }
  | { type: "timer"; fireAt: string; isCanceled: boolean }
  | { type: "subOrchestration"; name: string; instanceId?: string; input: unknown; retry?: RetryPolicy }
  | { type: "entityCall"; entityId: string; operation: string; input: unknown }
  | { type: "entitySignal"; entityId: string; operation: string; input: unknown };

export interface DecodedActions {
  decisions: Decision[];
  /** Set when the orchestrator called continueAsNew: the next execution's input value. */
  continueAsNew?: { input: unknown };
}

export class UnsupportedActionError extends Error {
  constructor(what: string) {
    super(`${what} is not supported by the local durable engine`);
    this.name = "UnsupportedActionError";
  }
}

type WireAction = Record<string, unknown> & { actionType: number };

/** `actions` is `[[...]]` for replay schema V2+ (one list of possibly compound actions). */
export function decodeActions(actions: unknown): DecodedActions {
  const decoded: DecodedActions = { decisions: [] };
  const lists = Array.isArray(actions) ? actions : [];
  for (const list of lists) {
    for (const action of Array.isArray(list) ? list : [list]) visit(action as WireAction, decoded);
  }
  return decoded;
}

function visit(action: WireAction, into: DecodedActions): void {
  switch (action.actionType) {
    case ActionType.CallActivity:
      into.decisions.push({ type: "activity", name: String(action.functionName), input: decodeStringifiedInput(action.input) });
      return;
    case ActionType.CallActivityWithRetry:
      into.decisions.push({
        type: "activity",
        name: String(action.functionName),
        input: decodeStringifiedInput(action.input),
        retry: decodeRetry(action.retryOptions),
      });
      return;
    case ActionType.CallSubOrchestrator:
    case ActionType.CallSubOrchestratorWithRetry:
      into.decisions.push({
        type: "subOrchestration",
        name: String(action.functionName),
        instanceId: typeof action.instanceId === "string" && action.instanceId !== "" ? action.instanceId : undefined,
        input: action.input,
        retry: action.actionType === ActionType.CallSubOrchestratorWithRetry ? decodeRetry(action.retryOptions) : undefined,
      });
      return;
    case ActionType.CreateTimer:
      into.decisions.push({ type: "timer", fireAt: new Date(action.fireAt as string).toISOString(), isCanceled: action.isCanceled === true });
      return;
    case ActionType.WaitForExternalEvent:
      return;
    case ActionType.ContinueAsNew:
      into.continueAsNew = { input: decodeStringifiedInput(action.input) };
      return;
    case ActionType.CallEntity:
      into.decisions.push({ type: "entityCall", entityId: String(action.instanceId), operation: String(action.operation), input: action.input });
      return;
    case ActionType.SignalEntity:
      into.decisions.push({ type: "entitySignal", entityId: String(action.instanceId), operation: String(action.operation), input: action.input });
      return;
    case ActionType.WhenAll:
    case ActionType.WhenAny:
      for (const child of (action.compoundActions as WireAction[]) ?? []) visit(child, into);
      return;
    case ActionType.CallHttp:
      throw new UnsupportedActionError("callHttp");
    case ActionType.LockEntities:
    case ActionType.ReleaseEntities:
      throw new UnsupportedActionError("entity locking (context.df.lock)");
    default:
      throw new UnsupportedActionError(`action type ${action.actionType}`);
  }
}

/** Activity and continueAsNew inputs arrive JSON-encoded when (and only when) they are strings. */
function decodeStringifiedInput(input: unknown): unknown {
  if (typeof input !== "string") return input;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}

function decodeRetry(value: unknown): RetryPolicy {
  const options = (value ?? {}) as Record<string, unknown>;
  const number = (key: string) => (typeof options[key] === "number" ? (options[key] as number) : undefined);
  return {
    firstRetryIntervalInMilliseconds: number("firstRetryIntervalInMilliseconds") ?? 1000,
    maxNumberOfAttempts: number("maxNumberOfAttempts") ?? 1,
    backoffCoefficient: number("backoffCoefficient"),
    maxRetryIntervalInMilliseconds: number("maxRetryIntervalInMilliseconds"),
  };
}

/** How a decision reads in messages: `CallActivity 'Name'`, `CreateTimer`, ... */
export function describeDecision(decision: Decision): string {
  switch (decision.type) {
    case "activity":
      return `${decision.retry ? "CallActivityWithRetry" : "CallActivity"} '${decision.name}'`;
    case "subOrchestration":
      return `${decision.retry ? "CallSubOrchestratorWithRetry" : "CallSubOrchestrator"} '${decision.name}'`;
    case "timer":
      return "CreateTimer";
    case "entityCall":
      return `CallEntity '${decision.entityId}' operation '${decision.operation}'`;
    case "entitySignal":
      return `SignalEntity '${decision.entityId}' operation '${decision.operation}'`;
  }
}
