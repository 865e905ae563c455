// The engine's working copy of one orchestration instance, with the indexes that decide which pending messages
// it can take now (deliver), must wait for (hold), or has already seen (drop).
import { consumesInternalEventId } from "./composites";
import { answeredEventId, EventType, SCHEDULING_EVENT_TYPES, type HistoryEvent } from "./history";
import type { OrchestratorMessage } from "./messages";
import type { InstanceRecord } from "./store";
import { isTerminal } from "./status";

export type Delivery = "deliver" | "hold" | "drop";

export class InstanceState {
  /** Sequence numbers of scheduling events in the current execution's history. */
  private readonly scheduled = new Set<number>();
  /** Sequence numbers already answered (completions, timer firings, entity responses). */
  private readonly answered = new Set<number>();
  /**
   * Messages the last committed episode consumed that are still stored: the next episode deletes them along with
   * its first write (see the engine's write order).
   */
  consumedUndeleted: string[] = [];

  constructor(
    public record: InstanceRecord,
    public history: HistoryEvent[],
  ) {
    this.index(history);
  }

  /** Replaces the record and appends (or, for a new execution, restarts) the history. */
  commit(record: InstanceRecord, appended: HistoryEvent[], newExecution: boolean): void {
    if (newExecution) {
      this.history = [];
      this.scheduled.clear();
      this.answered.clear();
      this.executionStarted = false;
    } else {
      this.history.push(...appended);
      this.index(appended);
    }
    this.record = record;
  }

  /** Whether the current execution's history has its ExecutionStarted yet. */
  private executionStarted = false;

  /** An instance whose execution has not started needs an episode even without messages. */
  get needsFirstEpisode(): boolean {
    return !isTerminal(this.record.runtimeStatus) && this.record.runtimeStatus !== "Suspended" && !this.executionStarted;
  }

  classify(message: OrchestratorMessage, nowMs: number): Delivery {
    const { record } = this;
    if (isTerminal(record.runtimeStatus)) return "drop";
    if (message.executionId !== undefined && message.executionId !== record.executionId) return "drop";
    if (record.lastConsumedMessageIds.includes(message.id)) return "drop";
    if (message.answers !== undefined) {
      if (this.answered.has(message.answers)) return "drop";
      if (!this.scheduled.has(message.answers)) return "hold";
    }
    if (message.visibleAtMs !== undefined && message.visibleAtMs > nowMs) return "hold";
    if (record.runtimeStatus === "Suspended" && message.control !== "resume" && message.control !== "terminate") return "hold";
    return "deliver";
  }

  /**
   * The next batch from deliverable messages (already in delivery order): a management operation alone, otherwise
   * everything up to the next management operation, ending early after an event that makes the library consume a
   * sequence number on its own (so the engine knows that number comes after the batch's new decisions).
   */
  nextBatch(deliverable: OrchestratorMessage[], nowMs: number): OrchestratorMessage[] {
    if (deliverable.length === 0) return [];
    if (deliverable[0]!.control) return [deliverable[0]!];
    const batch: OrchestratorMessage[] = [];
    for (const message of deliverable) {
      if (message.control) break;
      batch.push(message);
      if (consumesInternalEventId(this.record, message.event, nowMs)) break;
    }
    return batch;
  }

  private index(events: HistoryEvent[]): void {
    const requestPrefix = `${this.record.instanceId}:${this.record.executionId}:`;
    for (const event of events) {
      if (event.EventType === EventType.ExecutionStarted) this.executionStarted = true;
      if (SCHEDULING_EVENT_TYPES.has(event.EventType)) this.scheduled.add(event.EventId);
      const answered = answeredEventId(event);
      if (answered !== undefined) this.answered.add(answered);
      if (event.EventType === EventType.EventRaised && event.Name?.startsWith(requestPrefix)) {
        this.answered.add(Number(event.Name.slice(requestPrefix.length)));
      }
    }
  }
}
