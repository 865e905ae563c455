// Table rows hold at most 64 KiB per string property, so, like the real task hub, the store keeps a large payload
// in a blob and leaves a reference in the row.
import type { ContainerClient } from "@azure/storage-blob";

/** Characters of JSON kept inline; UTF-16 property values up to this size stay well under the 64 KiB limit. */
const INLINE_LIMIT = 30_000;

export interface StoredPayload {
  Data?: string;
  DataBlob?: string;
}

export class LargePayloads {
  constructor(private readonly container: ContainerClient) {}

  async open(): Promise<void> {
    await this.container.createIfNotExists();
  }

  /** JSON of `value`, inline when small, otherwise in the blob `blobName`. */
  async encode(value: unknown, blobName: string): Promise<StoredPayload> {
    const json = JSON.stringify(value);
    if (json.length <= INLINE_LIMIT) return { Data: json };
    const body = Buffer.from(json, "utf8");
    await this.container.getBlockBlobClient(blobName).upload(body, body.length);
    return { DataBlob: blobName };
  }

  async decode<T>(row: StoredPayload): Promise<T> {
    if (row.Data !== undefined) return JSON.parse(row.Data) as T;
    if (!row.DataBlob) throw new Error("a stored row has neither inline data nor a blob reference");
    const body = await this.container.getBlobClient(row.DataBlob).downloadToBuffer();
    return JSON.parse(body.toString("utf8")) as T;
  }

  async deleteUnder(prefix: string): Promise<void> {
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      await this.container.getBlobClient(blob.name).deleteIfExists();
    }
  }

  async delete(blobName: string): Promise<void> {
    await this.container.getBlobClient(blobName).deleteIfExists();
  }
}
