// The task hub in Azure Storage (Azurite locally), laid out like the Durable Functions Azure Storage provider:
// tables `<hub>Instances` (one row per orchestration instance or entity), `<hub>History` (one row per history
// event, partitioned by instance) and `<hub>Work` (pending messages), plus the blob container
// `<hub>-largemessages` for payloads too large for a table row.
import { TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { BlobServiceClient } from "@azure/storage-blob";
import type { HistoryEvent } from "./history";
import { LargePayloads, type StoredPayload } from "./large-payloads";
import type { WorkMessage } from "./messages";
import type { EntityRecord, InstanceRecord, TaskHubStore } from "./store";

export interface AzureStorageTaskHubStoreOptions {
  connectionString: string;
  /** Letters and digits, starting with a letter (it prefixes table names), 3 to 45 characters. */
  taskHub: string;
}

type Row = TableEntity<StoredPayload & { Kind?: string; ExecutionId?: string }>;

const WORK_PARTITION = "work";
const BATCH_LIMIT = 100;

/** Table keys may not contain / \ # ? or control characters; instance ids may not either, entity keys may. */
function key(value: string): string {
  return encodeURIComponent(value);
}

function historyRowKey(index: number): string {
  return index.toString().padStart(10, "0");
}

export class AzureStorageTaskHubStore implements TaskHubStore {
  private readonly instances: TableClient;
  private readonly history: TableClient;
  private readonly work: TableClient;
  private readonly payloads: LargePayloads;
  /** Messages whose payload went to a blob, so deleting them also removes the blob. */
  private readonly messagesWithBlobs = new Set<string>();

  constructor(options: AzureStorageTaskHubStoreOptions) {
    if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(options.taskHub)) {
      throw new RangeError(`task hub name '${options.taskHub}' must be 3 to 45 letters or digits, starting with a letter`);
    }
    const insecure = /DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(options.connectionString);
    const table = (name: string) => TableClient.fromConnectionString(options.connectionString, `${options.taskHub}${name}`, { allowInsecureConnection: insecure });
    this.instances = table("Instances");
    this.history = table("History");
    this.work = table("Work");
    const container = BlobServiceClient.fromConnectionString(options.connectionString).getContainerClient(`${options.taskHub.toLowerCase()}-largemessages`);
    this.payloads = new LargePayloads(container);
  }

  async open(): Promise<void> {
    await Promise.all([this.instances.createTable(), this.history.createTable(), this.work.createTable(), this.payloads.open()]);
  }

  async loadInstances(): Promise<InstanceRecord[]> {
    return this.loadKind<InstanceRecord>("orchestration");
  }

  async loadEntities(): Promise<EntityRecord[]> {
    return this.loadKind<EntityRecord>("entity");
  }

  async readHistory(instanceId: string, executionId: string, length: number): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    const rows = this.history.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${escapeOData(key(instanceId))}'` } });
    for await (const row of rows) {
      const index = Number(row.rowKey);
      if (row.ExecutionId !== executionId || index >= length) continue;
      events[index] = await this.payloads.decode<HistoryEvent>(row);
    }
    if (events.length !== length || events.some((event) => event === undefined)) {
      throw new Error(`history of '${instanceId}' has ${events.filter(Boolean).length} of its ${length} committed events`);
    }
    return events;
  }

  async writeHistory(instanceId: string, executionId: string, fromIndex: number, events: HistoryEvent[]): Promise<void> {
    const partitionKey = key(instanceId);
    const actions: TransactionAction[] = [];
    for (let offset = 0; offset < events.length; offset++) {
      const rowKey = historyRowKey(fromIndex + offset);
      const payload = await this.payloads.encode(events[offset], `history/${partitionKey}/${executionId}/${rowKey}.json`);
      actions.push(["upsert", { partitionKey, rowKey, ExecutionId: executionId, ...payload }, "Replace"]);
    }
    for (let start = 0; start < actions.length; start += BATCH_LIMIT) {
      await this.history.submitTransaction(actions.slice(start, start + BATCH_LIMIT));
    }
  }

  async putInstance(record: InstanceRecord): Promise<void> {
    await this.putRecord("orchestration", record.instanceId, record);
  }

  async putEntity(record: EntityRecord): Promise<void> {
    await this.putRecord("entity", record.entityId, record);
  }

  async deleteInstance(instanceId: string): Promise<void> {
    const partitionKey = key(instanceId);
    const rows = this.history.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${escapeOData(partitionKey)}'`, select: ["PartitionKey", "RowKey"] } });
    const deletes: TransactionAction[] = [];
    for await (const row of rows) deletes.push(["delete", { partitionKey, rowKey: row.rowKey! }]);
    for (let start = 0; start < deletes.length; start += BATCH_LIMIT) await this.history.submitTransaction(deletes.slice(start, start + BATCH_LIMIT));
    await ignoreNotFound(this.instances.deleteEntity(partitionKey, ""));
    await this.payloads.deleteUnder(`history/${partitionKey}/`);
    await this.payloads.delete(`instances/${partitionKey}.json`);
  }

  async loadMessages(): Promise<WorkMessage[]> {
    const messages: WorkMessage[] = [];
    const rows = this.work.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${WORK_PARTITION}'` } });
    for await (const row of rows) {
      if (row.DataBlob) this.messagesWithBlobs.add(row.rowKey!);
      messages.push(await this.payloads.decode<WorkMessage>(row));
    }
    return messages;
  }

  async putMessages(messages: WorkMessage[]): Promise<void> {
    const actions = await this.upserts(messages);
    for (let start = 0; start < actions.length; start += BATCH_LIMIT) await this.work.submitTransaction(actions.slice(start, start + BATCH_LIMIT));
  }

  async exchangeMessages(put: WorkMessage[], deleteIds: string[]): Promise<void> {
    const deletes = deleteIds.map((id): TransactionAction => ["delete", { partitionKey: WORK_PARTITION, rowKey: key(id) }]);
    const upserts = await this.upserts(put);
    // All work rows share one partition, so one transaction can answer and retire activities together.
    if (upserts.length + deletes.length <= BATCH_LIMIT && !deleteIds.some((id) => this.messagesWithBlobs.has(key(id)))) {
      try {
        await this.work.submitTransaction([...upserts, ...deletes]);
        return;
      } catch {
        // A delete of a row that is already gone fails the transaction; fall back to the two steps.
      }
    }
    await this.putMessages(put);
    await this.deleteMessages(deleteIds);
  }

  private async upserts(messages: WorkMessage[]): Promise<TransactionAction[]> {
    const actions: TransactionAction[] = [];
    for (const message of messages) {
      const rowKey = key(message.id);
      const payload = await this.payloads.encode(message, `work/${rowKey}.json`);
      if (payload.DataBlob) this.messagesWithBlobs.add(rowKey);
      actions.push(["upsert", { partitionKey: WORK_PARTITION, rowKey, ...payload }, "Replace"]);
    }
    return actions;
  }

  async deleteMessages(ids: string[]): Promise<void> {
    const rowKeys = ids.map(key);
    for (let start = 0; start < rowKeys.length; start += BATCH_LIMIT) {
      const chunk = rowKeys.slice(start, start + BATCH_LIMIT);
      try {
        await this.work.submitTransaction(chunk.map((rowKey): TransactionAction => ["delete", { partitionKey: WORK_PARTITION, rowKey }]));
      } catch {
        // A batch fails as a whole when one row is already gone (a re-delivery after a crash); delete one by one.
        await Promise.all(chunk.map((rowKey) => ignoreNotFound(this.work.deleteEntity(WORK_PARTITION, rowKey))));
      }
    }
    for (const rowKey of rowKeys) {
      if (!this.messagesWithBlobs.delete(rowKey)) continue;
      await this.payloads.delete(`work/${rowKey}.json`);
    }
  }

  private async putRecord(kind: "orchestration" | "entity", id: string, record: unknown): Promise<void> {
    const partitionKey = key(id);
    const payload = await this.payloads.encode(record, `instances/${partitionKey}.json`);
    await this.instances.upsertEntity({ partitionKey, rowKey: "", Kind: kind, ...payload }, "Replace");
  }

  private async loadKind<T>(kind: "orchestration" | "entity"): Promise<T[]> {
    const records: T[] = [];
    for await (const row of this.instances.listEntities<Row>({ queryOptions: { filter: `Kind eq '${kind}'` } })) {
      records.push(await this.payloads.decode<T>(row));
    }
    return records;
  }
}

function escapeOData(value: string): string {
  return value.replace(/'/g, "''");
}

async function ignoreNotFound(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
