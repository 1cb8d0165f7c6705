// One build id keys every cache: the afstem version plus a hash over the path, size and mtime
// of every compiled file in dist/ (computed once per process). A rebuilt or hand-edited file
// changes it, so no cache can outlive the code that wrote it, and there is no hand-kept list
// of "folders whose code matters" to fall out of date. Sizes and mtimes rather than contents:
// reading ~120 files and loading node:crypto would cost more than the caches on the start-up
// paths save (measured: see README, Caches).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Fnv } from "./dir.js";
import { VERSION } from "../core/version.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const { readdirSync, statSync } = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/** dist/ (this file is dist/cache/build-id.js). */
const DIST = fileURLToPath(new URL("../", import.meta.url));

let memo: string | undefined;

/**
 * One line per compiled file below dir (`rel/name:size:mtime`). It runs on every start-up, so
 * it stays plain: string concatenation instead of path.join, one string hashed once (a hot
 * loop the JIT optimises) instead of a short hash call per file.
 */
function stampDir(dir: string, rel: string): string {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return "";
  }
  let out = "";
  for (const n of names.sort()) {
    if (n.endsWith(".js")) {
      const st = statSync(dir + n, { throwIfNoEntry: false });
      if (st) out += `${rel}${n}:${st.size}:${st.mtimeMs}\n`;
    } else if (!n.includes(".") && !(rel === "" && n === "bench")) {
      out += stampDir(`${dir}${n}/`, `${rel}${n}/`);
    }
  }
  return out;
}

/** `<version>+<hash of the built code>`, the same for every cache in one process. */
export function buildId(): string {
  memo ??= `${VERSION}+${new Fnv().update(stampDir(DIST, "")).hex()}`;
  return memo;
}
