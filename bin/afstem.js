#!/usr/bin/env node
// Tiny shim: everything real lives in dist/ and is loaded lazily per command.
import module from "node:module";
// Node >= 22.1 caches compiled code between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
await import("../dist/cli/main.js");
