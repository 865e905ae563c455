import { UsageError, type Command, type CommandContext } from "../command.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";

const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/** Asks the local ARM emulator to take a region down or bring it back (the lab only; Azure has no such switch). */
async function switchRegion(context: CommandContext, change: "outage" | "restore"): Promise<ExitCodeValue> {
  const region = context.positionals[0] as string;
  if (!REGION_PATTERN.test(region)) {
    throw new UsageError(`region must be an Azure region name like westeurope; got ${JSON.stringify(region)}`);
  }
  const armEndpoint = context.connection.armEndpoint;
  if (!armEndpoint) {
    throw new UsageError("no emulator endpoint: pass --arm-endpoint, set STANDBY_ARM_ENDPOINT, or start the lab (npm start)");
  }
  const url = new URL(`/_emulator/regions/${region}/${change}`, armEndpoint);
  const response = await fetch(url, { method: "POST", signal: context.signal });
  if (!response.ok) {
    const text = await response.text();
    context.err(`standby: the emulator answered ${response.status} to ${change} of ${region}: ${text.slice(0, 300)}`);
    return response.status === 404 ? ExitCode.notFound : ExitCode.failed;
  }
  if (context.json) {
    context.out(JSON.stringify({ region, change, status: response.status }));
  } else {
    context.out(change === "outage" ? `region ${region} is down (simulated)` : `region ${region} is back`);
  }
  return ExitCode.ok;
}

export const labCommands: Command[] = [
  {
    name: "lab outage",
    synopsis: "<region> [--arm-endpoint <url>]",
    summary: "Simulate an outage of a region in the local lab.",
    options: {},
    positionals: ["region"],
    run: (context) => switchRegion(context, "outage"),
  },
  {
    name: "lab restore",
    synopsis: "<region> [--arm-endpoint <url>]",
    summary: "End a simulated outage in the local lab.",
    options: {},
    positionals: ["region"],
    run: (context) => switchRegion(context, "restore"),
  },
];
