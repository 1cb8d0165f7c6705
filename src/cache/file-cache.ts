// A small on-disk cache for work derived from files: parsing YAML with the `yaml` package is
// the slowest thing afstem does at start-up, and formats rarely change. An entry is valid only
// while the file's size and mtime are unchanged and for the afstem build that wrote it (build-id.ts).
// Off with AFSTEM_CACHE=0; location AFSTEM_CACHE_DIR, else $XDG_CACHE_HOME/afstem, else
// ~/.cache/afstem. Any cache problem is silently a cache miss: the cache is never the truth.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { TempFile, makeDirSync } from "../util/writer.js";
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

const sealOf = (file: string, stamp: FileStamp, value: unknown): string =>
  createHash("sha1")
    .update(JSON.stringify([file, stamp.size, stamp.mtimeMs, stamp.hash ?? null, stamp.ctimeMs ?? null, stamp.ino ?? null, value]))
    .digest("base64");

interface Index<T> {
  version: string;
  entries: Record<string, Entry<T>>;
}

const version = (): string => buildId();

export { cacheDir };

/**
 * One JSON index per (namespace, key), holding entries per file. Load once, look up many,
 * save once if anything changed.
 */
export class FileCache<T> {
  private index: Index<T> = { version: version(), entries: {} };
  private dirty = false;
  private readonly file: string | undefined;

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
    return e.seal === sealOf(file, stamp, e.value) ? e.value : undefined;
  }

  set(file: string, stamp: FileStamp, value: T): void {
    const { size, mtimeMs, hash, ctimeMs, ino } = stamp;
    this.index.entries[file] = {
      size,
      mtimeMs,
      ...(hash === undefined ? {} : { hash }),
      ...(ctimeMs === undefined ? {} : { ctimeMs }),
      ...(ino === undefined ? {} : { ino }),
      value,
      seal: sealOf(file, stamp, value),
    };
    this.dirty = true;
  }

  /** Drop entries for files not seen in this run, then write if anything changed. */
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
    if (!this.dirty) return;
    try {
      makeDirSync(path.dirname(this.file));
      // Entry by entry in chunks, not one JSON.stringify of the whole index: a rollup's record
      // cache holds thousands of entries, and one string of all of them raised its peak memory.
      // Only the user reads their cache; the rollup's record cache holds released records of sessions.
      const t = new TempFile(this.file, 0o600);
      try {
        let chunk = `{"version":${JSON.stringify(this.index.version)},"entries":{`;
        let first = true;
        for (const [k, e] of Object.entries(this.index.entries)) {
          chunk += `${first ? "" : ","}${JSON.stringify(k)}:${JSON.stringify(e)}`;
          first = false;
          if (chunk.length >= 1 << 18) {
            t.write(chunk);
            chunk = "";
          }
        }
        t.write(`${chunk}}}`);
      } catch (err) {
        t.abort();
        throw err;
      }
      t.commit();
      this.dirty = false;
    } catch {
      /* a read-only home or full disk only costs speed */
    }
  }
}
