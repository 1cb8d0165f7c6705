#!/usr/bin/env node
// Tiny shim: everything real lives in dist/ and is loaded lazily per command. This folder is
// CommonJS (bin/package.json), so dist/cli/main.js and the start-up fast path (a cached help
// screen or `formats` listing) load with require(): synchronously, without the ESM loader's
// module jobs, which cost about a fifth of a cached `afstem --help` (npm run bench).
"use strict";
// Node >= 22.1 caches compiled code between runs; on Node 20 this is simply absent.
require("node:module").enableCompileCache?.();
const args = process.argv.slice(2);
let settled = false;
const run = (cli) =>
  cli.main(args).then((code) => {
    settled = true;
    process.exitCode = code;
  });
// Nothing left to wait for, yet no exit code: a bug, never a silent success (as Node's own
// exit code 13 for an unsettled top-level await).
process.on("beforeExit", () => {
  if (!settled && !process.exitCode) process.exitCode = 13;
});
// require() of an ES module is on by default from Node 20.19 (package.json engines); without it, import().
if (process.features.require_module) run(require("../dist/cli/main.js"));
else import("../dist/cli/main.js").then(run);
