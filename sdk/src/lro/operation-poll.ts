import type { AbortSignalLike } from "@azure/abort-controller";
import type { PollOperation } from "@azure/core-lro";
import { TERMINAL_OPERATION_STATUSES, type Operation } from "../contract/operation.js";
import type { CancelRequest } from "../contract/operation-requests.js";
import type { StandbyHttp } from "../http/standby-http.js";
import type { OperationPollerState } from "../models.js";
import { retryAfterInMs } from "./retry-after.js";

/** What `toString()` of a poller holds: enough to find the operation again from any client of the same service. */
interface SerializedPollerState {
  state: { operationLocation: string; operation?: Operation };
}

/** Reads a poller's `toString()`; a TypeError when the text is not one. */
export function parseSerializedPoller(text: string): OperationPollerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TypeError("resumeFrom is not the toString() of an operation poller.");
  }
  const state = (parsed as Partial<SerializedPollerState> | null)?.state;
  if (!state || typeof state.operationLocation !== "string" || state.operationLocation.length === 0) {
    throw new TypeError("resumeFrom is not the toString() of an operation poller.");
  }
  return { operationLocation: state.operationLocation, operation: state.operation, isStarted: true };
}

/** Applies an operation read from the service to the poller's state. */
export function withOperation(state: OperationPollerState, operation: Operation): OperationPollerState {
  const done = TERMINAL_OPERATION_STATUSES.includes(operation.status);
  return { ...state, operation, isStarted: true, isCompleted: done, result: done ? operation : undefined };
}

/** One long-running operation as core-lro sees it: each update is one GET of the operation URL. */
export class OperationPoll implements PollOperation<OperationPollerState, Operation> {
  /** Wait asked by the last response (Retry-After), consumed by the poller before the next GET. */
  waitInMs: number | undefined;

  constructor(
    private readonly http: StandbyHttp,
    public state: OperationPollerState,
    waitInMs?: number,
  ) {
    this.waitInMs = waitInMs;
  }

  async update(options: {
    abortSignal?: AbortSignalLike;
    fireProgress?: (state: OperationPollerState) => void;
  } = {}): Promise<OperationPoll> {
    const { body, raw } = await this.http.send<Operation>({
      method: "GET",
      url: this.state.operationLocation,
      options: { abortSignal: options.abortSignal },
    });
    this.waitInMs = retryAfterInMs(raw);
    this.state = withOperation(this.state, body);
    options.fireProgress?.(this.state);
    return this;
  }

  /** Asks the service to cancel the operation (`POST …/cancel`); only ever on an explicit call. */
  async cancel(options: { abortSignal?: AbortSignalLike } = {}): Promise<OperationPoll> {
    const body: CancelRequest = {};
    const { body: operation } = await this.http.send<Operation>({
      method: "POST",
      url: `${this.http.resolve(this.state.operationLocation).pathname}/cancel`,
      body,
      options: { abortSignal: options.abortSignal },
    });
    this.state = withOperation(this.state, operation);
    return this;
  }

  toString(): string {
    const serialized: SerializedPollerState = {
      state: { operationLocation: this.state.operationLocation, operation: this.state.operation },
    };
    return JSON.stringify(serialized);
  }
}
