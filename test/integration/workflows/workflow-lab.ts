// Helpers for the workflow integration tests: start an operation through the real API, then move the lab's
// virtual clock until the operation ends, reading it back between steps like a client polling its status.
import type { Operation } from "@standby/client/contract";
import { TERMINAL_OPERATION_STATUSES } from "@standby/client/contract";
import type { RequestLogEntry } from "../../../local/arm/server/request-log";
import { api } from "../../support/api-client";
import type { Lab } from "../../support/lab";

export async function startOperation(lab: Lab, path: string, body: unknown): Promise<Operation> {
  const answer = await api<Operation>(lab, "POST", path, { json: body });
  if (answer.status !== 202) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function readOperation(lab: Lab, id: string): Promise<Operation> {
  const answer = await api<Operation>(lab, "GET", `/operations/${id}`);
  if (answer.status !== 200) throw new Error(`GET /operations/${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface WaitOptions {
  /** Simulated time allowed before giving up. */
  limitMs?: number;
  stepMs?: number;
  /** Stop early when this holds (e.g. waiting for approval). */
  until?: (operation: Operation) => boolean;
}

/** Advances simulated time step by step until the operation ends (or `until` holds); returns it as last read. */
export async function runUntil(lab: Lab, id: string, options: WaitOptions = {}): Promise<Operation> {
  const limitMs = options.limitMs ?? 4 * 3600_000;
  const stepMs = options.stepMs ?? 60_000;
  const done = options.until ?? ((operation: Operation) => TERMINAL_OPERATION_STATUSES.includes(operation.status));
  let operation = await readOperation(lab, id);
  for (let elapsed = 0; !done(operation); elapsed += stepMs) {
    if (elapsed > limitMs) throw new Error(`operation ${id} still ${operation.status} after ${limitMs} ms simulated:\n${JSON.stringify(operation, null, 1)}\n${lab.hostOutput().slice(-4000)}`);
    operation = await advanceStep(lab, id, operation, stepMs);
  }
  return operation;
}

/** Moves time one step and gives the host the real time to run what it released; answers the operation then. */
export async function advanceStep(lab: Lab, id: string, before: Operation, stepMs = 60_000): Promise<Operation> {
  await lab.advance(stepMs, { stepMs });
  // Real time for the host to run what the new time released (activities call the emulator over HTTP).
  await settle(lab, id, before);
  return readOperation(lab, id);
}

async function settle(lab: Lab, id: string, before: Operation): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await readOperation(lab, id);
    if (now.updatedAt !== before.updatedAt) return;
  }
}

/** Action POSTs on protected items in the emulator's log, by action. */
export function itemActionPosts(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((entry) => entry.method === "POST" && /\/replicationProtectedItems\/[^/]+\/[A-Za-z]+$/i.test(entry.path));
}

export function trafficChanges(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((entry) => (entry.method === "PATCH" || entry.method === "PUT") && /trafficmanagerprofiles/i.test(entry.path));
}

export function countBy<T>(values: readonly T[], key: (value: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
  return counts;
}
