// The drill scheduler's memory: per plan, the last schedule occurrence it handled (started or skipped), one small
// blob per plan, so a host restart neither repeats a drill nor forgets that one was due.
import type { ContainerClient } from "@azure/storage-blob";
import { lazyContainer, readBlobText } from "../storage/blob-io";
import { assertPlanName } from "../storage/names";

export class DrillScheduleMarks {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  async lastHandled(plan: string): Promise<number | undefined> {
    assertPlanName(plan);
    const stored = await readBlobText((await this.ready()).getBlobClient(markName(plan)));
    if (stored === undefined) return undefined;
    const value = (JSON.parse(stored.text) as { lastHandledMs?: unknown }).lastHandledMs;
    return typeof value === "number" ? value : undefined;
  }

  async setLastHandled(plan: string, epochMs: number): Promise<void> {
    assertPlanName(plan);
    const text = JSON.stringify({ lastHandledMs: epochMs });
    await (await this.ready()).getBlockBlobClient(markName(plan)).upload(text, Buffer.byteLength(text));
  }
}

function markName(plan: string): string {
  return `schedule/${plan}.json`;
}
