// The per-tier chart's figures as a table: the same drills in the same order, one column per tier, for screen
// readers and for anyone who wants the exact numbers.
import { drillResult, el, formatSeconds, formatTime } from "./dom";
import type { TierHistory } from "./tier-history";

export function tierTable(history: TierHistory): HTMLTableElement {
  return el(
    "table",
    { id: "tier-rto-table" },
    el("caption", {}, "RTO per tier in each drill, oldest first"),
    el("thead", {}, el("tr", {}, ...["Started", "Result", ...history.tiers, "Overall RTO"].map((heading) => el("th", { scope: "col" }, heading)))),
    el(
      "tbody",
      {},
      ...history.drills.map((drill) =>
        el(
          "tr",
          { "data-drill": drill.id },
          el("th", { scope: "row" }, formatTime(drill.startedAt)),
          el("td", {}, el("span", { class: `badge badge-${drill.status}` }, drillResult(drill.status))),
          ...drill.byTier.map((seconds, index) => el("td", { "data-tier": history.tiers[index] as string, ...(seconds === undefined ? {} : { "data-seconds": String(seconds) }) }, formatSeconds(seconds))),
          el("td", {}, formatSeconds(drill.rtoSeconds)),
        ),
      ),
    ),
  );
}
