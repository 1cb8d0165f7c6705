// Rollup records of unchanged session files, kept between runs (issue 16): a second rollup over
// the same folder reads no session file at all. What is kept is the gate's released record
// (names already gone), in the one FileCache (src/cache/file-cache.ts) whose index carries the
// build id; its key holds the inputs as given, the language, --include-text and a hash of every
// format the registry resolved (and the session schema's stamp), so new code, formats or
// options are a miss. Per file an entry is served only while size, mtime, ctime and inode are
// what they were. Like git's "racy" rule, a file changed in the last seconds is not stored:
// another write within the same timestamp tick could leave all four unchanged; anything older
// gets a new ctime on any write (ctime cannot be set back), so an edited file is never stale.
import { statSync } from "node:fs";
import path from "node:path";
import type { FormatRegistry } from "../../format/registry.js";
import type { Lang } from "../../format/types.js";
import { FileCache, type FileStamp } from "../../cache/file-cache.js";
import { cacheDir, Fnv } from "../../cache/dir.js";
import { SCHEMA_DIR } from "../../util/paths.js";
import type { SessionRecord } from "../record.js";
import { candidate, packObject, type PackedRecord } from "../packed.js";
import { leftOut, type Candidate, type SelectOptions } from "../../session/select.js";

/** Older than this (ms), a file's stamp is trusted; 3 s also covers FAT's 2 s mtime. */
const RACY_MS = 3000;

/** Every format the registry resolves, as data: the record depends on nothing else of them. */
function formatsHash(registry: FormatRegistry): string {
  const h = new Fnv();
  for (const id of registry.ids()) {
    for (const v of registry.versions(id)) h.update(JSON.stringify([id, v, registry.broken(id, v) ? 1 : 0, registry.get(id, v) ?? null]));
  }
  try {
    const st = statSync(path.join(SCHEMA_DIR, "session.schema.json"));
    h.update(`schema\0${st.size}\0${st.mtimeMs}\0${st.ctimeMs}`);
  } catch {
    h.update("schema?");
  }
  return h.hex();
}

/** A record, or a stub's selection fields (packed.ts): `stub` tells them apart. */
type Stored = Omit<SessionRecord, "file"> | (Omit<Candidate, "file"> & { stub: true });

export class RecordCache {
  private readonly seen = new Set<string>();

  private constructor(
    private readonly cache: FileCache<Stored>,
    private readonly select?: SelectOptions,
  ) {}

  /**
   * undefined when caching is off (AFSTEM_CACHE=0). `select`: this run's selection, which a
   * cached stub (packed.ts) must leave out too to be served; the key does not depend on it.
   */
  static open(
    inputs: readonly string[],
    registry: FormatRegistry,
    opts: { includeText: boolean; lang: Lang; select?: SelectOptions },
  ): RecordCache | undefined {
    if (!cacheDir()) return undefined;
    const key = JSON.stringify({
      inputs: inputs.map((f) => path.resolve(f)),
      lang: opts.lang,
      includeText: opts.includeText,
      formats: formatsHash(registry),
    });
    return new RecordCache(new FileCache<Stored>("rollup-records", key), opts.select);
  }

  /** Entries the index holds (not all of them need still be valid). */
  get size(): number {
    return this.cache.size;
  }

  /** The stamp to check and store under; undefined for a file changed too recently to trust. */
  stamp(file: string, now = Date.now()): FileStamp | undefined {
    try {
      const st = statSync(file);
      if (!st.isFile() || now - Math.max(st.mtimeMs, st.ctimeMs) < RACY_MS) return undefined;
      return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
    } catch {
      return undefined; // gone or unreadable: the engines say why
    }
  }

  get(file: string, stamp: FileStamp): PackedRecord | undefined {
    const key = path.resolve(file);
    this.seen.add(key);
    const v = this.cache.get(key, stamp);
    if (!v) return undefined;
    if ("stub" in v) {
      // Only the selection's fields were kept: no use to a run that counts this session.
      const c = candidate(file, v);
      return this.select && leftOut(c, this.select) ? { ...c, stub: true } : undefined;
    }
    // Kept as the object the cache parsed already: packing it as JSON again only cost time.
    return packObject({ file, ...v });
  }

  set(file: string, stamp: FileStamp, rec: PackedRecord): void {
    const key = path.resolve(file);
    this.seen.add(key);
    // Its JSON as the worker encoded it (never decoded here); a record without faithful JSON
    // (rollup/packed.ts) is not kept.
    if (rec.stub) {
      const { file: _file, ...fields } = candidate(file, rec);
      this.cache.set(key, stamp, { ...fields, stub: true });
    } else if (rec.bytes) this.cache.setJson(key, stamp, rec.bytes);
  }

  /** Write the index; entries of files not in this run are dropped. */
  save(): void {
    this.cache.save(this.seen);
  }

  /** The run failed: keep the index as it was. */
  discard(): void {
    this.cache.discard();
  }
}
