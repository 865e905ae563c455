// Failback waits here after reprotect until replication towards the primary region is healthy for every item:
// failing back over a replication still catching up would lose what it has not copied yet.
import type { Task } from "durable-functions";
import type { ItemHealth, ReplicationHealthInput } from "../../activities/contracts";
import { ACTIVITY } from "../../activities/names";
import { finishStep, startStep } from "../../core/operation/progress";
import type { WaitForReplicationStage } from "../../core/plan/sequence";
import { armRetry, nowMs, timerIn } from "../durable";
import { fail, orCancel, update, type Session } from "../session";

export const REPLICATION_POLL_SECONDS = 60;
/** Initial replication of large disks takes hours; after a day something is wrong that waiting will not fix. */
export const REPLICATION_WAIT_LIMIT_SECONDS = 24 * 3600;

export function* runReplicationStage(session: Session, stage: WaitForReplicationStage): Generator<Task, void, unknown> {
  const { context } = session;
  const startedAtMs = nowMs(context);
  update(session, startStep(session.operation, stage.id, startedAtMs));
  const input: ReplicationHealthInput = {
    vault: session.start.plan.vault,
    itemIds: stage.items.map((item) => session.itemIds.get(item) ?? item),
  };
  for (;;) {
    const read = yield* orCancel<ItemHealth[]>(session, context.df.callActivityWithRetry(ACTIVITY.readReplicationHealth, armRetry(), input));
    if (read.canceled) break;
    const unhealthy = read.value.filter((item) => !item.healthy);
    if (unhealthy.length === 0) {
      update(session, finishStep(session.operation, stage.id, { status: "succeeded", atMs: nowMs(context) }));
      return;
    }
    if (nowMs(context) - startedAtMs >= REPLICATION_WAIT_LIMIT_SECONDS * 1000) {
      const error = {
        code: "ReplicationNotHealthy",
        message: `replication is not healthy after ${REPLICATION_WAIT_LIMIT_SECONDS} s: ${unhealthy.map((item) => `${item.itemId}: ${item.reason ?? "unhealthy"}`).join("; ")}`,
      };
      fail(session, error);
      update(session, finishStep(session.operation, stage.id, { status: "failed", atMs: nowMs(context), error }));
      return;
    }
    const waited = yield* orCancel(session, timerIn(context, REPLICATION_POLL_SECONDS));
    if (waited.canceled) break;
  }
  update(session, finishStep(session.operation, stage.id, { status: "canceled", atMs: nowMs(context) }));
}
