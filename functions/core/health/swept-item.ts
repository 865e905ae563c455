// What the sweep keeps of one protected item: the app's live-state view plus the few fields the health evaluation
// and the alert mapping need (the machine's resource id and regions, when ASR computed the RPO).
import type { ProtectedItemState } from "../live-state";

export interface SweptItem extends ProtectedItemState {
  /** Resource id of the protected machine (A2A `fabricObjectId`), for mapping Resource Health events. */
  vmId?: string;
  primaryRegion?: string;
  recoveryRegion?: string;
  /** ISO time of the last successful test failover (how long a test failover has been left running). */
  lastTestFailoverTime?: string;
}
