// Reads a compiled Functions app folder the way the host does: package.json `main`, host.json (route prefix, durable
// task hub) and settings from the environment and local.settings.json `Values` (the environment wins, as with
// Core Tools). Pure: nothing is loaded or changed.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

export interface AppConfig {
  folder: string;
  /** Absolute paths of the entry modules (`main` may name one file or a `*` pattern of files). */
  entryFiles: string[];
  /** "api" unless host.json says otherwise; "" means routes sit at the root. */
  routePrefix: string;
  taskHubName: string;
  /** The setting that holds the storage connection string of the task hub. */
  storageConnectionSetting: string;
  /** Settings the app sees as environment variables. */
  settings: Record<string, string>;
}

const DEFAULT_TASK_HUB = "TestHubName";

export function readAppConfig(folder: string, environment: Record<string, string | undefined> = process.env): AppConfig {
  const appFolder = resolve(folder);
  const packageJson = readJson(join(appFolder, "package.json"), "the app's package.json") as { main?: unknown };
  if (typeof packageJson.main !== "string" || packageJson.main.length === 0) {
    throw new Error(`${join(appFolder, "package.json")} has no "main"; the host loads the app's functions from it`);
  }
  const hostJsonPath = join(appFolder, "host.json");
  const hostJson = (existsSync(hostJsonPath) ? readJson(hostJsonPath, "host.json") : {}) as HostJson;
  const settings = readSettings(appFolder, environment);
  const durableTask = hostJson.extensions?.durableTask ?? {};
  const taskHubName = substituteSettings(durableTask.hubName ?? DEFAULT_TASK_HUB, settings, "extensions.durableTask.hubName");
  validateTaskHubName(taskHubName);
  return {
    folder: appFolder,
    entryFiles: resolveEntryFiles(appFolder, packageJson.main),
    routePrefix: trimSlashes(hostJson.extensions?.http?.routePrefix ?? "api"),
    taskHubName,
    storageConnectionSetting: durableTask.storageProvider?.connectionStringName ?? "AzureWebJobsStorage",
    settings,
  };
}

interface HostJson {
  extensions?: {
    http?: { routePrefix?: string };
    durableTask?: { hubName?: string; storageProvider?: { connectionStringName?: string } };
  };
}

function readSettings(folder: string, environment: Record<string, string | undefined>): Record<string, string> {
  const settings: Record<string, string> = {};
  const localSettingsPath = join(folder, "local.settings.json");
  if (existsSync(localSettingsPath)) {
    const values = (readJson(localSettingsPath, "local.settings.json") as { Values?: Record<string, unknown> }).Values ?? {};
    for (const [name, value] of Object.entries(values)) settings[name] = String(value);
  }
  for (const [name, value] of Object.entries(environment)) if (value !== undefined) settings[name] = value;
  return settings;
}

/** Replaces `%NAME%` with the setting NAME, as the host does for binding and host.json values. */
export function substituteSettings(value: string, settings: Record<string, string>, where: string): string {
  return value.replace(/%([^%]+)%/g, (_match, name: string) => {
    const setting = settings[name];
    if (setting === undefined) throw new Error(`${where} refers to the app setting ${name}, which is not set`);
    return setting;
  });
}

function validateTaskHubName(name: string): void {
  // Azure Storage task hubs name tables and queues after the hub, hence the storage naming rules.
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(name)) {
    throw new Error(`task hub name "${name}" is invalid: use 3 to 45 letters and digits, starting with a letter`);
  }
}

function resolveEntryFiles(folder: string, main: string): string[] {
  const path = resolve(folder, main);
  if (!basename(path).includes("*")) {
    if (!existsSync(path)) throw new Error(`the app's main file ${path} does not exist; build the app first`);
    return [path];
  }
  if (dirname(path).includes("*")) throw new Error(`"main": "${main}" uses a wildcard in a folder name; only file names may use *`);
  const pattern = new RegExp(`^${basename(path).split("*").map(escapeRegExp).join(".*")}$`);
  const files = existsSync(dirname(path)) ? readdirSync(dirname(path)).filter((file) => pattern.test(file)).sort() : [];
  if (files.length === 0) throw new Error(`"main": "${main}" matches no file; build the app first`);
  return files.map((file) => join(dirname(path), file));
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${what} at ${path}: ${(error as Error).message}`);
  }
}

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
