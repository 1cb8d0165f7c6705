// What a file looked like when we last wrote it, to notice that someone else changed it since
// (a text editor, a cloud folder syncing an older copy back, a second computer). Size, mtime and
// inode are compared first (one stat); only when they differ is the file read and hashed, so a
// `touch` or a byte-identical copy is not a conflict.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ino: number;
  hash: string;
}

export const hashOf = (data: string | Uint8Array): string => createHash("sha1").update(data).digest("hex");

/** The file as it is now; undefined when it does not exist (or cannot be read). */
export function fingerprintOf(file: string, knownHash?: string): Fingerprint | undefined {
  try {
    const st = statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, hash: knownHash ?? hashOf(readFileSync(file)) };
  } catch {
    return undefined;
  }
}

export type FileChange = "same" | "changed" | "gone";

/** Has `file` changed since `last` was taken? A changed stat with the same content counts as the same. */
export function changeSince(file: string, last: Fingerprint): { change: FileChange; now?: Fingerprint } {
  let st;
  try {
    st = statSync(file);
  } catch {
    return { change: "gone" };
  }
  if (st.size === last.size && st.mtimeMs === last.mtimeMs && st.ino === last.ino) return { change: "same", now: last };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { change: "gone" };
  }
  const now = { size: st.size, mtimeMs: st.mtimeMs, ino: st.ino, hash: hashOf(bytes) };
  return { change: now.hash === last.hash ? "same" : "changed", now };
}
