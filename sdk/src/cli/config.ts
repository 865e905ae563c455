import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** What `npm start` writes so the CLI finds the local lab without flags. */
export interface LabFile {
  endpoint?: string;
  key?: string;
  armEndpoint?: string;
}

export interface Connection {
  endpoint?: string;
  key?: string;
  /** An Entra token for the app, sent with the key so that the service knows the person; never read from the lab file. */
  token?: string;
  armEndpoint?: string;
  /** Where values came from when a lab file filled them, for error messages. */
  labFile?: string;
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

function readLabFile(path: string): LabFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object") {
    throw new Error(`${path} is not a JSON object`);
  }
  const { endpoint, key, armEndpoint } = parsed as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);
  return { endpoint: text(endpoint), key: text(key), armEndpoint: text(armEndpoint) };
}

/** Flags first, then STANDBY_ENDPOINT / STANDBY_KEY / STANDBY_TOKEN / STANDBY_ARM_ENDPOINT, then the lab file. */
export function resolveConnection(
  flags: { endpoint?: string; key?: string; token?: string; armEndpoint?: string },
  env: NodeJS.ProcessEnv,
  cwd: string,
): Connection {
  const fromEnv = {
    endpoint: env.STANDBY_ENDPOINT || undefined,
    key: env.STANDBY_KEY || undefined,
    token: env.STANDBY_TOKEN?.trim() || undefined,
    armEndpoint: env.STANDBY_ARM_ENDPOINT || undefined,
  };
  const labPath = findLabFile(cwd);
  const lab = labPath ? readLabFile(labPath) : {};
  return {
    endpoint: flags.endpoint ?? fromEnv.endpoint ?? lab.endpoint,
    key: flags.key ?? fromEnv.key ?? lab.key,
    token: flags.token ?? fromEnv.token,
    armEndpoint: flags.armEndpoint ?? fromEnv.armEndpoint ?? lab.armEndpoint,
    labFile: labPath,
  };
}
