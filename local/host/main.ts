// `npm run host -- --app <folder> ...`: runs any compiled Functions app folder on this machine, like `func start`.
import { createClock } from "../clock/clock";
import { createEngine } from "./engine-factory";
import { startHost } from "./host";
import type { LogLevel } from "./logger";
import { parseHostCommandLine } from "./options";

async function main(): Promise<void> {
  const commandLine = parseHostCommandLine(process.argv.slice(2));
  const verbose = process.env.LOCAL_HOST_VERBOSE === "1";
  const log = (level: LogLevel, message: string) => {
    if (level === "debug" && !verbose) return;
    const line = `[${new Date().toISOString()}] ${message}`;
    if (level === "error" || level === "warning") console.error(line);
    else console.log(line);
  };
  const host = await startHost({
    appFolder: commandLine.appFolder,
    port: commandLine.port,
    clock: createClock(commandLine.clockSpec),
    keys: { functionKey: commandLine.functionKey, masterKey: commandLine.masterKey },
    appServiceAuth: commandLine.appServiceAuth,
    engineFactory: createEngine,
    log,
  });
  console.log(`Functions host listening on ${host.url}`);
  console.log(`Clock: ${host.clock.mode}${host.clock.mode === "scaled" ? ` x${host.clock.speed}` : ""}`);
  if (commandLine.appServiceAuth) console.log("App Service authentication: standing in (x-ms-client-principal* headers reach the app)");
  console.log("Functions:");
  for (const line of host.describeFunctions()) console.log(`  ${line}`);
  if (!commandLine.functionKey) console.log(`Function key: ${host.keys.functionKeys[0]}`);
  if (!commandLine.masterKey) console.log(`Master key: ${host.keys.masterKey}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the host`);
    host.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`the host did not stop cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Started by a parent over an IPC channel (the test lab): the host must not outlive it, also when the parent is
  // killed and cannot stop it; a host left behind would keep calling an emulator port another lab may reuse.
  if (process.channel !== undefined) process.once("disconnect", () => stop("parent gone"));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
