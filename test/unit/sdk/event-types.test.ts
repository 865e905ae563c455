// The contract's list of event types is what subscribers switch on, so it must name exactly the types the app
// publishes. The app spells them as string literals in several modules (operations, health alerts, drills): every
// such literal under functions/ is read here and compared with the list.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { STANDBY_EVENT_TYPES } from "@standby/client/contract";

const FUNCTIONS = join(__dirname, "../../../functions");

describe("the event types in the contract", () => {
  it("are exactly the CloudEvent types the app publishes", () => {
    const published = new Set<string>();
    const files = readdirSync(FUNCTIONS, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts"));
    for (const file of files) {
      for (const match of readFileSync(join(FUNCTIONS, file), "utf8").matchAll(/["'`](Standby\.[A-Za-z]+\.[A-Za-z]+)["'`]/g)) {
        published.add(match[1] as string);
      }
    }
    expect([...published].sort()).toEqual([...STANDBY_EVENT_TYPES].sort());
  });
});
