// Small helpers over @azure/storage-blob shared by the stores: reading a blob's text with its ETag, telling storage
// failures apart by status code, and creating a container once before first use.
import type { BlobClient, ContainerClient } from "@azure/storage-blob";

export interface BlobText {
  text: string;
  etag: string;
}

/** The blob's text and ETag, or undefined when there is no such blob. */
export async function readBlobText(blob: BlobClient): Promise<BlobText | undefined> {
  try {
    const response = await blob.download();
    const body = response.readableStreamBody;
    const chunks: Buffer[] = [];
    if (body) for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return { text: Buffer.concat(chunks).toString("utf8"), etag: response.etag ?? "" };
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
    throw error;
  }
}

/** The HTTP status of a storage failure (RestError carries `statusCode`), else undefined. */
export function storageStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** 409 BlobAlreadyExists (If-None-Match: *) or 412 ConditionNotMet (If-Match): the condition did not hold. */
export function isConditionFailure(error: unknown): boolean {
  const status = storageStatus(error);
  return status === 409 || status === 412;
}

/** Creates the container on first use, once per process; later calls reuse the same promise. */
export function lazyContainer(container: ContainerClient): () => Promise<ContainerClient> {
  let ready: Promise<ContainerClient> | undefined;
  return () => {
    ready ??= container.createIfNotExists().then(
      () => container,
      (error: unknown) => {
        // A failed creation is retried by the next caller instead of poisoning the process.
        ready = undefined;
        throw error;
      },
    );
    return ready;
  };
}

export const JSON_CONTENT = { blobContentType: "application/json; charset=utf-8" } as const;
