// Activity names, written once: registrations use them to register, orchestrations use them to call. The
// storage activities (save the timeline, release the plan lock) are named in storage/activities.ts.
export const ACTIVITY = {
  preflightItems: "preflightItemsActivity",
  startItemAction: "startItemActionActivity",
  readJob: "readJobActivity",
  cancelItemAction: "cancelItemActionActivity",
  readReplicationHealth: "readReplicationHealthActivity",
  switchTraffic: "switchTrafficActivity",
  readTraffic: "readTrafficActivity",
  callWebhook: "callWebhookActivity",
  probeOnce: "probeOnceActivity",
  startRunbook: "startRunbookActivity",
  readRunbookJob: "readRunbookJobActivity",
  publishOperationEvent: "publishOperationEventActivity",
} as const;

export type ActivityName = (typeof ACTIVITY)[keyof typeof ACTIVITY];
