// `npm start`: builds, then runs the local lab until Ctrl-C.
import { startLab } from "./lab";
import type { LogLevel } from "../host/logger";
import { parseLabOptions } from "./options";
import { runStartupDrill } from "./drill-at-start";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = parseLabOptions(args.filter((arg) => arg !== "--no-drill"));
  const verbose = process.env.LOCAL_HOST_VERBOSE === "1";
  const log = (level: LogLevel, message: string) => {
    if (level === "debug" && !verbose) return;
    const line = `[${new Date().toISOString()}] ${message}`;
    if (level === "error" || level === "warning") console.error(line);
    else console.log(line);
  };
  console.log(`Starting the Standby lab (state in ${options.stateDir}, simulated time x${options.speed})...`);
  const lab = await startLab(options, log);
  console.log(`Azurite:        ${lab.storage.split(";").find((part) => part.startsWith("BlobEndpoint="))?.slice("BlobEndpoint=".length) ?? "started"}`);
  console.log(`ARM emulator:   ${lab.armEndpoint}`);
  console.log(`Functions host: ${lab.endpoint}`);
  for (const line of lab.host.describeFunctions()) console.log(`  ${line}`);
  console.log(`Lab settings:   ${lab.descriptionFile} (endpoint, key, armEndpoint, storage, masterKey)`);
  console.log(`Try:            STANDBY_ENDPOINT=${lab.endpoint} STANDBY_KEY=$(node -p "require('${lab.descriptionFile}').key") standby plans list`);
  console.log(`Dashboard:      ${lab.endpoint}/api/dashboard/#key=${encodeURIComponent(lab.key)}`);
  console.log(`Standby is ready at ${lab.endpoint}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the lab...`);
    lab.stop().then(
      () => {
        console.log("Lab stopped.");
        process.exit(0);
      },
      (error: Error) => {
        console.error(`the lab did not stop cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // One drill of `shop` right after start-up shows the whole product working; `--no-drill` skips it.
  if (!args.includes("--no-drill")) await runStartupDrill({ endpoint: lab.endpoint, key: lab.key, armEndpoint: lab.armEndpoint }, (line) => console.log(line));
}

main().catch((error: Error) => {
  console.error(`The lab could not start: ${error.message}`);
  process.exit(1);
});
