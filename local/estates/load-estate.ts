// Finds an estate by name: the JSON files next to this module, or `large` (generated with its default size).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Estate } from "./estate";
import { generateLargeEstate } from "./large";
import { EstateError, validateEstate } from "./validate-estate";

const ESTATE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function loadEstate(name: string): Estate {
  if (!ESTATE_NAME.test(name)) throw new EstateError(`estate name must be lowercase letters, digits and hyphens, got "${name}"`);
  if (name === "large") return generateLargeEstate();
  let text: string;
  try {
    // The JSON files are emitted next to the compiled module and sit next to the source one, so both find them.
    text = readFileSync(join(__dirname, `${name}.json`), "utf8");
  } catch {
    throw new EstateError(`no estate named "${name}" (expected local/estates/${name}.json or "large")`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EstateError(`estate "${name}" is not valid JSON: ${(error as Error).message}`);
  }
  return validateEstate(parsed);
}
