// ASR jobs: each action becomes a job in `replicationJobs` that runs for a simulated while (the clock's timers), in
// phases (one for an item; for a recovery plan, its groups and their actions in order), and ends Succeeded, Failed
// (with ASR's error details) or Cancelled. A manual action suspends the job until it is resumed.
import { randomUUID } from "node:crypto";
import type { Clock } from "../../clock/clock";
import type { JobErrorRecord, JobRecord, VaultRecord } from "./records";

export interface JobPhase {
  taskName: string;
  taskFriendlyName: string;
  /** Simulated duration; ignored for manual phases, which last until the job is resumed. */
  durationMs: number;
  manual?: boolean;
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
      startMs: this.clock.now(),
      tasks: spec.phases.map((phase) => ({ name: phase.taskName, friendlyName: phase.taskFriendlyName, manual: phase.manual ?? false, state: "NotStarted" })),
      errors: [],
      onCancel: spec.onCancel,
    };
    this.remember(job);
    this.runPhase(job, spec, 0);
    return job;
  }

  /** Cancels a running or suspended job; returns false when it has already ended. */
  cancel(job: JobRecord): boolean {
    if (job.state !== "InProgress" && job.state !== "Suspended") return false;
    job.timer?.cancel();
    job.resume = undefined;
    job.state = "Cancelled";
    job.endMs = this.clock.now();
    for (const task of job.tasks) {
      if (task.state === "NotStarted" || task.state === "InProgress") {
        task.state = "Cancelled";
        task.endMs = job.endMs;
      }
    }
    job.onCancel?.();
    return true;
  }

  /** Resumes a job suspended on a manual action; returns false when it is not suspended. */
  resume(job: JobRecord): boolean {
    if (job.state !== "Suspended" || !job.resume) return false;
    const next = job.resume;
    job.resume = undefined;
    job.state = "InProgress";
    next();
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
    const task = job.tasks[index];
    task.state = "InProgress";
    task.startMs = this.clock.now();
    if (phase.manual) {
      job.state = "Suspended";
      job.resume = () => {
        task.state = "Succeeded";
        task.endMs = this.clock.now();
        this.runPhase(job, spec, index + 1);
      };
      return;
    }
    job.timer = this.clock.setTimer(phase.durationMs, () => {
      if (job.state !== "InProgress") return;
      const failures = phase.complete();
      const now = this.clock.now();
      task.endMs = now;
      if (failures.length > 0) {
        task.state = "Failed";
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
      if (oldest.state === "InProgress" || oldest.state === "Suspended") break;
      vault.jobOrder.pop();
      vault.jobs.delete(oldest.name.toLowerCase());
      vault.operations.delete(oldest.name.toLowerCase());
    }
  }
}
