// `npm run emulator -- --port P --estate shop [--speed N] [--virtual]`: runs the ARM emulator alone until stopped.
import { parseArgs } from "node:util";
import { clockSpecFromOptions } from "../clock/clock";
import { startArmEmulator } from "./emulator";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      estate: { type: "string", default: "shop" },
      speed: { type: "string" },
      virtual: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`--port must be 0-65535, got ${values.port}`);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0)) throw new RangeError(`--speed must be a positive number, got ${values.speed}`);
  const emulator = await startArmEmulator({
    port,
    estate: values.estate ?? "shop",
    clock: clockSpecFromOptions({ speed, virtual: values.virtual }),
    log: values.verbose ? (line) => console.error(line) : (line) => line.includes("unexpected error") && console.error(line),
  });
  console.log(`ARM emulator listening on ${emulator.url}`);
  const stop = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`ARM emulator: ${(error as Error).message}`);
  process.exit(1);
});
