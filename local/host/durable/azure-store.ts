// The task hub in Azure Storage (Azurite locally), laid out like the Durable Functions Azure Storage provider:
// `<hub>History` (one partition per orchestration instance: a row per history event, plus a sentinel row holding
// the instance record, so an episode's events and the record that counts them commit in one entity-group
// transaction), `<hub>Instances` (one row per entity), `<hub>Work` (pending messages), and the blob container
// `<hub>-largemessages` for payloads too large for a table row.
import { randomUUID } from "node:crypto";
import { TableClient, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { BlobServiceClient } from "@azure/storage-blob";
import type { HistoryEvent } from "./history";
import { LargePayloads, type StoredPayload } from "./large-payloads";
import type { WorkMessage } from "./messages";
import type { EntityRecord, HistoryAppend, InstanceRecord, TaskHubStore } from "./store";

export interface AzureStorageTaskHubStoreOptions {
  connectionString: string;
  /** Letters and digits, starting with a letter (it prefixes table names), 3 to 45 characters. */
  taskHub: string;
}

type Row = TableEntity<StoredPayload & { Kind?: string; ExecutionId?: string }>;

const WORK_PARTITION = "work";
/** Row key of the instance record in its history partition; history rows are keyed by 10-digit position. */
const SENTINEL_ROW = "sentinel";
/** Operations in one entity-group transaction (the service's limit). */
const BATCH_LIMIT = 100;
/**
 * Inline payload characters in one transaction: the service takes 4 MiB a request, and JSON text escaped again as
 * a property value can grow to twice its length.
 */
const BATCH_DATA_LIMIT = 1_500_000;

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
  /** The blob holding each instance record too large for its row (by partition key), removed once a newer commits. */
  private readonly recordBlobs = new Map<string, string>();

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
    const records = new Map<string, InstanceRecord>();
    for await (const row of this.history.listEntities<Row>({ queryOptions: { filter: `RowKey eq '${SENTINEL_ROW}'` } })) {
      if (row.DataBlob) this.recordBlobs.set(row.partitionKey!, row.DataBlob);
      records.set(row.partitionKey!, await this.payloads.decode<InstanceRecord>(row));
    }
    // A task hub written before the records moved into the history partitions keeps them in the Instances table:
    // they are read too (a sentinel, once written, wins), so a lab's running operations survive the upgrade.
    for await (const row of this.instances.listEntities<Row>({ queryOptions: { filter: "Kind eq 'orchestration'" } })) {
      if (!records.has(row.partitionKey!)) records.set(row.partitionKey!, await this.payloads.decode<InstanceRecord>(row));
    }
    return [...records.values()];
  }

  async loadEntities(): Promise<EntityRecord[]> {
    const records: EntityRecord[] = [];
    for await (const row of this.instances.listEntities<Row>({ queryOptions: { filter: "Kind eq 'entity'" } })) {
      records.push(await this.payloads.decode<EntityRecord>(row));
    }
    return records;
  }

  async readHistory(instanceId: string, executionId: string, length: number): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    const rows = this.history.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${escapeOData(key(instanceId))}'` } });
    for await (const row of rows) {
      const index = Number(row.rowKey);
      if (row.rowKey === SENTINEL_ROW || row.ExecutionId !== executionId || index >= length) continue;
      events[index] = await this.payloads.decode<HistoryEvent>(row);
    }
    if (events.length !== length || events.some((event) => event === undefined)) {
      throw new Error(`history of '${instanceId}' has ${events.filter(Boolean).length} of its ${length} committed events`);
    }
    return events;
  }

  async putInstance(record: InstanceRecord, appended?: HistoryAppend): Promise<void> {
    const partitionKey = key(record.instanceId);
    const actions: TransactionAction[] = [];
    for (const [offset, event] of (appended?.events ?? []).entries()) {
      const rowKey = historyRowKey((appended?.fromIndex ?? 0) + offset);
      const payload = await this.payloads.encode(event, `history/${partitionKey}/${record.executionId}/${rowKey}.json`);
      actions.push(["upsert", { partitionKey, rowKey, ExecutionId: record.executionId, ...payload }, "Replace"]);
    }
    // A large record gets a blob of its own each time: overwriting the blob the committed row points at would
    // change the committed record ahead of its history if the process died in between.
    const payload = await this.payloads.encode(record, `instances/${partitionKey}/${randomUUID()}.json`);
    // Last, so that when the writes take more than one transaction the record commits after its events.
    actions.push(["upsert", { partitionKey, rowKey: SENTINEL_ROW, Kind: "orchestration", ...payload }, "Replace"]);
    for (const chunk of transactions(actions)) await this.history.submitTransaction(chunk);
    const previousBlob = this.recordBlobs.get(partitionKey);
    if (payload.DataBlob) this.recordBlobs.set(partitionKey, payload.DataBlob);
    else this.recordBlobs.delete(partitionKey);
    if (previousBlob !== undefined) await this.payloads.delete(previousBlob);
  }

  async putEntity(record: EntityRecord): Promise<void> {
    const partitionKey = key(record.entityId);
    const payload = await this.payloads.encode(record, `entities/${partitionKey}.json`);
    await this.instances.upsertEntity({ partitionKey, rowKey: "", Kind: "entity", ...payload }, "Replace");
  }

  async deleteInstance(instanceId: string): Promise<void> {
    const partitionKey = key(instanceId);
    const rows = this.history.listEntities<Row>({ queryOptions: { filter: `PartitionKey eq '${escapeOData(partitionKey)}'`, select: ["PartitionKey", "RowKey"] } });
    const deletes: TransactionAction[] = [];
    for await (const row of rows) deletes.push(["delete", { partitionKey, rowKey: row.rowKey! }]);
    for (const chunk of transactions(deletes)) await this.history.submitTransaction(chunk);
    await this.payloads.deleteUnder(`history/${partitionKey}/`);
    await this.payloads.deleteUnder(`instances/${partitionKey}/`);
    this.recordBlobs.delete(partitionKey);
    // Where a task hub from before the sentinel rows kept the record.
    await ignoreNotFound(this.instances.deleteEntity(partitionKey, ""));
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
    for (const chunk of transactions(await this.upserts(messages))) await this.work.submitTransaction(chunk);
  }

  async exchangeMessages(put: WorkMessage[], deleteIds: string[]): Promise<void> {
    const deletes = deleteIds.map((id): TransactionAction => ["delete", { partitionKey: WORK_PARTITION, rowKey: key(id) }]);
    const actions = [...(await this.upserts(put)), ...deletes];
    if (actions.length === 0) return;
    // All work rows share one partition, so one transaction can send new work and retire consumed work together.
    if (transactions(actions).length === 1 && !deleteIds.some((id) => this.messagesWithBlobs.has(key(id)))) {
      try {
        await this.work.submitTransaction(actions);
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
}

/** Splits actions, in order, into transactions the service accepts (operation count and request size). */
function transactions(actions: TransactionAction[]): TransactionAction[][] {
  const chunks: TransactionAction[][] = [];
  let chunk: TransactionAction[] = [];
  let dataChars = 0;
  for (const action of actions) {
    const chars = (action[1] as StoredPayload).Data?.length ?? 0;
    if (chunk.length > 0 && (chunk.length === BATCH_LIMIT || dataChars + chars > BATCH_DATA_LIMIT)) {
      chunks.push(chunk);
      chunk = [];
      dataChars = 0;
    }
    chunk.push(action);
    dataChars += chars;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
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
