import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CliError, UsageError } from "./command.js";

/** The fields of what `npm start` writes so the CLI finds the local lab without flags. */
type LabField = "endpoint" | "key" | "armEndpoint";

/** A connection value and where it came from (`--endpoint`, `STANDBY_ENDPOINT`, `endpoint in …/lab.json`), for messages. */
export interface Setting {
  value: string;
  source: string;
}

/**
 * Where the CLI connects. Each value comes from its flag, else its environment variable, else the lab file; the lab
 * file is read only when a command asks for a value that neither flag nor variable gave, so a broken one only stops
 * the commands that need it.
 */
export interface Connection {
  /** The app's base URL, checked to be an http(s) URL. */
  endpoint(): Setting | undefined;
  key(): Setting | undefined;
  /** The local ARM emulator's base URL (lab commands only), checked to be an http(s) URL. */
  armEndpoint(): Setting | undefined;
  /** An Entra token for the app, sent with the key so that the service knows the person; never read from the lab file. */
  token: string | undefined;
}

/** The nearest `.standby/lab.json` from `start` upwards, so the CLI works from any folder of the project. */
export function findLabFile(start: string): string | undefined {
  let folder = start;
  for (;;) {
    const candidate = join(folder, ".standby", "lab.json");
    if (existsSync(candidate)) {
      return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      return undefined;
    }
    folder = parent;
  }
}

function readLabFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, "LabFileInvalid");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliError(`${path} is not a JSON object`, "LabFileInvalid");
  }
  return parsed as Record<string, unknown>;
}

/** Reads the lab file on the first call only; later calls answer from what it held. */
function labFileReader(cwd: string): (field: LabField) => Setting | undefined {
  let lab: { path: string; fields: Record<string, unknown> } | null | undefined;
  return (field) => {
    if (lab === undefined) {
      const path = findLabFile(cwd);
      lab = path === undefined ? null : { path, fields: readLabFile(path) };
    }
    const value = lab?.fields[field];
    if (lab === null || value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== "string" || value.length === 0) {
      throw new CliError(`${field} in ${lab.path} must be a non-empty string; got ${JSON.stringify(value)}`, "LabFileInvalid");
    }
    return { value, source: `${field} in ${lab.path}` };
  };
}

/** The setting when it is an absolute http(s) URL; otherwise `refuse` says which flag, variable or file is wrong. */
function checkedUrl(setting: Setting, refuse: (message: string) => Error): Setting {
  let protocol: string | undefined;
  try {
    protocol = new URL(setting.value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw refuse(`${setting.source} must be an absolute http(s) URL like http://127.0.0.1:7071; got ${JSON.stringify(setting.value)}`);
  }
  return setting;
}

const usage = (message: string) => new UsageError(message);
const badLabFile = (message: string) => new CliError(message, "LabFileInvalid");

/** Flags first, then STANDBY_ENDPOINT / STANDBY_KEY / STANDBY_TOKEN / STANDBY_ARM_ENDPOINT, then the lab file. */
export function resolveConnection(
  flags: { endpoint?: string; key?: string; token?: string; armEndpoint?: string },
  env: NodeJS.ProcessEnv,
  cwd: string,
): Connection {
  const fromLab = labFileReader(cwd);
  const choose = (flag: string, flagValue: string | undefined, variable: string, field: LabField, isUrl: boolean) => {
    // A URL given on the command line is checked at once, like any other flag; the others when they are used.
    const given = flagValue === undefined ? undefined : { value: flagValue, source: `--${flag}` };
    const checkedFlag = given && isUrl ? checkedUrl(given, usage) : given;
    return (): Setting | undefined => {
      if (checkedFlag) {
        return checkedFlag;
      }
      // An empty variable counts as unset, as shells make it easy to export one.
      const fromEnv = env[variable] ? { value: env[variable], source: variable } : undefined;
      if (fromEnv) {
        return isUrl ? checkedUrl(fromEnv, usage) : fromEnv;
      }
      const fromFile = fromLab(field);
      return fromFile && isUrl ? checkedUrl(fromFile, badLabFile) : fromFile;
    };
  };
  return {
    endpoint: choose("endpoint", flags.endpoint, "STANDBY_ENDPOINT", "endpoint", true),
    key: choose("key", flags.key, "STANDBY_KEY", "key", false),
    armEndpoint: choose("arm-endpoint", flags.armEndpoint, "STANDBY_ARM_ENDPOINT", "armEndpoint", true),
    token: flags.token ?? (env.STANDBY_TOKEN?.trim() || undefined),
  };
}
