// The stored timeline of every operation: one JSON document per operation id (the durable instance id), plus two
// indexes of empty blobs whose names sort newest first and whose metadata carries plan, kind and status. Listing
// by plan or status then reads one index page instead of every document; the documents of that page are read in
// parallel. The documents are written by the workflow as it progresses (see activities.ts), so the indexes
// follow the status.
import type { BlockBlobClient, ContainerClient } from "@azure/storage-blob";
import type { Operation, OperationStatus } from "@standby/client/contract";
import { JSON_CONTENT, lazyContainer, readBlobText, storageStatus } from "./blob-io";
import { assertOperationId, assertPlanName, isOperationId } from "./names";
import { decodePageToken, encodePageToken } from "./page-token";

export interface OperationPage {
  operations: Operation[];
  continuationToken?: string;
}

export interface OperationQuery {
  plan?: string;
  status?: OperationStatus;
  maxPageSize: number;
  continuationToken?: string;
}

const DOCUMENTS = "operations/";
const ALL_INDEX = "index/all/";
const PLAN_INDEX = "index/plan/";
// Index names start with (this − creation time), so a plain name-ordered listing is newest first.
const LAST_EPOCH_MS = 9_999_999_999_999;
const INDEX_ENTRY_METADATA = "indexentry";

export class OperationStore {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  async get(id: string): Promise<Operation | undefined> {
    assertOperationId(id);
    const container = await this.ready();
    const stored = await readBlobText(container.getBlobClient(`${DOCUMENTS}${id}.json`));
    return stored === undefined ? undefined : (JSON.parse(stored.text) as Operation);
  }

  /** Writes the document and brings both index entries up to date; writing the same document twice changes nothing. */
  async save(operation: Operation): Promise<void> {
    assertOperationId(operation.id);
    assertPlanName(operation.plan);
    const container = await this.ready();
    const document = container.getBlockBlobClient(`${DOCUMENTS}${operation.id}.json`);
    // The index position is fixed by the first save: a later version with another createdAt (the starter's clock and
    // the workflow's may differ) must move nothing, or the operation would be listed twice.
    const entry = (await indexEntryOf(document)) ?? indexEntry(operation);
    const text = JSON.stringify(operation);
    await document.upload(text, Buffer.byteLength(text), { blobHTTPHeaders: JSON_CONTENT, metadata: { [INDEX_ENTRY_METADATA]: entry } });
    const metadata = { plan: operation.plan, kind: operation.kind, status: operation.status };
    await Promise.all(
      [`${ALL_INDEX}${entry}`, `${PLAN_INDEX}${operation.plan}/${entry}`].map((name) => container.getBlockBlobClient(name).upload("", 0, { metadata })),
    );
  }

  /**
   * Saves the document only if none is stored yet: the starter's first version must not overwrite a newer one the
   * workflow may already have written. Returns whether it was written.
   */
  async saveIfAbsent(operation: Operation): Promise<boolean> {
    if ((await this.get(operation.id)) !== undefined) return false;
    await this.save(operation);
    return true;
  }

  /** Newest first; a status filter may leave a page with fewer operations than asked (follow the token). */
  async list(query: OperationQuery): Promise<OperationPage> {
    if (query.plan !== undefined) assertPlanName(query.plan);
    const marker = query.continuationToken === undefined ? undefined : decodePageToken(query.continuationToken);
    const container = await this.ready();
    const prefix = query.plan === undefined ? ALL_INDEX : `${PLAN_INDEX}${query.plan}/`;
    const page = await container
      .listBlobsFlat({ prefix, includeMetadata: true })
      .byPage({ maxPageSize: query.maxPageSize, ...(marker === undefined ? {} : { continuationToken: marker }) })
      .next();
    const segment = page.done ? undefined : page.value;
    const ids = (segment?.segment.blobItems ?? [])
      .filter((item) => query.status === undefined || item.metadata?.status === query.status)
      .map((item) => idOfEntry(item.name))
      .filter(isOperationId);
    const operations = (await Promise.all(ids.map((id) => this.get(id)))).filter(
      (operation): operation is Operation => operation !== undefined && (query.status === undefined || operation.status === query.status),
    );
    const next = segment?.continuationToken;
    return { operations, ...(next ? { continuationToken: encodePageToken(next) } : {}) };
  }
}

function indexEntry(operation: Operation): string {
  const createdMs = Date.parse(operation.createdAt);
  const inverted = String(LAST_EPOCH_MS - (Number.isFinite(createdMs) ? createdMs : 0)).padStart(13, "0");
  return `${inverted}_${operation.id}`;
}

async function indexEntryOf(document: BlockBlobClient): Promise<string | undefined> {
  try {
    return (await document.getProperties()).metadata?.[INDEX_ENTRY_METADATA];
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
    throw error;
  }
}

function idOfEntry(blobName: string): string {
  const last = blobName.slice(blobName.lastIndexOf("/") + 1);
  return last.slice(last.indexOf("_") + 1);
}
