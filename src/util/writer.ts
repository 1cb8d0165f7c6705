// The one way afstem writes a file (sessions, locks, DOCX, CSV, spools, caches).
//
// - The temporary file gets an unpredictable name beside its target
//   (`.<name>.<pid>-<random>.afstem-tmp`) and is created exclusively without following a
//   symlink (O_CREAT|O_EXCL|O_NOFOLLOW): a file or symlink planted there makes the write fail,
//   it is never written through.
// - It is written, flushed to disk (unless `durable: false`) and then renamed over the target
//   (a symlink at the target is replaced, not followed), or, for a NEW name, linked to it:
//   link() fails with EEXIST when the name is taken, so two processes can never both think
//   they wrote the same file (no check-then-rename).
// - Replacing a file keeps its permissions: the temporary file gets the replaced file's mode
//   (and its owner and group, as far as this process may set them) before the rename, so a
//   private 600 session stays 600 and a file in a shared group stays in that group. A new file
//   gets what any tool gives it: the mode asked for, minus the umask, in the folder's group.
// - Temporary files still open are known (`liveTempFiles`), so a signal handler can remove
//   them; the pid in the name lets a later run recognise litter of a killed process.
//
// Synchronous on purpose: it is also called from signal handlers and exit paths.
import {
  close,
  closeSync,
  chmodSync,
  chownSync,
  constants,
  fchmodSync,
  fchownSync,
  fsync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  open,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import { scope } from "./scope.js";
import { processAlive } from "./process.js";

export const TEMP_SUFFIX = ".afstem-tmp";
const TEMP_RE = /^\..*\.(\d+)@([0-9a-f]{6})-[0-9a-f]{16}\.afstem-tmp$/;
/** Which computer made a temporary file: a pid means nothing on another machine sharing the folder. */
const HOST = createHash("sha1").update(hostname()).digest("hex").slice(0, 6);
/** Litter of another computer is removed only when it is this old (its run is surely over). */
const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;

/** O_NOFOLLOW where the platform has it (not on Windows, where symlinks need privileges). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
export const EXCLUSIVE_FLAGS = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | NOFOLLOW;

const live = new Set<string>();

/** Temporary files this process (this thread) has open right now. */
export function liveTempFiles(): readonly string[] {
  return [...live];
}

/** Remove every temporary file this thread still has (signal handlers, failures). */
export function removeLiveTempFiles(): void {
  for (const f of live) rmSync(f, { force: true, recursive: true });
  live.clear();
}

/** Track a temporary file or folder made elsewhere (rollup's output folder), for the same cleanup. */
export function trackTemp(p: string): void {
  live.add(p);
}
export function untrackTemp(p: string): void {
  live.delete(p);
}

/** `.<name>.<pid>@<host>-<16 hex>.afstem-tmp` in the target's folder. */
export function tempPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}@${HOST}-${randomBytes(8).toString("hex")}${TEMP_SUFFIX}`,
  );
}

/** Is `name` (a base name) a temporary file of this writer; which process on which computer made it? */
export function tempOwner(name: string): { pid: number; here: boolean } | undefined {
  const m = TEMP_RE.exec(name);
  return m ? { pid: Number(m[1]), here: m[2] === HOST } : undefined;
}

/**
 * Remove litter in `dir` (not recursive): temporary files and folders of processes that no
 * longer exist (a run killed with SIGKILL). Those of live processes are theirs (another
 * computer's, in a shared folder, only after a day); with `own`,
 * this process's too (after an interrupt: its worker threads' files). Never fails.
 */
export function sweepStaleTemps(dir: string, opts: { own?: boolean } = {}): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const owner = tempOwner(name);
    if (!owner) continue;
    if (owner.here) {
      if (!(opts.own && owner.pid === process.pid) && processAlive(owner.pid)) continue;
    } else {
      try {
        if (Date.now() - lstatSync(path.join(dir, name)).mtimeMs < FOREIGN_STALE_MS) continue;
      } catch {
        continue;
      }
    }
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      /* someone else's to clean */
    }
  }
  return removed;
}

/**
 * Test hook, only for the test suite: `AFSTEM_TEST_WRITE_FAULT=ENOSPC` (or EROFS, EACCES, …)
 * makes every write through this module fail with that code, as a full disk would, for files
 * whose name contains `AFSTEM_TEST_WRITE_FAULT_MATCH` (default: every file).
 */
export function injectedFault(file: string): void {
  const { env } = scope();
  const code = env.AFSTEM_TEST_WRITE_FAULT;
  if (!code) return;
  const match = env.AFSTEM_TEST_WRITE_FAULT_MATCH;
  if (match && !file.includes(match)) return;
  throw Object.assign(new Error(`${code}: injected fault, write '${file}'`), { code, syscall: "write", path: file });
}

/** Create `file` exclusively (never through a symlink); returns the descriptor. */
export function createExclusive(file: string, mode = 0o644): number {
  return openSync(file, EXCLUSIVE_FLAGS, mode);
}

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

export interface WriteOptions {
  /**
   * Flush to disk before the rename (default). Off for output that can be made again (reports,
   * CSVs): the rename is still atomic, only a power cut could leave the older version.
   */
  durable?: boolean;
  /** Claim a new name: fail with EEXIST when `file` exists (even if created a moment ago). */
  exclusive?: boolean;
  mode?: number;
}

/**
 * Give `file` (about to be renamed over `target`; `fd` when it is still open) the mode, owner and
 * group of the regular file at `target`: nothing when there is none, or a symlink (that is
 * replaced, not followed). The owner only where this process may set it (root), the group where
 * it is one of ours; the mode last, since chown clears the set-id bits.
 */
export function keepPermissionsOf(target: string, file: string, fd?: number): void {
  let st;
  try {
    st = lstatSync(target);
  } catch {
    return;
  }
  if (!st.isFile()) return;
  const chown = (uid: number, gid: number) => (fd !== undefined ? fchownSync(fd, uid, gid) : chownSync(file, uid, gid));
  try {
    chown(st.uid, st.gid);
  } catch {
    try {
      chown(-1, st.gid);
    } catch {
      /* not a group of ours: the folder's group stays */
    }
  }
  const mode = st.mode & 0o7777;
  if (fd !== undefined) fchmodSync(fd, mode);
  else chmodSync(file, mode);
}

/** A temporary file that becomes `target` on commit(), or disappears on abort(). */
export class TempFile {
  readonly tmp: string;
  private fd: number | undefined;

  constructor(
    readonly target: string,
    mode = 0o644,
  ) {
    injectedFault(target);
    this.tmp = tempPathFor(target);
    this.fd = createExclusive(this.tmp, mode);
    live.add(this.tmp);
  }

  write(data: string | Uint8Array): void {
    if (this.fd === undefined) throw new Error(`write after close: ${this.tmp}`);
    writeAll(this.fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
  }

  /** Flush and close without moving (a spool that is read back). */
  closeForReading(): string {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return this.tmp;
  }

  /** Move into place. With `exclusive`, EEXIST when the target already exists. */
  commit(opts: WriteOptions = {}): void {
    const durable = opts.durable ?? true;
    try {
      if (!opts.exclusive) keepPermissionsOf(this.target, this.tmp, this.fd);
      if (this.fd !== undefined) {
        if (durable) fsyncSync(this.fd);
        closeSync(this.fd);
        this.fd = undefined;
      }
      if (opts.exclusive) claimByLink(this.tmp, this.target);
      else renameSync(this.tmp, this.target);
    } catch (err) {
      this.abort();
      throw err;
    }
    live.delete(this.tmp);
    if (durable) syncDirLater(path.dirname(this.target));
  }

  /** Give up: remove the temporary file; the target is untouched. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    rmSync(this.tmp, { force: true });
    live.delete(this.tmp);
  }
}

/**
 * Text and bytes appended to a TempFile through one reused buffer: few large writes instead of
 * one per row or entry, and text UTF-8-encoded straight into the buffer (no joined strings, no
 * Buffer per flush: that was most of the rollup's main-thread time, issue 16). The CSV writer,
 * the spool and the file cache's index all write this way.
 */
export class BufferedWrites {
  private readonly buf: Buffer;
  private pos = 0;

  constructor(
    private readonly tmp: TempFile,
    size = 1 << 18,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** UTF-8 takes at most 3 bytes per UTF-16 unit; text larger than the buffer goes out directly. */
  text(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) {
        this.tmp.write(s);
        return;
      }
    }
    this.pos += this.buf.write(s, this.pos);
  }

  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) {
        this.tmp.write(b);
        return;
      }
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(b: number): void {
    if (this.pos === this.buf.length) this.flush();
    this.buf[this.pos++] = b;
  }

  /** Write what is buffered (TempFile.write writes everything before returning). */
  flush(): void {
    if (this.pos) this.tmp.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/**
 * Give the finished temporary file the name `target`, only if nobody has it: link() does not
 * follow a symlink and fails with EEXIST for any existing entry. File systems without hard
 * links (some network shares, FAT) get an exclusive empty placeholder that the rename replaces.
 */
function claimByLink(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw err;
    closeSync(createExclusive(target));
    renameSync(tmp, target);
    return;
  }
  unlinkSync(tmp);
}

/** Write `data` to `file` through a temporary file; see the module comment. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
  const t = new TempFile(file, opts.mode);
  try {
    t.write(data);
  } catch (err) {
    t.abort();
    throw err;
  }
  t.commit(opts);
}

/**
 * Write a NEW file: `nameAt(1)`, or `nameAt(2)`, … when that name is taken (also by another
 * process a moment ago). Returns the name written.
 */
export function writeNewFileSync(
  nameAt: (n: number) => string,
  data: string | Uint8Array,
  opts: Omit<WriteOptions, "exclusive"> = {},
): string {
  for (let n = 1; ; n++) {
    const file = nameAt(n);
    try {
      writeFileAtomicSync(file, data, { ...opts, exclusive: true });
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || n >= 10_000) throw err;
    }
  }
}

/** `dir/stem.ext`, then `dir/stem-2.ext`, … */
export function numbered(file: string): (n: number) => string {
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  return (n) => (n === 1 ? file : `${stem}-${n}${ext}`);
}

function syncDirLater(dir: string): void {
  open(dir, "r", (err, dfd) => {
    if (err) return; // Windows cannot open directories; the rename is still atomic there
    fsync(dfd, () => close(dfd, () => {}));
  });
}

/**
 * `mkdir -p` that fails at once: Node's recursive mkdir spins forever on a path under /proc
 * (mkdir says ENOENT for a parent that exists). Each missing folder is made in turn; the first
 * failure is thrown (with its code and path) for the caller to say in words.
 */
export function makeDirSync(dir: string): void {
  if (dir === "") throw Object.assign(new Error("ENOENT: empty path"), { code: "ENOENT", syscall: "mkdir", path: dir });
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; ) {
    try {
      if (statSync(p).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, '${p}'`), { code: "ENOTDIR", syscall: "mkdir", path: p });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    missing.push(p);
    const parent = path.dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST" && statSync(d).isDirectory()) continue;
      throw err;
    }
  }
}
