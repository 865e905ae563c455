// Prints the one line CI reads, `N passed, N failed`, from jest's --json output. A suite that could not run
// (syntax error, failed build, crash) counts as a failure, so a broken run can never look green.
"use strict";
const fs = require("fs");

const file = process.argv[2];
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(fs.readFileSync(file, "utf8"));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  if (results.numTotalTests === 0) failed += 1;
} catch (error) {
  console.error(`no jest results in ${file}: ${error.message}`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
