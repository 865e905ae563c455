// What the alert intake keeps, in one blob container: every event received with what became of it (events/), the
// recent signals of each plan with the last automatic start (signals/{plan}.json, updated under ETag so events
// delivered side by side do not lose each other's signals), and every policy decision with its inputs (decisions/).
import { randomUUID } from "node:crypto";
import type { ContainerClient } from "@azure/storage-blob";
import type { PolicyDecision } from "../../core/alerts/policy";
import type { Signal } from "../../core/alerts/signals";
import { isConditionFailure, JSON_CONTENT, lazyContainer, readBlobText } from "../storage/blob-io";
import { assertPlanName } from "../storage/names";

/** Signals older than this are dropped: the longest policy window is a day. */
export const SIGNAL_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A plan keeps at most this many signals, the newest. */
export const MAX_SIGNALS_PER_PLAN = 500;
const MAX_ATTEMPTS = 8;
/** Names sort newest first when they start with (this − time). */
const NAME_TIME_BASE = 9_999_999_999_999;

export interface ReceivedEvent {
  receivedAtMs: number;
  eventId?: string;
  eventType?: string;
  outcome: "recorded" | "ignored";
  /** Why an event was ignored. */
  reason?: string;
  signals: Signal[];
  plans: string[];
  /** The event as delivered, for ignored events (clipped), so a bad event can be looked at later. */
  raw?: string;
}

export interface PlanSignals {
  signals: Signal[];
  lastAutoStart?: { operationId: string; atMs: number };
}

export type StartOutcome = { started: true; operationId: string } | { started: false; code: string; message: string };

export interface RecordedDecision extends PolicyDecision {
  trigger: { eventId: string; eventType: string };
  outcome?: StartOutcome;
  inputs: {
    policy: unknown;
    lastOperation?: { id: string; kind: string; at: string };
    rpo: { objectiveSeconds: number; worstRpoSeconds: number | null; measuredAt: string | null };
    signalsRecorded: number;
  };
}

export class AlertStore {
  private readonly ready: () => Promise<ContainerClient>;

  constructor(container: ContainerClient) {
    this.ready = lazyContainer(container);
  }

  async recordEvent(event: ReceivedEvent): Promise<void> {
    await this.write(`events/${sortableName(event.receivedAtMs)}.json`, event);
  }

  async recordDecision(decision: RecordedDecision): Promise<void> {
    assertPlanName(decision.plan);
    await this.write(`decisions/${decision.plan}/${sortableName(decision.atMs)}.json`, decision);
  }

  async decisions(plan: string): Promise<RecordedDecision[]> {
    assertPlanName(plan);
    const container = await this.ready();
    const found: RecordedDecision[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: `decisions/${plan}/` })) {
      const stored = await readBlobText(container.getBlobClient(blob.name));
      if (stored !== undefined) found.push(JSON.parse(stored.text) as RecordedDecision);
    }
    return found;
  }

  async events(): Promise<ReceivedEvent[]> {
    const container = await this.ready();
    const found: ReceivedEvent[] = [];
    for await (const blob of container.listBlobsFlat({ prefix: "events/" })) {
      const stored = await readBlobText(container.getBlobClient(blob.name));
      if (stored !== undefined) found.push(JSON.parse(stored.text) as ReceivedEvent);
    }
    return found;
  }

  async signals(plan: string): Promise<PlanSignals> {
    assertPlanName(plan);
    const stored = await readBlobText((await this.ready()).getBlobClient(`signals/${plan}.json`));
    return stored === undefined ? { signals: [] } : (JSON.parse(stored.text) as PlanSignals);
  }

  /** Adds signals (a redelivered event adds nothing) and drops old ones; resolves to the plan's signals after. */
  addSignals(plan: string, signals: readonly Signal[], nowMs: number): Promise<PlanSignals> {
    return this.updateSignals(plan, (current) => {
      const seen = new Set(current.signals.map((signal) => `${signal.eventId}|${signal.key}`));
      const added = signals.filter((signal) => !seen.has(`${signal.eventId}|${signal.key}`));
      const kept = [...current.signals, ...added]
        .filter((signal) => signal.atMs >= nowMs - SIGNAL_RETENTION_MS)
        .sort((a, b) => a.atMs - b.atMs)
        .slice(-MAX_SIGNALS_PER_PLAN);
      return { ...current, signals: kept };
    });
  }

  setLastAutoStart(plan: string, start: { operationId: string; atMs: number }): Promise<PlanSignals> {
    return this.updateSignals(plan, (current) => ({ ...current, lastAutoStart: start }));
  }

  private async updateSignals(plan: string, change: (current: PlanSignals) => PlanSignals): Promise<PlanSignals> {
    assertPlanName(plan);
    const blob = (await this.ready()).getBlockBlobClient(`signals/${plan}.json`);
    for (let attempt = 1; ; attempt++) {
      const stored = await readBlobText(blob);
      const next = change(stored === undefined ? { signals: [] } : (JSON.parse(stored.text) as PlanSignals));
      const text = JSON.stringify(next);
      try {
        await blob.upload(text, Buffer.byteLength(text), {
          blobHTTPHeaders: JSON_CONTENT,
          conditions: stored === undefined ? { ifNoneMatch: "*" } : { ifMatch: stored.etag },
        });
        return next;
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async write(name: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    await (await this.ready()).getBlockBlobClient(name).upload(text, Buffer.byteLength(text), { blobHTTPHeaders: JSON_CONTENT });
  }
}

function sortableName(atMs: number): string {
  return `${String(NAME_TIME_BASE - Math.max(0, Math.floor(atMs))).padStart(13, "0")}-${randomUUID()}`;
}
