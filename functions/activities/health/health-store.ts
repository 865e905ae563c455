// Keeps the latest health snapshot in one blob. A snapshot only replaces an older one: a slow sweep that finishes
// after a newer one must not roll the health (and what was announced) back.
import type { ContainerClient } from "@azure/storage-blob";
import { isConditionFailure, JSON_CONTENT, lazyContainer, readBlobText } from "../storage/blob-io";
import type { HealthSnapshot } from "./health-snapshot";

const LATEST = "snapshot/latest.json";
const MAX_ATTEMPTS = 5;

export class HealthStore {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  async latest(): Promise<HealthSnapshot | undefined> {
    const stored = await readBlobText((await this.ready()).getBlobClient(LATEST));
    return stored === undefined ? undefined : (JSON.parse(stored.text) as HealthSnapshot);
  }

  /**
   * Builds the next snapshot from the stored one and saves it, unless the stored one is already newer.
   * Resolves to the snapshot saved, or undefined when a newer one was there.
   */
  async update(build: (previous: HealthSnapshot | undefined) => HealthSnapshot): Promise<HealthSnapshot | undefined> {
    const blob = (await this.ready()).getBlockBlobClient(LATEST);
    for (let attempt = 1; ; attempt++) {
      const stored = await readBlobText(blob);
      const previous = stored === undefined ? undefined : (JSON.parse(stored.text) as HealthSnapshot);
      const next = build(previous);
      if (previous !== undefined && Date.parse(previous.asOf) > Date.parse(next.asOf)) return undefined;
      const text = JSON.stringify(next);
      const conditions = stored === undefined ? { ifNoneMatch: "*" } : { ifMatch: stored.etag };
      try {
        await blob.upload(text, Buffer.byteLength(text), { blobHTTPHeaders: JSON_CONTENT, conditions });
        return next;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
