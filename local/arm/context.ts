// Everything the request handlers share: the estate's live state, the clock, outages, jobs and fault settings.
import type { Clock } from "../clock/clock";
import type { Estate } from "../estates/estate";
import type { EventGridTopic } from "./eventgrid/topic";
import type { Faults } from "./server/faults";
import type { JobRunner } from "./site-recovery/jobs";
import type { SiteRecoveryStore } from "./site-recovery/store";
import type { TrafficManagerStore } from "./traffic-manager/store";
import type { RegionOutages } from "./world/regions";

export interface EmulatorContext {
  estate: Estate;
  clock: Clock;
  siteRecovery: SiteRecoveryStore;
  trafficManager: TrafficManagerStore;
  outages: RegionOutages;
  jobs: JobRunner;
  faults: Faults;
  topic: EventGridTopic;
  /** The key the topic expects in `aeg-sas-key` (from the options or the estate). */
  eventGridKey: string;
  /** Seconds the LRO answers ask the poller to wait (ASR says 30 at real speed). */
  retryAfterSeconds: number;
}
