// The job runner on a virtual clock: phases in order, failure stops the job, manual phases suspend until resumed,
// cancel works while running or suspended and never after the end.
import { createClock } from "../../../local/clock/clock";
import { loadEstate } from "../../../local/estates/load-estate";
import { type JobPhase, JobRunner } from "../../../local/arm/site-recovery/jobs";
import { SiteRecoveryStore } from "../../../local/arm/site-recovery/store";

describe("JobRunner", () => {
  const setup = () => {
    const clock = createClock({ mode: "virtual", originMs: 0 });
    const vault = [...new SiteRecoveryStore(loadEstate("shop"), clock).vaults.values()][0];
    return { clock, vault, runner: new JobRunner(clock) };
  };
  const phase = (name: string, minutes: number, log: string[], failWith?: string): JobPhase => ({
    taskName: name,
    taskFriendlyName: name,
    durationMs: minutes * 60_000,
    complete: () => {
      log.push(name);
      return failWith ? [{ code: failWith, message: `${name} failed` }] : [];
    },
  });
  const start = (runner: JobRunner, vault: ReturnType<typeof setup>["vault"], phases: JobPhase[], ended: string[]) =>
    runner.start({
      vault,
      scenarioName: "TestFailover",
      friendlyName: "Test failover",
      targetKind: "RecoveryPlan",
      targetId: "/plan",
      targetName: "plan",
      targetFriendlyName: "plan",
      phases,
      onEnd: (job) => ended.push(job.state),
      onCancel: () => ended.push("cancel-hook"),
    });

  it("runs phases in order on simulated time and succeeds", async () => {
    const { clock, vault, runner } = setup();
    const log: string[] = [];
    const ended: string[] = [];
    const job = start(runner, vault, [phase("a", 5, log), phase("b", 3, log)], ended);
    await clock.advance(5 * 60_000);
    expect([log, job.state, job.tasks.map((task) => task.state)]).toEqual([["a"], "InProgress", ["Succeeded", "InProgress"]]);
    await clock.advance(3 * 60_000);
    expect([log, job.state, ended, job.endMs]).toEqual([["a", "b"], "Succeeded", ["Succeeded"], 8 * 60_000]);
    expect(vault.jobOrder[0]).toBe(job);
    expect(runner.cancel(job)).toBe(false);
  });

  it("stops at a failing phase with its error and cancels the rest", async () => {
    const { clock, vault, runner } = setup();
    const log: string[] = [];
    const job = start(runner, vault, [phase("a", 1, log, "70038"), phase("b", 1, log)], []);
    await clock.advance(10 * 60_000);
    expect([log, job.state, job.tasks.map((task) => task.state)]).toEqual([["a"], "Failed", ["Failed", "Cancelled"]]);
    expect(job.errors).toMatchObject([{ code: "70038", taskId: "a" }]);
  });

  it("suspends on a manual phase until resumed, and can be cancelled while suspended", async () => {
    const { clock, vault, runner } = setup();
    const log: string[] = [];
    const ended: string[] = [];
    const manual: JobPhase = { ...phase("confirm", 0, log), manual: true };
    const job = start(runner, vault, [phase("a", 1, log), manual, phase("b", 1, log)], ended);
    await clock.advance(60 * 60_000);
    expect([job.state, log]).toEqual(["Suspended", ["a"]]);
    expect(runner.resume(job)).toBe(true);
    expect(runner.resume(job)).toBe(false);
    await clock.advance(60_000);
    expect([job.state, log]).toEqual(["Succeeded", ["a", "b"]]);

    const second = start(runner, vault, [manual, phase("c", 1, log)], ended);
    expect(second.state).toBe("Suspended");
    expect(runner.cancel(second)).toBe(true);
    expect([second.state, second.tasks.map((task) => task.state), ended.at(-1)]).toEqual(["Cancelled", ["Cancelled", "Cancelled"], "cancel-hook"]);
    await clock.advance(60_000);
    expect(log).not.toContain("c");
  });
});
