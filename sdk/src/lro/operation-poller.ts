import type { AbortSignalLike } from "@azure/abort-controller";
import { Poller } from "@azure/core-lro";
import { delay } from "@azure/core-util";
import type { Operation } from "../contract/operation.js";
import type { OperationPollerState } from "../models.js";
import type { OperationPoll } from "./operation-poll.js";

/**
 * Polls an operation until it reaches a final status. Between polls it waits what the service asked (Retry-After)
 * or the update interval; waiting honours the abort signal given to `pollUntilDone`, and aborting only stops the
 * waiting: nothing is sent to the service.
 */
export class StandbyOperationPoller extends Poller<OperationPollerState, Operation> {
  private abortSignal: AbortSignalLike | undefined;
  private firstPoll = true;

  constructor(
    private readonly operationPoll: OperationPoll,
    private readonly updateIntervalInMs: number,
  ) {
    super(operationPoll);
  }

  override async pollUntilDone(options: { abortSignal?: AbortSignalLike } = {}): Promise<Operation> {
    this.abortSignal = options.abortSignal;
    return super.pollUntilDone(options);
  }

  override async poll(options: { abortSignal?: AbortSignalLike } = {}): Promise<void> {
    // The start answer may already ask for a pause (202 + Retry-After) before the first GET.
    if (this.firstPoll) {
      this.firstPoll = false;
      const wait = this.operationPoll.waitInMs;
      if (wait !== undefined && wait > 0) {
        await delay(wait, { abortSignal: options.abortSignal ?? this.abortSignal });
      }
    }
    return super.poll(options);
  }

  protected async delay(): Promise<void> {
    const wait = this.operationPoll.waitInMs ?? this.updateIntervalInMs;
    await delay(wait, { abortSignal: this.abortSignal });
  }
}
