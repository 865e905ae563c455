// Renders the settings table of docs/configuration.md from the declarations, so the page cannot drift from the code.
import type { InfraPresence, SettingSpec } from "../../../functions/azure/config";

export const TABLE_START = "<!-- settings-table:start (generated from functions/azure/config-settings.ts) -->";
export const TABLE_END = "<!-- settings-table:end -->";

const IN_AZURE: Record<InfraPresence, string> = {
  required: "set by `infra/`",
  optional: "default (may be set)",
  forbidden: "never (local only)",
  platform: "set by App Service (never by `infra/`)",
};

export function renderSettingsTable(specs: readonly SettingSpec<unknown>[]): string {
  const rows = specs.map((spec) =>
    [
      `\`${spec.name}\``,
      defaultCell(spec),
      spec.secret ? "yes" : "no",
      spec.readBy,
      IN_AZURE[spec.infra],
      spec.description.replace(/\|/g, "\\|"),
    ].join(" | "),
  );
  return [
    "| setting | default | secret | read by | in Azure | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function defaultCell(spec: SettingSpec<unknown>): string {
  if (spec.defaultValue === undefined) return spec.required ? "**required**" : "—";
  return spec.defaultValue === "" ? "(empty)" : `\`${spec.defaultValue}\``;
}

/** The table between the markers of a page, or undefined when the markers are missing. */
export function extractTable(page: string): string | undefined {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return page.slice(start + TABLE_START.length, end).trim();
}
