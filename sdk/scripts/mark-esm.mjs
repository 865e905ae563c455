// The ESM build shares the package with the CommonJS build, whose .js files Node reads as CommonJS (the package has
// no "type"); a nested package.json tells Node that the files under dist/esm are ES modules.
import { writeFileSync } from "node:fs";

writeFileSync(new URL("../dist/esm/package.json", import.meta.url), '{\n  "type": "module"\n}\n');
