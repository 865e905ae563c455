// Writes the OpenAPI document built from the contract to review/openapi.json, so that every change to the wire
// contract shows in a diff next to the API report; a unit test fails while the committed copy is out of date.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { buildOpenApiDocument } = require("../dist/commonjs/contract/index.js");
writeFileSync(new URL("../review/openapi.json", import.meta.url), `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
