// A task hub store in process memory, for fast unit tests. It copies everything in and out, so the engine can
// never share an object with it: a second engine on the same store sees only what was written, as after a crash.
import type { HistoryEvent } from "./history";
import type { WorkMessage } from "./messages";
import type { EntityRecord, HistoryAppend, InstanceRecord, TaskHubStore } from "./store";

export class MemoryTaskHubStore implements TaskHubStore {
  private readonly instances = new Map<string, InstanceRecord>();
  private readonly histories = new Map<string, { executionId: string; events: HistoryEvent[] }>();
  private readonly messages = new Map<string, WorkMessage>();
  private readonly entities = new Map<string, EntityRecord>();

  async open(): Promise<void> {}

  async loadInstances(): Promise<InstanceRecord[]> {
    return [...this.instances.values()].map((record) => structuredClone(record));
  }

  async readHistory(instanceId: string, executionId: string, length: number): Promise<HistoryEvent[]> {
    const history = this.histories.get(instanceId);
    if (!history || history.executionId !== executionId) return [];
    return structuredClone(history.events.slice(0, length));
  }

  async putInstance(record: InstanceRecord, appended?: HistoryAppend): Promise<void> {
    if (appended) {
      let history = this.histories.get(record.instanceId);
      if (!history || history.executionId !== record.executionId) {
        history = { executionId: record.executionId, events: [] };
        this.histories.set(record.instanceId, history);
      }
      history.events.splice(appended.fromIndex, appended.events.length, ...structuredClone(appended.events));
    }
    this.instances.set(record.instanceId, structuredClone(record));
  }

  async deleteInstance(instanceId: string): Promise<void> {
    this.instances.delete(instanceId);
    this.histories.delete(instanceId);
  }

  async loadMessages(): Promise<WorkMessage[]> {
    return [...this.messages.values()].map((message) => structuredClone(message));
  }

  async putMessages(messages: WorkMessage[]): Promise<void> {
    for (const message of messages) this.messages.set(message.id, structuredClone(message));
  }

  async deleteMessages(ids: string[]): Promise<void> {
    for (const id of ids) this.messages.delete(id);
  }

  async exchangeMessages(put: WorkMessage[], deleteIds: string[]): Promise<void> {
    await this.putMessages(put);
    await this.deleteMessages(deleteIds);
  }

  async loadEntities(): Promise<EntityRecord[]> {
    return [...this.entities.values()].map((record) => structuredClone(record));
  }

  async putEntity(record: EntityRecord): Promise<void> {
    this.entities.set(record.entityId, structuredClone(record));
  }
}
