#!/usr/bin/env node
// Tiny shim: everything real lives in dist/ and is loaded lazily per command. This folder is
// CommonJS (bin/package.json), so dist/cli/main.js and the start-up fast path (a cached help
// screen or `formats` listing) load with require(): synchronously, without the ESM loader's
// module jobs, which cost about a fifth of a cached `afstem --help` (npm run bench).
"use strict";
// Node >= 22.1 caches compiled code between runs; on Node 20 this is simply absent.
require("node:module").enableCompileCache?.();
const args = process.argv.slice(2);
const run = (cli) =>
  cli.main(args).then((code) => {
    process.exitCode = code;
  });
// require() of an ES module is on by default from Node 20.19 (package.json engines); without it, import().
if (process.features.require_module) run(require("../dist/cli/main.js"));
else import("../dist/cli/main.js").then(run);
