// A rollup's files appear together or not at all, and --out stays the user's folder: it is never
// replaced, renamed or re-created, so its inode, mode, owner, group and setgid bit stay, and the
// root of a mounted volume works like any folder.
//
// - The set is written into a fresh hidden folder INSIDE --out (`.rollup.<pid>@<host>-<random>
//   .afstem-tmp`, util/writer.ts): same file system, so its files can be linked and renamed into
//   place; the files are created as any tool creates them there (the umask, the folder's group).
//   A run that fails or is interrupted before publishing removes it; one killed by SIGKILL leaves
//   litter that the next run sweeps (a dead process's temporary name).
// - Publishing starts by claiming the journal `.afstem-rollup.journal` in --out exclusively: it
//   names this process, the files and --split folders of the new set and (--force) the earlier
//   set to remove. Only one rollup publishes into a folder at a time; another waits for it.
// - Then the staging folder is renamed to `.afstem-rollup.set`: from that moment on the new set
//   wins. Its files are placed: without --force each is claimed with link() (never overwriting a
//   file another process created a moment ago: on such a clash every file this run placed, known
//   by its inode, is taken back and nothing of this run stays); with --force renamed over the
//   earlier file (a symlink there is replaced, never followed; a replaced file keeps its mode).
//   Then the earlier set's other files go, `.afstem-rollup.set` and finally the journal.
// - A rollup killed in between leaves the journal: the next rollup into that --out completes the
//   publishing first (recoverPublish: every step can be done again), so the folder ends with the
//   complete new set; killed before the rename, nothing of it was placed and the old set stands.
// - A symlink (or a file) where a --split folder belongs is refused without --force and replaced
//   by a real folder with it: the set is never written through it, outside --out.
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { keepPermissionsOf, tempPathFor, trackTemp, untrackTemp, writeFileAtomicSync } from "../util/writer.js";
import { processAlive } from "../util/process.js";

/** A rollup output file name: `<format>-<layout>.csv`. */
const OUTPUT_FILE = /-(long|wide|summary|actions|followup|codebook)\.csv$/;

/** The journal of a publish under way, and the staged set it places (names rollupOutputIn skips). */
export const JOURNAL = ".afstem-rollup.journal";
const SET = ".afstem-rollup.set";
/** How long to wait for another rollup that is placing its files in the same folder. */
const WAIT_MS = 30_000;
/** A journal of another computer, in a shared folder, counts as abandoned after a day. */
const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;

/**
 * What afstem's own rollup output is named after: the formats it knows (`<format>-long.csv`) and
 * the meta fields a --split folder is named after (`gemeente-velsen/`, `_zonder-gemeente/`).
 * Without them `regiegroep-summary.csv` and a kept `vorig-jaar/` set were taken for an earlier
 * set, and --force deleted them.
 */
export interface KnownNames {
  formats: ReadonlySet<string>;
  fields: ReadonlySet<string>;
}

/**
 * Is `name` in a folder holding `names` afstem's: a layout CSV of a known format, or a
 * `<format>.xlsx` beside that format's codebook (written with every set) — a workbook of one's
 * own is left alone.
 */
function ours(name: string, names: readonly string[], known: KnownNames): boolean {
  const m = OUTPUT_FILE.exec(name);
  if (m) return known.formats.has(name.slice(0, m.index));
  if (!name.endsWith(".xlsx")) return false;
  const format = name.slice(0, -".xlsx".length);
  return known.formats.has(format) && names.includes(`${format}-codebook.csv`);
}

/** A --split folder's name: `<field>-<value>` or `_zonder-<field>` for a known meta field. */
function splitFolderName(name: string, known: KnownNames): boolean {
  if (name.startsWith("_zonder-")) return known.fields.has(name.slice("_zonder-".length));
  const dash = name.indexOf("-");
  return dash > 0 && known.fields.has(name.slice(0, dash));
}

/** lstat, or undefined when nothing is there. */
function entry(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}
/** A real folder (a symlink to one is not). */
const isDir = (p: string) => entry(p)?.isDirectory() === true;

/** afstem rollup output already in `out` (relative paths: files, and --split folders holding them). */
export function rollupOutputIn(out: string, known: KnownNames): string[] {
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
    if (isDir(p)) {
      let inner: string[] = [];
      try {
        inner = readdirSync(p);
      } catch {
        /* unreadable: not ours */
      }
      if (splitFolderName(name, known) && inner.length && inner.every((n) => ours(n, inner, known) || n.startsWith("."))) found.push(name);
    } else if (ours(name, names, known)) found.push(name);
  }
  return found;
}

/** A fresh, empty hidden folder inside `out` for this run's files (removed on interrupt or failure). */
export function makeStaging(out: string): string {
  const dir = tempPathFor(path.join(out, "rollup"));
  mkdirSync(dir); // fails on anything planted at that name; never follows a symlink
  trackTemp(dir);
  return dir;
}

export function discardStaging(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  untrackTemp(dir);
}

export type PublishResult =
  | { ok: true }
  /** `clash`: a name another process took; `link`: a symlink (or file) where a --split folder belongs. */
  | { ok: false; clash: string; kind: "clash" | "link" | "busy" };

interface Journal {
  host: string;
  pid: number;
  started: string;
  force: boolean;
  /** --split folders of the new set, then its files (relative to --out). */
  dirs: string[];
  files: string[];
  /** The earlier set (--force), as rollupOutputIn gave it. */
  remove: string[];
}

/** The files and folders of the staged set (hidden names are temporary files, not output). */
function staged(staging: string): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const name of readdirSync(staging).sort()) {
    if (name.startsWith(".")) continue;
    if (isDir(path.join(staging, name))) {
      dirs.push(name);
      for (const inner of readdirSync(path.join(staging, name)).sort()) if (!inner.startsWith(".")) files.push(path.join(name, inner));
    } else files.push(name);
  }
  return { dirs, files };
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function readJournal(out: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(path.join(out, JOURNAL), "utf8")) as Journal;
  } catch {
    return undefined;
  }
}

/** Is the journal's rollup still at work (this computer: its process lives; another: less than a day old)? */
function inProgress(j: Journal): boolean {
  if (j.host !== hostname()) return Date.now() - Date.parse(j.started) < FOREIGN_STALE_MS;
  return j.pid === process.pid || processAlive(j.pid);
}

/**
 * A rollup killed while placing its files left a journal in `out`: complete its publishing, so
 * the folder holds its whole set. Returns false when another rollup is placing its files there
 * right now (and was still at it after waiting).
 */
export function recoverPublish(out: string, wait = WAIT_MS): boolean {
  for (const until = Date.now() + wait; ; ) {
    const j = readJournal(out);
    if (!j) {
      if (!entry(path.join(out, JOURNAL))) return true;
      // Unreadable (a half-written journal cannot be: it is written atomically): not ours to finish.
      return false;
    }
    if (!inProgress(j)) {
      complete(out, j);
      return true;
    }
    if (Date.now() >= until) return false;
    sleep(20);
  }
}

/** Move the staged set into `out`; see the module comment. The staging folder is gone afterwards. */
export function publish(staging: string, out: string, force: boolean, known: KnownNames): PublishResult {
  try {
    return publishSet(staging, out, force, known);
  } finally {
    discardStaging(staging);
  }
}

function publishSet(staging: string, out: string, force: boolean, known: KnownNames): PublishResult {
  const set = staged(staging);
  // Without --force a symlink or file where a --split folder belongs is refused up front.
  if (!force) {
    for (const d of set.dirs) {
      const at = entry(path.join(out, d));
      if (at && !at.isDirectory()) return { ok: false, clash: path.join(out, d), kind: at.isSymbolicLink() ? "link" : "clash" };
    }
  }
  const busy: PublishResult = { ok: false, clash: path.join(out, JOURNAL), kind: "busy" };
  if (!recoverPublish(out)) return busy;
  const journal: Journal = {
    host: hostname(),
    pid: process.pid,
    started: new Date().toISOString(),
    force,
    ...set,
    remove: force ? rollupOutputIn(out, known) : [],
  };
  for (;;) {
    try {
      writeFileAtomicSync(path.join(out, JOURNAL), `${JSON.stringify(journal)}\n`, { exclusive: true });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // Another rollup claimed it a moment ago: wait for it (or finish it, if it died).
      if (!recoverPublish(out)) return busy;
    }
  }
  try {
    renameSync(staging, path.join(out, SET));
  } catch (err) {
    unlinkSync(path.join(out, JOURNAL));
    throw err;
  }
  return complete(out, journal);
}

/**
 * Place the files of `.afstem-rollup.set` as the journal says, remove the earlier set (--force),
 * then the set folder and the journal. Every step may be done again after a kill.
 */
function complete(out: string, j: Journal): PublishResult {
  const setDir = path.join(out, SET);
  const done = () => {
    rmSync(setDir, { recursive: true, force: true });
    unlinkSync(path.join(out, JOURNAL));
  };
  // No set folder: killed before it was renamed (nothing placed), or after it was removed (all placed).
  if (!entry(setDir)) {
    rmSync(path.join(out, JOURNAL), { force: true });
    return { ok: true };
  }
  const madeDirs: string[] = [];
  const sameFile = (a: string, b: string) => {
    const x = entry(a);
    const y = entry(b);
    return x !== undefined && y !== undefined && x.ino === y.ino && x.dev === y.dev;
  };
  const undo = (clash: string, kind: "clash" | "link"): PublishResult => {
    for (const f of j.files) {
      const to = path.join(out, f);
      if (sameFile(path.join(setDir, f), to)) rmSync(to, { force: true });
    }
    for (const d of madeDirs.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        /* not empty: someone else's files too */
      }
    }
    done();
    return { ok: false, clash, kind };
  };
  try {
    return place(out, j, setDir, madeDirs, sameFile, undo, done);
  } catch (err) {
    // Without --force nothing of this run may stay; with it, the journal stays for the next run.
    if (!j.force) {
      try {
        undo(setDir, "clash");
      } catch {
        /* the journal stays: the next run finishes or takes back what is there */
      }
    }
    throw err;
  }
}

function place(
  out: string,
  j: Journal,
  setDir: string,
  madeDirs: string[],
  sameFile: (a: string, b: string) => boolean,
  undo: (clash: string, kind: "clash" | "link") => PublishResult,
  done: () => void,
): PublishResult {
  for (const d of j.dirs) {
    const to = path.join(out, d);
    const at = entry(to);
    if (at?.isDirectory()) continue;
    if (at) {
      if (!j.force) return undo(to, at.isSymbolicLink() ? "link" : "clash");
      rmSync(to, { force: true }); // a symlink goes itself; its target is never touched
    }
    try {
      mkdirSync(to);
      madeDirs.push(to);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (!isDir(to)) return undo(to, "clash");
    }
  }
  for (const f of j.files) {
    const from = path.join(setDir, f);
    const to = path.join(out, f);
    if (!entry(from)) continue; // placed before a kill (--force renames)
    if (j.force) {
      keepPermissionsOf(to, from);
      renameSync(from, to); // replaces a file or symlink there, never follows it
      continue;
    }
    try {
      linkSync(from, to); // EEXIST when the name is taken; never follows a symlink there
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (!sameFile(from, to)) return undo(to, "clash");
    }
  }
  const placed = new Set(j.files);
  const newDirs = new Set(j.dirs);
  for (const name of j.remove) {
    const p = path.join(out, name);
    if (isDir(p)) {
      if (!newDirs.has(name)) {
        rmSync(p, { recursive: true, force: true });
        continue;
      }
      const inner = readdirSync(p);
      // The folder was taken for the earlier set when the journal was written (rollupOutputIn):
      // inside it, what is named like output goes.
      for (const n of inner)
        if ((OUTPUT_FILE.test(n) || n.endsWith(".xlsx")) && !placed.has(path.join(name, n))) rmSync(path.join(p, n), { force: true });
    } else if (!placed.has(name)) rmSync(p, { force: true });
  }
  done();
  return { ok: true };
}
