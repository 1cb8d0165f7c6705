// A small on-disk cache for work derived from files: parsing YAML with the `yaml` package is
// the slowest thing afstem does at start-up, and formats rarely change. An entry is valid only
// while the file's size and mtime are unchanged and for the afstem build that wrote it (build-id.ts).
// Off with AFSTEM_CACHE=0; location AFSTEM_CACHE_DIR, else $XDG_CACHE_HOME/afstem, else
// ~/.cache/afstem. Any cache problem is silently a cache miss: the cache is never the truth.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { BufferedWrites, TempFile, makeDirSync, sweepStaleTemps } from "../util/writer.js";
import { buildId } from "./build-id.js";
import { cacheDir } from "./dir.js";

export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** Content hash, where the caller read the file anyway: survives same-size edits within one mtime tick. */
  hash?: string;
  /** Change time and inode, where the caller does not hash: any write, utimes or replacement changes one. */
  ctimeMs?: number;
  ino?: number;
}

interface Entry<T> extends FileStamp {
  value: T;
  /** A hash over the file name, its stamp and the value: an entry edited or mixed up is not trusted. */
  seal?: string;
}

/**
 * `value` as JSON text, or that text in UTF-8 (the same seal): each value is turned into text
 * once, for its seal and for the file, and a value that arrives as bytes is never decoded.
 */
const sealOf = (file: string, stamp: FileStamp, valueJson: string | Uint8Array): string =>
  createHash("sha1")
    .update(JSON.stringify([file, stamp.size, stamp.mtimeMs, stamp.hash ?? null, stamp.ctimeMs ?? null, stamp.ino ?? null]))
    .update("\0")
    .update(valueJson)
    .digest("base64");

/** An entry's JSON text up to its value: `{"size":…,"seal":"…","value":` (key order does not matter to JSON). */
function entryHead(stamp: FileStamp, seal: string): string {
  const { size, mtimeMs, hash, ctimeMs, ino } = stamp;
  const head = JSON.stringify({
    size,
    mtimeMs,
    ...(hash === undefined ? {} : { hash }),
    ...(ctimeMs === undefined ? {} : { ctimeMs }),
    ...(ino === undefined ? {} : { ino }),
    seal,
  });
  return `${head.slice(0, -1)},"value":`;
}

interface Index<T> {
  version: string;
  entries: Record<string, Entry<T>>;
}

const version = (): string => buildId();

/** Does JSON give this value back as it is? Not with a non-finite number, or undefined in a list. */
export function survivesJson(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v);
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (Array.isArray(v)) return v.every(survivesJson);
  if (typeof v === "object") {
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && !survivesJson(x)) return false;
    }
    return true;
  }
  return false;
}

export { cacheDir };

/**
 * One JSON index per (namespace, key), holding entries per file. Load once, look up many,
 * save (or discard) once. A new entry is written to the next index file as soon as it is
 * set (a rollup sets thousands, while its main thread waits for workers); save() adds the
 * entries kept from before and moves the file into place.
 */
export class FileCache<T> {
  private index: Index<T> = { version: version(), entries: {} };
  private dirty = false;
  private readonly file: string | undefined;
  /** The next index file, once something was set, and the entries already in it. */
  private next: { tmp: TempFile; out: BufferedWrites; written: Set<string> } | undefined;
  /** Writing the next index failed (read-only, full disk): the rest of the run only costs speed. */
  private broken = false;

  constructor(namespace: string, key: string) {
    const dir = cacheDir();
    if (!dir) return;
    this.file = path.join(dir, namespace, `${createHash("sha1").update(key).digest("hex").slice(0, 16)}.json`);
    try {
      const loaded = JSON.parse(readFileSync(this.file, "utf8")) as Index<T>;
      if (loaded.version === version() && loaded.entries && typeof loaded.entries === "object") this.index = loaded;
    } catch {
      /* no cache yet, or unreadable: start empty */
    }
  }

  /** Entries of the index as loaded, less those set or dropped since. */
  get size(): number {
    return Object.keys(this.index.entries).length;
  }

  get(file: string, stamp: FileStamp): T | undefined {
    const e = this.index.entries[file];
    if (
      !e ||
      e.size !== stamp.size ||
      e.mtimeMs !== stamp.mtimeMs ||
      e.hash !== stamp.hash ||
      e.ctimeMs !== stamp.ctimeMs ||
      e.ino !== stamp.ino
    )
      return undefined;
    // A well-formed entry that is not what afstem wrote for this file is a miss, never the truth.
    return e.seal === sealOf(file, stamp, JSON.stringify(e.value)) ? e.value : undefined;
  }

  set(file: string, stamp: FileStamp, value: T): void {
    // JSON writes Infinity and NaN as null: a format with `version: .inf` came back from the
    // cache as `version: null`, another file than the one on disk (unusable after any command
    // had cached it). A value JSON would change is not cached: the next run reads the file again.
    if (!survivesJson(value)) return;
    this.setJson(file, stamp, JSON.stringify(value));
  }

  /**
   * set() with the value as JSON text already, or as that text in UTF-8. The entry goes straight
   * to the next index file and is read back by the next run, not this one: this run keeps no
   * copy of it.
   */
  setJson(file: string, stamp: FileStamp, valueJson: string | Uint8Array): void {
    const seal = sealOf(file, stamp, valueJson);
    delete this.index.entries[file];
    this.dirty = true;
    this.append(file, entryHead(stamp, seal), valueJson);
  }

  /** The next index file, opened on first use; undefined when there is none to write. */
  private open(): FileCache<T>["next"] {
    if (!this.file || this.broken) return undefined;
    if (this.next) return this.next;
    try {
      makeDirSync(path.dirname(this.file));
      // Litter of a run that was killed (a SIGKILL leaves its temporary file behind).
      sweepStaleTemps(path.dirname(this.file));
      // Only the user reads their cache; the rollup's record cache holds released records of sessions.
      const tmp = new TempFile(this.file, 0o600);
      this.next = { tmp, out: new BufferedWrites(tmp), written: new Set() };
      this.next.out.text(`{"version":${JSON.stringify(this.index.version)},"entries":{`);
      // A run that ends without save() or discard() (an error on the way) leaves no half index.
      process.once("exit", this.onExit);
    } catch {
      this.broken = true;
    }
    return this.next;
  }

  /** Add one entry to the next index file: its head (entryHead) and its value's JSON. */
  private append(file: string, head: string, valueJson: string | Uint8Array): void {
    const n = this.open();
    if (!n) return;
    try {
      n.out.text(`${n.written.size ? "," : ""}${JSON.stringify(file)}:${head}`);
      if (typeof valueJson === "string") n.out.text(valueJson);
      else n.out.bytes(valueJson);
      n.out.byte(0x7d); // }
      n.written.add(file);
    } catch {
      this.broken = true;
      this.discard();
    }
  }

  private readonly onExit = () => this.discard();

  /** Forget what this run set (a run that failed): the index file stays as it was. */
  discard(): void {
    this.next?.tmp.abort();
    this.close();
  }

  private close(): void {
    if (this.next) process.off("exit", this.onExit);
    this.next = undefined;
  }

  /** Drop entries for files not seen in this run, then write if anything changed. Once per cache. */
  save(seen?: Set<string>): void {
    if (!this.file) return;
    if (seen) {
      for (const k of Object.keys(this.index.entries)) {
        if (!seen.has(k)) {
          delete this.index.entries[k];
          this.dirty = true;
        }
      }
    }
    if (!this.dirty || this.broken) {
      this.discard();
      return;
    }
    // Entry by entry, not one JSON.stringify of the whole index: a rollup's record cache holds
    // thousands of entries, and one string of all of them raised its peak memory.
    for (const [k, e] of Object.entries(this.index.entries)) {
      if (this.next?.written.has(k)) continue;
      const { value, seal, ...stamp } = e;
      this.append(k, entryHead(stamp, seal ?? ""), JSON.stringify(value));
    }
    // Also when nothing is left to write: the file must lose the entries dropped above.
    const n = this.open();
    this.close();
    if (!n || this.broken) return;
    try {
      n.out.text("}}");
      n.out.flush();
      n.tmp.commit();
      this.dirty = false;
    } catch {
      /* a read-only home or full disk only costs speed */
      n.tmp.abort();
    }
  }
}
