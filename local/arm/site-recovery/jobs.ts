// ASR jobs: each action becomes a job in `replicationJobs` that runs for a simulated while (the clock's timers), in
// phases (one for an item, one per group for a recovery plan), and ends Succeeded, Failed (with ASR's error details)
// or Cancelled.
import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock/clock";
import type { JobErrorRecord, JobRecord, JobTask, VaultRecord } from "./records";

export interface JobPhase {
  taskName: string;
  taskFriendlyName: string;
  durationMs: number;
  /** Runs when the phase ends; returns the failures of this phase (an empty list when it succeeded). */
  complete(): { code: string; message: string }[];
}

export interface NewJob {
  vault: VaultRecord;
  scenarioName: string;
  friendlyName: string;
  targetKind: JobRecord["targetKind"];
  targetId: string;
  targetName: string;
  targetFriendlyName: string;
  phases: JobPhase[];
  /** Called once the job has ended, whatever the outcome. */
  onEnd(job: JobRecord): void;
  onCancel(): void;
}

const MAX_JOBS_PER_VAULT = 5000;

export class JobRunner {
  constructor(private readonly clock: Clock) {}

  start(spec: NewJob): JobRecord {
    const name = randomUUID();
    const startMs = this.clock.now();
    let offset = 0;
    const tasks: JobTask[] = spec.phases.map((phase) => {
      offset += phase.durationMs;
      return { name: phase.taskName, friendlyName: phase.taskFriendlyName, endOffsetMs: offset };
    });
    const job: JobRecord = {
      name,
      id: `${spec.vault.id}/replicationJobs/${name}`,
      vault: spec.vault,
      scenarioName: spec.scenarioName,
      friendlyName: spec.friendlyName,
      targetKind: spec.targetKind,
      targetId: spec.targetId,
      targetName: spec.targetName,
      targetFriendlyName: spec.targetFriendlyName,
      state: "InProgress",
      startMs,
      durationMs: offset,
      tasks,
      errors: [],
      onCancel: spec.onCancel,
    };
    this.remember(job);
    this.runPhase(job, spec, 0);
    return job;
  }

  /** Cancels a running job; returns false when it is not running. */
  cancel(job: JobRecord): boolean {
    if (job.state !== "InProgress") return false;
    job.timer?.cancel();
    job.state = "Cancelled";
    job.endMs = this.clock.now();
    for (const task of job.tasks) if (!task.state) task.state = "Cancelled";
    job.onCancel?.();
    return true;
  }

  private runPhase(job: JobRecord, spec: NewJob, index: number): void {
    if (index >= spec.phases.length) {
      job.state = "Succeeded";
      job.endMs = this.clock.now();
      spec.onEnd(job);
      return;
    }
    const phase = spec.phases[index];
    job.timer = this.clock.setTimer(phase.durationMs, () => {
      if (job.state !== "InProgress") return;
      const failures = phase.complete();
      const task = job.tasks[index];
      if (failures.length > 0) {
        task.state = "Failed";
        const now = this.clock.now();
        job.errors.push(...failures.map((failure): JobErrorRecord => ({ ...failure, taskId: task.name, creationMs: now })));
        job.tasks.slice(index + 1).forEach((later) => (later.state = "Cancelled"));
        job.state = "Failed";
        job.endMs = now;
        spec.onEnd(job);
        return;
      }
      task.state = "Succeeded";
      this.runPhase(job, spec, index + 1);
    });
  }

  private remember(job: JobRecord): void {
    const vault = job.vault;
    vault.jobs.set(job.name.toLowerCase(), job);
    vault.jobOrder.unshift(job);
    // Finished jobs beyond the cap are forgotten, oldest first, so a long lab session stays small.
    while (vault.jobOrder.length > MAX_JOBS_PER_VAULT) {
      const oldest = vault.jobOrder[vault.jobOrder.length - 1];
      if (oldest.state === "InProgress") break;
      vault.jobOrder.pop();
      vault.jobs.delete(oldest.name.toLowerCase());
      vault.operations.delete(oldest.name.toLowerCase());
    }
  }
}
