// At most one mutating operation per plan, decided by storage rather than by any process: the lock is a blob named
// after the plan, created with If-None-Match: * so that of any number of concurrent starters exactly one succeeds.
// The blob holds the operation id. A lock whose operation has ended (or that was never followed by a start, e.g.
// the host died in between) is stale; it is taken over with If-Match on its ETag, so two starters that both find
// it stale still cannot both win. The workflow releases the lock when it ends (releasePlanLock activity).
import type { ContainerClient } from "@azure/storage-blob";
import type { OperationKind } from "@standby/client/contract";
import { JSON_CONTENT, isConditionFailure, lazyContainer, readBlobText, storageStatus } from "./blob-io";
import { assertOperationId, assertPlanName } from "./names";

export interface PlanLockRecord {
  operationId: string;
  kind: OperationKind;
  /** Epoch ms when the lock was taken. */
  acquiredAtMs: number;
}

/** What the operation named in a lock is doing now, as far as the workflow engine knows. */
export type HolderState = "active" | "ended" | "unknown";

export type AcquireResult = { acquired: true } | { acquired: false; holder: PlanLockRecord };

/** Asks the workflow engine about the operation that holds a lock. */
export type HolderStateProbe = (operationId: string) => Promise<HolderState>;

export interface PlanLockOptions {
  /**
   * How long a lock whose operation the engine does not know is still respected: the time between taking the lock
   * and the start reaching the engine. Longer than any start can take, short enough to recover from a crash.
   */
  unknownHolderGraceMs?: number;
  now?: () => number;
}

const DEFAULT_GRACE_MS = 60_000;
// Each takeover attempt loses only to a starter that changed the lock first; a few rounds settle any race.
const MAX_ROUNDS = 5;

export class PlanLock {
  private readonly ready: () => Promise<ContainerClient>;
  private readonly graceMs: number;
  private readonly now: () => number;

  constructor(
    container: ContainerClient,
    options: PlanLockOptions = {},
  ) {
    this.ready = lazyContainer(container);
    this.graceMs = options.unknownHolderGraceMs ?? DEFAULT_GRACE_MS;
    this.now = options.now ?? Date.now;
  }

  async acquire(plan: string, operationId: string, kind: OperationKind, probe: HolderStateProbe): Promise<AcquireResult> {
    assertPlanName(plan);
    assertOperationId(operationId);
    const blob = (await this.ready()).getBlockBlobClient(lockName(plan));
    const record: PlanLockRecord = { operationId, kind, acquiredAtMs: this.now() };
    const text = JSON.stringify(record);
    const write = (conditions: { ifNoneMatch?: string; ifMatch?: string }) =>
      blob.upload(text, Buffer.byteLength(text), { blobHTTPHeaders: JSON_CONTENT, conditions });

    for (let round = 0; round < MAX_ROUNDS; round++) {
      try {
        await write({ ifNoneMatch: "*" });
        return { acquired: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const current = await readBlobText(blob);
      if (current === undefined) continue; // released meanwhile: try to create it again
      const holder = parseRecord(current.text);
      if (holder !== undefined && !(await this.isStale(holder, probe))) return { acquired: false, holder };
      try {
        await write({ ifMatch: current.etag });
        return { acquired: true };
      } catch (error) {
        if (!isConditionFailure(error) && storageStatus(error) !== 404) throw error;
      }
    }
    const holder = await this.holder(plan);
    if (holder !== undefined) return { acquired: false, holder };
    throw new Error(`the lock of plan "${plan}" kept changing; try again`);
  }

  /** Releases the lock if (and only if) `operationId` holds it; releasing twice, or a lock now held by another, is a no-op. */
  async release(plan: string, operationId: string): Promise<boolean> {
    assertPlanName(plan);
    const blob = (await this.ready()).getBlobClient(lockName(plan));
    const current = await readBlobText(blob);
    if (current === undefined || parseRecord(current.text)?.operationId !== operationId) return false;
    try {
      await blob.delete({ conditions: { ifMatch: current.etag } });
      return true;
    } catch (error) {
      if (isConditionFailure(error) || storageStatus(error) === 404) return false;
      throw error;
    }
  }

  /** The operation that holds the plan now, or undefined when the plan is free (a stale lock counts as free). */
  async activeHolder(plan: string, probe: HolderStateProbe): Promise<PlanLockRecord | undefined> {
    const holder = await this.holder(plan);
    return holder === undefined || (await this.isStale(holder, probe)) ? undefined : holder;
  }

  private async holder(plan: string): Promise<PlanLockRecord | undefined> {
    assertPlanName(plan);
    const current = await readBlobText((await this.ready()).getBlobClient(lockName(plan)));
    return current === undefined ? undefined : parseRecord(current.text);
  }

  private async isStale(holder: PlanLockRecord, probe: HolderStateProbe): Promise<boolean> {
    const state = await probe(holder.operationId);
    if (state === "active") return false;
    if (state === "ended") return true;
    return this.now() - holder.acquiredAtMs > this.graceMs;
  }
}

function lockName(plan: string): string {
  return `${plan}.lock`;
}

function parseRecord(text: string): PlanLockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<PlanLockRecord>;
    if (typeof value.operationId === "string" && typeof value.acquiredAtMs === "number" && typeof value.kind === "string") {
      return value as PlanLockRecord;
    }
  } catch {
    // An unreadable lock is treated like a missing holder below.
  }
  return undefined;
}
