// A small durable app used by the engine tests; it exercises every feature the engine supports. Counters record
// how often each activity really ran, so tests can prove completed work is not repeated.
import * as df from "durable-functions";
import type { OrchestrationContext, OrchestrationHandler, EntityContext } from "durable-functions";

export const runs = new Map<string, number>();
export const knobs = { failuresBeforeSuccess: 0, version: 1, gate: undefined as Promise<void> | undefined, inFlight: 0, maxInFlight: 0 };

export function resetApp(): void {
  runs.clear();
  knobs.failuresBeforeSuccess = 0;
  knobs.version = 1;
  knobs.gate = undefined;
  knobs.inFlight = 0;
  knobs.maxInFlight = 0;
}

function count(name: string): number {
  const next = (runs.get(name) ?? 0) + 1;
  runs.set(name, next);
  return next;
}

df.app.activity("SayHello", { handler: (city: string) => { count("SayHello"); return `Hello ${city}!`; } });

df.app.activity("Slow", {
  handler: async (n: number) => {
    count("Slow");
    knobs.inFlight++;
    knobs.maxInFlight = Math.max(knobs.maxInFlight, knobs.inFlight);
    await (knobs.gate ?? Promise.resolve());
    await new Promise((resolve) => setImmediate(resolve));
    knobs.inFlight--;
    return n * 2;
  },
});

df.app.activity("Flaky", {
  handler: (input: string) => {
    const attempt = count("Flaky");
    if (attempt <= knobs.failuresBeforeSuccess) throw new Error(`flaky failure ${attempt}`);
    return `ok ${input} after ${attempt}`;
  },
});

df.app.activity("Boom", { handler: () => { count("Boom"); throw new RangeError("the activity exploded"); } });

const helloSequence: OrchestrationHandler = function* (context: OrchestrationContext) {
  const outputs: string[] = [];
  outputs.push(yield context.df.callActivity("SayHello", "Tokyo"));
  outputs.push(yield context.df.callActivity("SayHello", "Seattle"));
  outputs.push(yield context.df.callActivity("SayHello", "London"));
  return outputs;
};
df.app.orchestration("HelloSequence", helloSequence);

df.app.orchestration("FanOut", function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  const tasks = Array.from({ length: count }, (_, index) => context.df.callActivity("Slow", index));
  const results: number[] = yield context.df.Task.all(tasks);
  return results.reduce((sum, value) => sum + value, 0);
});

df.app.orchestration("Sequential", function* (context: OrchestrationContext) {
  const count = context.df.getInput<number>();
  let total = 0;
  for (let index = 0; index < count; index++) total += yield context.df.callActivity("Slow", index);
  return total;
});

df.app.orchestration("Sleeper", function* (context: OrchestrationContext) {
  const minutes = context.df.getInput<number>();
  const start = context.df.currentUtcDateTime.getTime();
  yield context.df.createTimer(new Date(start + minutes * 60_000));
  return (context.df.currentUtcDateTime.getTime() - start) / 60_000;
});

df.app.orchestration("Approval", function* (context: OrchestrationContext) {
  context.df.setCustomStatus({ stage: "waiting" });
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + 60 * 60_000);
  const timer = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent("Approve");
  const winner = yield context.df.Task.any([approval, timer]);
  if (winner === approval) {
    timer.cancel();
    context.df.setCustomStatus({ stage: "approved" });
    return { approved: true, by: approval.result };
  }
  context.df.setCustomStatus({ stage: "timed out" });
  return { approved: false };
});

df.app.orchestration("EarlyEvent", function* (context: OrchestrationContext) {
  const greeting: string = yield context.df.callActivity("SayHello", "Early");
  const data: unknown = yield context.df.waitForExternalEvent("Go");
  return { greeting, data };
});

df.app.orchestration("Child", function* (context: OrchestrationContext) {
  const input = context.df.getInput<{ city: string; fail?: boolean }>();
  if (input.fail) throw new Error(`child refused ${input.city}`);
  const greeting: string = yield context.df.callActivity("SayHello", input.city);
  return { greeting, instanceId: context.df.instanceId, parent: context.df.parentInstanceId };
});

df.app.orchestration("Parent", function* (context: OrchestrationContext) {
  const named = yield context.df.callSubOrchestrator("Child", { city: "Oslo" }, `${context.df.instanceId}-oslo`);
  const anonymous = yield context.df.callSubOrchestrator("Child", { city: "Rome" });
  let failure: string | undefined;
  try {
    yield context.df.callSubOrchestrator("Child", { city: "Nowhere", fail: true });
  } catch (error) {
    failure = (error as Error).message;
  }
  return { named, anonymous, failure };
});

df.app.orchestration("RetryActivity", function* (context: OrchestrationContext) {
  const options = new df.RetryOptions(1000, context.df.getInput<number>());
  options.backoffCoefficient = 2;
  try {
    return yield context.df.callActivityWithRetry("Flaky", options, "payload");
  } catch (error) {
    return { gaveUp: (error as Error).message };
  }
});

df.app.orchestration("FlakyChild", function* (context: OrchestrationContext) {
  return yield context.df.callActivity("Flaky", "child");
});

df.app.orchestration("RetrySubOrchestration", function* (context: OrchestrationContext) {
  return yield context.df.callSubOrchestratorWithRetry("FlakyChild", new df.RetryOptions(500, 3));
});

df.app.orchestration("Counter", function* (context: OrchestrationContext) {
  const state = context.df.getInput<{ n: number; until: number }>();
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1000));
  if (state.n + 1 >= state.until) return state.n + 1;
  context.df.continueAsNew({ n: state.n + 1, until: state.until });
  return undefined;
});

df.app.orchestration("CountsInChild", function* (context: OrchestrationContext) {
  return yield context.df.callSubOrchestrator("Counter", { n: 0, until: 3 }, `${context.df.instanceId}-counter`);
});

df.app.orchestration("Failing", function* (context: OrchestrationContext) {
  yield context.df.callActivity("Boom");
  return "unreachable";
});

df.app.orchestration("CatchesFailure", function* (context: OrchestrationContext) {
  try {
    yield context.df.callActivity("Boom");
    return "unreachable";
  } catch (error) {
    return (error as Error).message;
  }
});

df.app.orchestration("Evolving", function* (context: OrchestrationContext) {
  // Changes between deployments: replaying an old instance under version 2 makes a different first decision.
  if (knobs.version === 1) yield context.df.callActivity("SayHello", "first");
  else yield context.df.callActivity("Slow", 1);
  yield context.df.waitForExternalEvent("Continue");
  yield context.df.callActivity("SayHello", "second");
  return "done";
});

df.app.orchestration("LongTimer", function* (context: OrchestrationContext) {
  const days = context.df.getInput<number>();
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + days * 24 * 3600_000));
  return "woke up";
});

df.app.entity("Account", (context: EntityContext<number>) => {
  const balance = context.df.getState(() => 0) ?? 0;
  switch (context.df.operationName) {
    case "deposit":
      context.df.setState(balance + context.df.getInput<number>()!);
      break;
    case "get":
      context.df.return(balance);
      break;
    case "fail":
      throw new Error("account refused");
    case "delete":
      context.df.destructOnExit();
      break;
    case "transfer": {
      const { to, amount } = context.df.getInput<{ to: string; amount: number }>()!;
      context.df.setState(balance - amount);
      context.df.signalEntity(new df.EntityId("Account", to), "deposit", amount);
      break;
    }
  }
});

df.app.orchestration("UsesEntity", function* (context: OrchestrationContext) {
  const account = new df.EntityId("Account", context.df.getInput<string>());
  context.df.signalEntity(account, "deposit", 5);
  yield context.df.callEntity(account, "deposit", 10);
  const balance: number = yield context.df.callEntity(account, "get");
  return balance;
});

df.app.orchestration("Journey", function* (context: OrchestrationContext) {
  const hello: string = yield context.df.callActivity("SayHello", "Journey");
  const doubled: number[] = yield context.df.Task.all([context.df.callActivity("Slow", 1), context.df.callActivity("Slow", 2)]);
  const child: { greeting: string } = yield context.df.callSubOrchestrator("Child", { city: "Paris" });
  const account = new df.EntityId("Account", context.df.instanceId);
  yield context.df.callEntity(account, "deposit", 3);
  const balance: number = yield context.df.callEntity(account, "get");
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 60_000));
  const approval: unknown = yield context.df.waitForExternalEvent("Approve");
  return { hello, doubled, child: child.greeting, balance, approval };
});

df.app.orchestration("EntityFailure", function* (context: OrchestrationContext) {
  try {
    yield context.df.callEntity(new df.EntityId("Account", "grumpy"), "fail");
    return "unreachable";
  } catch (error) {
    return { caught: error instanceof Error };
  }
});

df.app.orchestration("ClaimsChildId", function* (context: OrchestrationContext) {
  return yield context.df.callSubOrchestrator("Approval", undefined, context.df.getInput<string>());
});

df.app.orchestration("ReplayAware", function* (context: OrchestrationContext) {
  const seen: boolean[] = [context.df.isReplaying];
  yield context.df.callActivity("SayHello", "a");
  seen.push(context.df.isReplaying);
  yield context.df.callActivity("SayHello", "b");
  seen.push(context.df.isReplaying);
  return seen;
});

df.app.orchestration("CallsHttp", function* (context: OrchestrationContext) {
  return yield context.df.callHttp({ method: "GET", url: "http://127.0.0.1:9/status" });
});
