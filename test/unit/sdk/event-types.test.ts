// The contract's list of event types is what subscribers switch on, so it must name exactly the types the app
// publishes. One direction is the compiler's: the app types every event it publishes (operations, health alerts,
// drills) with the contract's StandbyEventType, so a type the contract does not list does not build. The other is
// this test's: every event type spelled under functions/ is read here, and the contract lists no type nobody publishes.
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
