// Atomic file replacement: write a temp file in the same directory, flush it to disk,
// rename it over the target. A reader sees the old file or the new one, never half of one.
// Synchronous on purpose: it is also called from signal handlers and exit paths.
import { close, closeSync, fsync, fsyncSync, open, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

let counter = 0;

export interface AtomicWriteOptions {
  /**
   * Flush to disk before the rename (default). Off for output that can be made again (reports,
   * CSVs): the rename is still atomic, only a power cut could leave the older version.
   */
  durable?: boolean;
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): void {
  const durable = opts.durable ?? true;
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  const fd = openSync(tmp, "w", 0o644);
  try {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    if (durable) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* the temp file may not exist */
    }
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* ignore */
    }
    throw err;
  }
  // Make the rename itself durable (the directory entry). The file's bytes are already on disk
  // and the rename is atomic, so this only narrows the window in which a power cut would bring
  // back the previous version; done in the background so an answer is acknowledged at once.
  if (durable) syncDirLater(dir);
}

function syncDirLater(dir: string): void {
  open(dir, "r", (err, dfd) => {
    if (err) return; // Windows cannot open directories; the rename is still atomic there
    fsync(dfd, () => close(dfd, () => {}));
  });
}
