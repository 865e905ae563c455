import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { allSettings } from "../../../functions/azure/config";
import { extractTable, renderSettingsTable, TABLE_END, TABLE_START } from "./settings-table";

const ROOT = join(__dirname, "..", "..", "..");
const PAGE = join(ROOT, "docs", "configuration.md");

describe("the configuration page", () => {
  it("lists exactly the declared settings with their defaults and meanings", () => {
    const expected = renderSettingsTable(allSettings);
    const page = readFileSync(PAGE, "utf8");
    // STANDBY_WRITE_DOCS=1 regenerates the table after a setting is added or changed.
    if (process.env.STANDBY_WRITE_DOCS === "1") {
      const start = page.indexOf(TABLE_START);
      const end = page.indexOf(TABLE_END);
      writeFileSync(PAGE, `${page.slice(0, start + TABLE_START.length)}\n${expected}\n${page.slice(end)}`);
      return;
    }
    expect(extractTable(page)).toBe(expected);
  });

  it("notices a setting missing from the page", () => {
    const page = readFileSync(PAGE, "utf8");
    const withoutOne = page
      .split("\n")
      .filter((line) => !line.startsWith("| `STANDBY_MAX_PARALLEL_ITEMS`"))
      .join("\n");
    expect(extractTable(withoutOne)).not.toBe(renderSettingsTable(allSettings));
  });
});

describe("one place reads app settings", () => {
  const READS_ENV = [/process\s*\.\s*env\b/, /process\s*\[\s*["'`]env["'`]\s*\]/, /\{[^}]*\benv\b[^}]*\}\s*=\s*(globalThis\s*\.\s*)?process\b/];
  const readsEnv = (text: string): boolean => READS_ENV.some((pattern) => pattern.test(text));
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sources(path);
      return name.endsWith(".ts") ? [path] : [];
    });

  it("has no process.env access in functions/ outside the configuration module", () => {
    const offenders = sources(join(ROOT, "functions"))
      .filter((path) => !/^functions\/azure\/config[^/]*\.ts$/.test(relative(ROOT, path).split(sep).join("/")))
      .filter((path) => readsEnv(readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });

  it("the check recognises the ways of reading the environment", () => {
    expect(readsEnv("const a = process.env.X;")).toBe(true);
    expect(readsEnv('const a = process["env"].X;')).toBe(true);
    expect(readsEnv("const { env } = process;")).toBe(true);
    expect(readsEnv("const { argv, env: vars } = globalThis.process;")).toBe(true);
    expect(readsEnv("const environment = loadConfig();")).toBe(false);
  });
});
