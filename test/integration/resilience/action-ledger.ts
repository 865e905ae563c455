// What reached ARM, counted the way the crash-safety claims are stated: accepted (202) action POSTs per item and
// action, accepted Traffic Manager changes, and the difference between two snapshots of the emulator's log so each
// operation of a chain is judged on its own requests.
import type { RequestLogEntry } from "../../../local/arm/server/request-log";
import { itemActionPosts, trafficChanges } from "../workflows/workflow-lab";

/** item name -> action name -> accepted POSTs. */
export type ActionLedger = Record<string, Record<string, number>>;

export function acceptedActions(log: readonly RequestLogEntry[]): ActionLedger {
  const ledger: ActionLedger = {};
  for (const entry of itemActionPosts(log).filter((candidate) => candidate.status === 202)) {
    const [item, action] = entry.path.split("/").slice(-2) as [string, string];
    const actions = (ledger[item] ??= {});
    actions[action] = (actions[action] ?? 0) + 1;
  }
  return ledger;
}

export function acceptedTrafficChanges(log: readonly RequestLogEntry[]): number {
  return trafficChanges(log).filter((entry) => entry.status === 200).length;
}

/**
 * The log entries written after `before` was read, by their position numbers rather than by array length: the
 * emulator trims its oldest entries in long sessions, and a slice by length would then silently start too late.
 * Throws when entries of the wanted stretch are no longer in the log, since any count over it would be wrong.
 */
export function since(before: readonly RequestLogEntry[], after: readonly RequestLogEntry[]): RequestLogEntry[] {
  const lastSeen = before.at(-1)?.seq;
  // An empty snapshot says nothing about where the log stood: everything in `after` came later.
  if (lastSeen === undefined) return [...after];
  const oldestKept = after[0]?.seq;
  if (oldestKept !== undefined && oldestKept > lastSeen + 1) {
    throw new Error(`the emulator's request log no longer holds calls ${lastSeen + 1} to ${oldestKept - 1}; a count over them would be wrong`);
  }
  return after.filter((entry) => entry.seq > lastSeen);
}

/** The same expected actions for every item in `items`: `{ itemName: { action: 1 } }`. */
export function expectedLedger(items: readonly string[], actions: Record<string, number>): ActionLedger {
  return Object.fromEntries(items.map((item) => [item, { ...actions }]));
}
