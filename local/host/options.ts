// Command-line options of `npm run host -- --app <folder> [--port P] [--speed N | --virtual] [--key K] [--master-key K]
// [--app-service-auth]`.
// A clock spec in the LOCAL_CLOCK environment variable (JSON, see local/clock) makes the host share another
// process's clock, as the lab does with the ARM emulator. Keys may also come from the settings LOCAL_FUNCTION_KEY and
// LOCAL_MASTER_KEY; without either, the host makes random ones and prints them.
import { clockSpecFromOptions, type ClockSpec } from "../clock/clock";

export interface HostCommandLine {
  appFolder: string;
  port: number;
  clockSpec: ClockSpec;
  functionKey?: string;
  masterKey?: string;
  /** Stand in for App Service authentication (see http/app-service-auth.ts). */
  appServiceAuth: boolean;
}

export const CLOCK_ENVIRONMENT_VARIABLE = "LOCAL_CLOCK";

export const HOST_USAGE = "usage: npm run host -- --app <folder> [--port 7071] [--speed N | --virtual] [--key <function key>] [--master-key <key>] [--app-service-auth]";

const FLAGS = ["--virtual", "--app-service-auth"];

export function parseHostCommandLine(args: string[], environment: Record<string, string | undefined> = process.env): HostCommandLine {
  const values = new Map<string, string>();
  let virtual = false;
  let appServiceAuth = false;
  for (let index = 0; index < args.length; index++) {
    const [arg, inlineValue] = splitInlineValue(args[index]);
    if (FLAGS.includes(arg) && inlineValue !== undefined) throw new Error(`option ${arg} takes no value\n${HOST_USAGE}`);
    if (arg === "--virtual") {
      virtual = true;
      continue;
    }
    if (arg === "--app-service-auth") {
      appServiceAuth = true;
      continue;
    }
    if (!["--app", "--port", "--speed", "--key", "--master-key"].includes(arg)) throw new Error(`unknown option "${arg}"\n${HOST_USAGE}`);
    // `--key=-abc` passes a value that itself starts with dashes.
    const value = inlineValue ?? args[++index];
    if (value === undefined || (inlineValue === undefined && value.startsWith("--"))) throw new Error(`option ${arg} needs a value\n${HOST_USAGE}`);
    values.set(arg, value);
  }
  const appFolder = values.get("--app");
  if (!appFolder) throw new Error(`--app <folder> is required\n${HOST_USAGE}`);
  const port = parseInteger(values.get("--port") ?? "7071", "--port", 0, 65535);
  const speedText = values.get("--speed");
  const speed = speedText === undefined ? undefined : parsePositive(speedText, "--speed");
  if (virtual && speed !== undefined) throw new Error("--speed and --virtual exclude each other");
  return {
    appFolder,
    port,
    clockSpec: clockSpecFromEnvironment(environment) ?? clockSpecFromOptions({ speed, virtual }),
    functionKey: values.get("--key") ?? nonEmpty(environment.LOCAL_FUNCTION_KEY),
    masterKey: values.get("--master-key") ?? nonEmpty(environment.LOCAL_MASTER_KEY),
    appServiceAuth,
  };
}

function splitInlineValue(arg: string): [string, string | undefined] {
  const equals = arg.indexOf("=");
  return arg.startsWith("--") && equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function clockSpecFromEnvironment(environment: Record<string, string | undefined>): ClockSpec | undefined {
  const text = environment[CLOCK_ENVIRONMENT_VARIABLE];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ClockSpec;
  } catch {
    throw new Error(`${CLOCK_ENVIRONMENT_VARIABLE} must hold a JSON clock spec, got ${text}`);
  }
}

function parseInteger(text: string, option: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${option} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function parsePositive(text: string, option: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`${option} must be a positive number, got "${text}"`);
  return value;
}
