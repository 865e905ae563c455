// The drill's own activity names, written once: the registration registers them, the drill workflow calls them.
export const DRILL_ACTIVITY = {
  verifyCleanup: "verifyDrillCleanupActivity",
  saveDrillReport: "saveDrillReportActivity",
  publishDrillCompleted: "publishDrillCompletedActivity",
} as const;
