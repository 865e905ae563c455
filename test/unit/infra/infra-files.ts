// Reads the deployment files the infra tests check, relative to the repository root.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { RoleDefinitions } from "./infra-checks";

export const ROOT = join(__dirname, "..", "..", "..");
const INFRA = join(ROOT, "infra");

export function readRepoFile(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** Every .bicep file under infra/, keyed by its path relative to infra/ with forward slashes. */
export function bicepFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".bicep")) files[relative(INFRA, path).split(sep).join("/")] = readFileSync(path, "utf8");
    }
  };
  walk(INFRA);
  return files;
}

/** role-definitions.json without its `$comment`. */
export function roleDefinitions(): RoleDefinitions {
  const parsed = JSON.parse(readRepoFile("infra/role-definitions.json")) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([key]) => !key.startsWith("$"))) as unknown as RoleDefinitions;
}
