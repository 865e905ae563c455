// Names of the health sweep's orchestrations, shared by the timer that starts the sweep and the registration.
export const HEALTH_ORCHESTRATION = {
  /** One sweep: every vault of every plan, then the evaluation, the snapshot and the alerts. */
  sweep: "healthSweepOrchestration",
  /** One vault, page range after page range. */
  vault: "healthVaultOrchestration",
  /** A bounded range of one vault's pages: keeps every history small however large the vault. */
  pageRange: "healthPageRangeOrchestration",
} as const;

/** Pages one page-range sub-orchestration reads (in activities of a few pages) before handing the continuation back. */
export const PAGES_PER_RANGE = 50;

/** Vaults read at the same time: each reads its pages one after another, so this bounds ARM reads in flight. */
export const PARALLEL_VAULTS = 4;
