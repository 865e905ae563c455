// The `$filter` expressions ASR lists accept: `name eq 'value'` clauses joined by `and`. Jobs filter on
// startTime/endTime (the window the job started in), jobStatus, jobName (scenario) and affectedObjectTypes;
// vault-wide protected items on RecoveryPlanName. Anything else is refused, so a filter is never silently ignored.
import { invalidInput } from "../server/arm-error";
import type { ItemRecord, JobRecord, VaultRecord } from "./records";

type Clauses = Map<string, string>;

export function parseFilter(filter: string | null): Clauses {
  const clauses: Clauses = new Map();
  if (filter === null || filter.trim() === "") return clauses;
  for (const part of filter.split(/\s+and\s+/i)) {
    const match = /^\s*([A-Za-z]+)\s+eq\s+'([^']*)'\s*$/i.exec(part);
    if (!match) throw invalidInput(`The filter clause '${part.trim()}' is not of the form name eq 'value'.`, "InvalidFilter");
    clauses.set(match[1].toLowerCase(), match[2]);
  }
  return clauses;
}

export function filterJobs(jobs: readonly JobRecord[], filter: string | null): readonly JobRecord[] {
  const clauses = parseFilter(filter);
  if (clauses.size === 0) return jobs;
  const known = ["starttime", "endtime", "jobstatus", "jobname", "affectedobjecttypes", "fabricid", "timezoneoffset", "joboutputtype"];
  const unknown = [...clauses.keys()].filter((key) => !known.includes(key));
  if (unknown.length) throw invalidInput(`Unsupported job filter field(s): ${unknown.join(", ")}.`, "InvalidFilter");
  const after = timeOf(clauses.get("starttime"), "startTime");
  const before = timeOf(clauses.get("endtime"), "endTime");
  const statuses = clauses.get("jobstatus")?.split(",").map((status) => status.trim().toLowerCase());
  const scenario = clauses.get("jobname")?.toLowerCase();
  return jobs.filter(
    (job) =>
      (after === undefined || job.startMs >= after) &&
      (before === undefined || job.startMs <= before) &&
      (statuses === undefined || statuses.includes(job.state.toLowerCase())) &&
      (scenario === undefined || job.scenarioName.toLowerCase() === scenario),
  );
}

export function filterVaultItems(vault: VaultRecord, filter: string | null): readonly ItemRecord[] {
  const clauses = parseFilter(filter);
  if (clauses.size === 0) return vault.items;
  const unknown = [...clauses.keys()].filter((key) => key !== "recoveryplanname");
  if (unknown.length) throw invalidInput(`Unsupported protected item filter field(s): ${unknown.join(", ")}.`, "InvalidFilter");
  const plan = vault.plans.get(clauses.get("recoveryplanname")!.toLowerCase());
  return plan ? plan.items.flat() : [];
}

function timeOf(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidInput(`The ${name} filter value '${value}' is not a date.`, "InvalidFilter");
  return time;
}
