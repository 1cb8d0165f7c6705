// One build id keys every cache: the afstem version plus a hash over the path, size and mtime
// of every compiled file in dist/ (computed once per process). A rebuilt or hand-edited file
// changes it, so no cache can outlive the code that wrote it, and there is no hand-kept list
// of "folders whose code matters" to fall out of date. Sizes and mtimes rather than contents:
// reading ~120 files and loading node:crypto would cost more than the caches on the start-up
// paths save (measured: see README, Caches).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Fnv } from "./dir.js";
import { VERSION } from "../core/version.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const { readdirSync, statSync } = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/** dist/ (this file is dist/cache/build-id.js). */
const DIST = fileURLToPath(new URL("../", import.meta.url));

let memo: string | undefined;

function stampDir(dir: string, rel: string, h: Fnv): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names.sort()) {
    const full = path.join(dir, n);
    if (n.endsWith(".js")) {
      const st = statSync(full, { throwIfNoEntry: false });
      if (st) h.update(`${rel}${n}:${st.size}:${st.mtimeMs}\n`);
    } else if (!n.includes(".") && !(rel === "" && n === "bench")) {
      stampDir(full, `${rel}${n}/`, h);
    }
  }
}

/** `<version>+<hash of the built code>`, the same for every cache in one process. */
export function buildId(): string {
  if (memo === undefined) {
    const h = new Fnv();
    stampDir(DIST, "", h);
    memo = `${VERSION}+${h.hex()}`;
  }
  return memo;
}
