// Plans as code in blob storage: one JSON blob per plan, its blob ETag being the plan's ETag. Every write is
// conditional when the caller asks (If-Match / If-None-Match: *), so two editors cannot overwrite each other.
import type { ContainerClient } from "@azure/storage-blob";
import type { Plan } from "@standby/client/contract";
import { DomainError, planNotFound } from "../../core/errors";
import { JSON_CONTENT, isConditionFailure, lazyContainer, readBlobText, storageStatus } from "./blob-io";
import { assertPlanName, isPlanName } from "./names";
import { decodePageToken, encodePageToken } from "./page-token";

export interface StoredPlan {
  plan: Plan;
  etag: string;
}

export interface PlanPage {
  plans: StoredPlan[];
  /** Present when there may be more plans; pass it back to read the next page. */
  continuationToken?: string;
}

export interface PlanWriteConditions {
  /** Replace only if the stored plan still has this ETag (`*`: only if it exists). */
  ifMatch?: string;
  /** `*`: create only if no plan of that name exists. */
  ifNoneMatch?: string;
}

export interface PlanWriteResult {
  etag: string;
  created: boolean;
}

const SUFFIX = ".json";

const versionConflict = (name: string, detail: string): DomainError =>
  new DomainError("PlanVersionConflict", `Plan "${name}" ${detail}.`);

export class PlanStore {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  async get(name: string): Promise<StoredPlan | undefined> {
    assertPlanName(name);
    const container = await this.ready();
    const stored = await readBlobText(container.getBlobClient(name + SUFFIX));
    return stored === undefined ? undefined : { plan: JSON.parse(stored.text) as Plan, etag: stored.etag };
  }

  async list(options: { maxPageSize: number; continuationToken?: string }): Promise<PlanPage> {
    const marker = options.continuationToken === undefined ? undefined : decodePageToken(options.continuationToken);
    const container = await this.ready();
    const page = await container
      .listBlobsFlat()
      .byPage({ maxPageSize: options.maxPageSize, ...(marker === undefined ? {} : { continuationToken: marker }) })
      .next();
    const segment = page.done ? undefined : page.value;
    // Only blobs this store wrote: anything else in the container (copied in by hand, say) is not a plan.
    const names = (segment?.segment.blobItems ?? [])
      .map((item) => item.name)
      .filter((blobName) => blobName.endsWith(SUFFIX) && isPlanName(blobName.slice(0, -SUFFIX.length)));
    // A plan deleted between the listing and the read is simply left out of the page.
    const plans = (await Promise.all(names.map((blobName) => this.get(blobName.slice(0, -SUFFIX.length))))).filter(
      (plan): plan is StoredPlan => plan !== undefined,
    );
    const next = segment?.continuationToken;
    return { plans, ...(next ? { continuationToken: encodePageToken(next) } : {}) };
  }

  /** Creates or replaces the plan under the given conditions; without conditions, creates or overwrites. */
  async put(plan: Plan, conditions: PlanWriteConditions = {}): Promise<PlanWriteResult> {
    assertPlanName(plan.name);
    if (conditions.ifNoneMatch !== undefined && conditions.ifNoneMatch !== "*") {
      throw new DomainError("RequestInvalid", 'If-None-Match supports only "*" (create if absent).');
    }
    const container = await this.ready();
    const blob = container.getBlockBlobClient(plan.name + SUFFIX);
    const text = JSON.stringify(plan);
    const upload = (condition: { ifMatch?: string; ifNoneMatch?: string }) =>
      blob.upload(text, Buffer.byteLength(text), { blobHTTPHeaders: JSON_CONTENT, conditions: condition });
    if (conditions.ifMatch !== undefined) {
      try {
        const response = await upload({ ifMatch: conditions.ifMatch });
        return { etag: response.etag ?? "", created: false };
      } catch (error) {
        if (isConditionFailure(error) || storageStatus(error) === 404) {
          throw versionConflict(plan.name, "was changed or deleted since the ETag given in If-Match");
        }
        throw error;
      }
    }
    try {
      const response = await upload({ ifNoneMatch: "*" });
      return { etag: response.etag ?? "", created: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (conditions.ifNoneMatch === "*") throw versionConflict(plan.name, "already exists (If-None-Match: *)");
    }
    const response = await upload({});
    return { etag: response.etag ?? "", created: false };
  }

  async delete(name: string, conditions: { ifMatch?: string } = {}): Promise<void> {
    assertPlanName(name);
    const container = await this.ready();
    try {
      await container.getBlobClient(name + SUFFIX).delete({ conditions: conditions.ifMatch === undefined ? {} : { ifMatch: conditions.ifMatch } });
    } catch (error) {
      if (storageStatus(error) === 404) throw planNotFound(name);
      if (isConditionFailure(error)) throw versionConflict(name, "was changed since the ETag given in If-Match");
      throw error;
    }
  }
}
