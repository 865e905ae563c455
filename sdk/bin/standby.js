#!/usr/bin/env node
// The command line lives in the build output; this file exists before any build, so npm can link it as a bin
// when the workspace is installed and the build comes later.
require("../dist/commonjs/cli/main.js");
