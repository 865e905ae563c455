import { CliError, UsageError, type Command, type CommandContext } from "../command.js";
import { ExitCode, type ExitCodeValue } from "../exit-codes.js";

const REGION_PATTERN = /^[a-z0-9-]{1,64}$/;

/**
 * Why a request never got an answer. fetch only says "fetch failed"; the socket's error is its cause, and when
 * several addresses were tried (localhost as ::1 and 127.0.0.1) the cause gathers one error per address.
 */
function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown; errors?: { message?: unknown }[] } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  const messages = [cause?.message, ...(cause?.errors ?? []).map((entry) => entry.message)].filter(
    (message): message is string => typeof message === "string" && message.length > 0,
  );
  const message = messages.join("; ");
  if (code && !message.includes(code)) {
    return message ? `${code} (${message})` : code;
  }
  return message || (error instanceof Error ? error.message : String(error));
}

/** The emulator refuses like ARM does, with `{"error": {"code", "message"}}`; anything else is named by its status. */
async function refusal(response: Response): Promise<{ code: string; message: string }> {
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code === "string" && typeof error.message === "string") {
    return { code: error.code, message: error.message };
  }
  return { code: `Http${response.status}`, message: response.statusText || "no explanation given" };
}

/** Asks the local ARM emulator to take a region down or bring it back (the lab only; Azure has no such switch). */
async function switchRegion(context: CommandContext, change: "outage" | "restore"): Promise<ExitCodeValue> {
  const region = context.positionals[0] as string;
  if (!REGION_PATTERN.test(region)) {
    throw new UsageError(`region must be an Azure region name like westeurope; got ${JSON.stringify(region)}`);
  }
  const armEndpoint = context.connection.armEndpoint();
  if (!armEndpoint) {
    throw new UsageError("no emulator endpoint: pass --arm-endpoint, set STANDBY_ARM_ENDPOINT, or start the lab (npm start)");
  }
  const url = new URL(`/_emulator/regions/${region}/${change}`, armEndpoint.value);
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", signal: context.signal });
  } catch (error) {
    if (context.signal.aborted) {
      throw error;
    }
    throw new CliError(`cannot reach the emulator at ${url.href} (from ${armEndpoint.source}): ${networkCause(error)}`, "EmulatorUnreachable");
  }
  if (!response.ok) {
    const { code, message } = await refusal(response);
    throw new CliError(
      `the emulator refused the ${change} of ${region}: ${message}`,
      code,
      response.status === 404 ? ExitCode.notFound : ExitCode.failed,
      response.status,
    );
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
