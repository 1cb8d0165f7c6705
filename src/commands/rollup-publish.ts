// A rollup's files appear together or not at all. They are written into a fresh folder beside
// --out (same parent, unpredictable name, util/writer.ts) and moved into place at the end:
// - --out does not exist: the folder is renamed to it (one step);
// - --out exists: each file (and --split folder) is claimed exclusively, so a file another
//   process created a moment ago is never overwritten; on such a clash the files this run
//   placed are taken back and nothing of this run stays;
// - --force: the earlier afstem output in --out is moved aside, the new set moved in, and the
//   old set deleted, so no stale file of an earlier run is left beside new ones.
import { linkSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { tempPathFor, trackTemp, untrackTemp, makeDirSync } from "../util/writer.js";

/** A rollup output file name: `<format>-<layout>.csv`. */
const OUTPUT_FILE = /-(long|wide|summary|actions|followup|codebook)\.csv$/;

/**
 * Is `name` in a folder holding `names` afstem's: a layout CSV, or a `<format>.xlsx` beside that
 * format's codebook (written with every set) — a workbook of one's own is left alone.
 */
const ours = (name: string, names: readonly string[]): boolean =>
  OUTPUT_FILE.test(name) || (name.endsWith(".xlsx") && names.includes(`${name.slice(0, -".xlsx".length)}-codebook.csv`));

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** afstem rollup output already in `out` (relative paths: files, and --split folders holding them). */
export function rollupOutputIn(out: string): string[] {
  let names: string[];
  try {
    names = readdirSync(out);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const p = path.join(out, name);
    if (ours(name, names) && !isDir(p)) found.push(name);
    else if (isDir(p)) {
      let inner: string[] = [];
      try {
        inner = readdirSync(p);
      } catch {
        /* unreadable: not ours */
      }
      if (inner.length && inner.every((n) => ours(n, inner) || n.startsWith("."))) found.push(name);
    }
  }
  return found;
}

/** A fresh, empty folder beside `out` for this run's files (removed on interrupt or failure). */
export function makeStaging(out: string): string {
  const dir = tempPathFor(out);
  mkdirSync(dir); // fails on anything planted at that name; never follows a symlink
  trackTemp(dir);
  return dir;
}

export function discardStaging(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  untrackTemp(dir);
}

export type PublishResult = { ok: true } | { ok: false; clash: string };

/** Move the staged set into `out`; see the module comment. */
export function publish(staging: string, out: string, force: boolean): PublishResult {
  let old: string | undefined;
  if (force) {
    const previous = rollupOutputIn(out);
    if (previous.length) {
      old = tempPathFor(out);
      mkdirSync(old);
      trackTemp(old);
      for (const name of previous) renameSync(path.join(out, name), path.join(old, name));
    }
  }
  try {
    const r = moveInto(staging, out);
    if (!r.ok && old) restore(old, out);
    return r;
  } finally {
    if (old) discardStaging(old);
    discardStaging(staging);
  }
}

function restore(old: string, out: string): void {
  for (const name of readdirSync(old)) {
    try {
      renameSync(path.join(old, name), path.join(out, name));
    } catch {
      /* a clash with a newer file: the newer stays */
    }
  }
}

function moveInto(staging: string, out: string): PublishResult {
  try {
    // The whole set in one step when --out does not exist yet (or is an empty folder).
    renameSync(staging, out);
    mkdirSync(staging); // so the caller's cleanup has something to remove
    return { ok: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST" && code !== "EISDIR" && code !== "ENOTDIR") throw err;
  }
  makeDirSync(out);
  const placed: string[] = [];
  const madeDirs: string[] = [];
  const undo = () => {
    for (const f of placed.reverse()) rmSync(f, { force: true });
    for (const d of madeDirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        /* not empty: someone else's files too */
      }
    }
  };
  const claim = (from: string, to: string): boolean => {
    try {
      linkSync(from, to); // EEXIST when the name is taken; never follows a symlink there
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw err;
    }
    placed.push(to);
    unlinkSync(from);
    return true;
  };
  try {
    for (const name of readdirSync(staging).sort()) {
      const from = path.join(staging, name);
      const to = path.join(out, name);
      if (isDir(from)) {
        try {
          mkdirSync(to);
          madeDirs.push(to);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !isDir(to)) {
            if ((err as NodeJS.ErrnoException).code === "EEXIST") {
              undo();
              return { ok: false, clash: to };
            }
            throw err;
          }
        }
        for (const inner of readdirSync(from).sort()) {
          if (!claim(path.join(from, inner), path.join(to, inner))) {
            undo();
            return { ok: false, clash: path.join(to, inner) };
          }
        }
      } else if (!claim(from, to)) {
        undo();
        return { ok: false, clash: to };
      }
    }
  } catch (err) {
    undo();
    throw err;
  }
  return { ok: true };
}
