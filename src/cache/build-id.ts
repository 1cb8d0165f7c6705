// One build id keys every cache: the afstem version plus a hash over the path, size and mtime
// of every compiled file in dist/ (computed once per process). A rebuilt or hand-edited file
// changes it, so no cache can outlive the code that wrote it, and there is no hand-kept list
// of "folders whose code matters" to fall out of date. Sizes and mtimes rather than contents:
// reading ~120 files and loading node:crypto would cost more than the caches on the start-up
// paths save (measured: see README, Caches).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { VERSION } from "../core/version.js";

// The CommonJS face of fs: the ESM one enumerates fs.promises and loads the streams (ms).
const { readdirSync, statSync } = createRequire(import.meta.url)("node:fs") as typeof import("node:fs");

/** dist/ (this file is dist/cache/build-id.js). */
const DIST = fileURLToPath(new URL("../", import.meta.url));

let memo: string | undefined;

/**
 * Two 32-bit hash lanes over every compiled file's name, size and mtime. This runs on every
 * start-up, so it mixes numbers as they come instead of building and hashing a text (the build
 * id went from ~7.5 to ~5 ms, 15 runs).
 */
class Stamp {
  private a = 0x811c9dc5;
  private b = 0x9e3779b9;
  files = 0;

  mix(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b ^ x, 0x5bd1e995);
    this.b ^= this.b >>> 15;
  }

  text(t: string): void {
    for (let i = 0; i < t.length; i++) this.mix(t.charCodeAt(i));
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, "0") + (this.b >>> 0).toString(16).padStart(8, "0");
  }
}

function stampDir(dir: string, h: Stamp, top = false): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names.sort()) {
    if (n.endsWith(".js")) {
      const st = statSync(dir + n, { throwIfNoEntry: false });
      if (!st) continue;
      h.files++;
      h.text(n);
      h.mix(st.size);
      // The whole milliseconds (their low 32 bits) and the time in microseconds modulo 1000 s.
      h.mix(st.mtimeMs | 0);
      h.mix(((st.mtimeMs * 1e3) % 1e9) | 0);
    } else if (!n.includes(".") && !(top && n === "bench")) {
      h.text(`${n}/`);
      stampDir(`${dir}${n}/`, h);
      h.mix(0);
    }
  }
}

/** The stamp of the compiled code below `dist` (a folder path ending in `/`; `bench/` left out). */
export function codeStamp(dist: string): string {
  const h = new Stamp();
  stampDir(dist, h, true);
  return `${h.hex()}${h.files}`;
}

/** `<version>+<hash of the built code>`, the same for every cache in one process. */
export function buildId(): string {
  memo ??= `${VERSION}+${codeStamp(DIST)}`;
  return memo;
}
