#!/usr/bin/env node
import { runCli } from "./run.js";

const controller = new AbortController();
// The first Ctrl-C stops watching (the operation goes on in the service); a second one leaves at once.
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  interactive: process.stdout.isTTY === true,
}).then((code) => {
  process.exitCode = code;
});
