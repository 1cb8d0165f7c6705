// Reading a user's file as text: people hand us files saved by Notepad (UTF-16, BOM),
// exported from old systems (Latin-1), or not text at all. Each gets one clear message.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { UserError, EXIT } from "../core/errors.js";
import { fill } from "../i18n/lang.js";
import { msg } from "../i18n/messages.js";
import { scope } from "../util/scope.js";
import { formatNumber } from "../report/words.js";
import { openWords } from "../util/sys-error.js";

/** Format and session files are small; anything bigger is not what the user meant. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function decodeText(buf: Buffer, file: string): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder("utf-16be").decode(buf.subarray(2));
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const nul = buf.indexOf(0, start);
  if (nul !== -1) {
    throw new UserError(
      msg("yaml.readText.not-text-file-contains-nul"),
      EXIT.usage,
      { file, ...lineColAt(buf, nul) },
      msg("yaml.readText.give-yaml-file"),
    );
  }
  // Valid UTF-8 not starting with a second BOM (which TextDecoder would drop): the plain
  // decode gives the same string several times faster than a fatal TextDecoder.
  if (isUtf8(buf.subarray(start)) && !(buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf))
    return buf.toString("utf8", start);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(start));
  } catch {
    const bad = firstInvalidUtf8(buf, start);
    throw new UserError(
      msg("yaml.readText.file-not-saved-utf-8"),
      EXIT.usage,
      { file, ...lineColAt(buf, bad) },
      msg("yaml.readText.save-file-utf-8-notepad"),
    );
  }
}

function lineColAt(buf: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

function firstInvalidUtf8(buf: Buffer, start: number): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  // Binary search is overkill; files are small. Decode growing prefixes line by line.
  let lineStart = start;
  for (let i = start; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      try {
        decoder.decode(buf.subarray(lineStart, i));
      } catch {
        for (let j = lineStart; j < i; j++) {
          const b = buf[j]!;
          if (b >= 0x80) {
            try {
              decoder.decode(buf.subarray(lineStart, Math.min(j + 4, i)));
            } catch {
              return j;
            }
          }
        }
        return lineStart;
      }
      lineStart = i + 1;
    }
  }
  return start;
}

/**
 * A file's bytes, only if it is a regular file, and never more than `maxBytes`: FIFOs, devices
 * and sockets are refused by name (opened without blocking, then checked with fstat, so a FIFO
 * without a writer cannot hang us), and the limit holds while reading (a /proc file or a file
 * that grows says size 0 or less than it holds). Every refusal is a located UserError.
 */
export function readRegularFileSync(file: string, maxBytes = MAX_FILE_BYTES, scratch?: Buffer): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    // A socket cannot be opened at all (ENXIO): still say what it is.
    let st: Stats | undefined;
    try {
      st = statSync(file);
    } catch {
      /* the open's own error says it */
    }
    if (st && !st.isFile() && !st.isDirectory()) throw notRegular(file, st);
    throw fsError(err, file);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UserError(msg("yaml.readText.folder-not-file"), EXIT.usage, { file });
    if (!st.isFile()) throw notRegular(file, st);
    if (st.size > maxBytes) throw tooLarge(file, st.size, maxBytes);
    // One buffer sized from fstat (plus a byte to notice growth), grown only if the file grows
    // while we read. A fixed 1 MB chunk per file made the rollup's workers spend a fifth of their
    // time allocating and collecting (issue 16).
    // `scratch`, when the caller has one and the file fits: the bytes are only valid until its
    // next use (the rollup's reader decodes them at once; a buffer per file cost a 10k rollup
    // ~7 MB of peak memory in fragmented malloc arenas).
    let buf =
      scratch && st.size + 1 <= scratch.length && st.size + 1 <= maxBytes + 1
        ? scratch
        : Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 4096), maxBytes + 1));
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > maxBytes) throw tooLarge(file, total, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      let n: number;
      try {
        n = readSync(fd, buf, total, buf.length - total, null);
      } catch (err) {
        throw fsError(err, file);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(file, total, maxBytes);
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

function notRegular(file: string, st: Stats): UserError {
  const kind = st.isFIFO()
    ? msg("yaml.readText.fifo-named-pipe")
    : st.isSocket()
      ? msg("yaml.readText.socket")
      : msg("yaml.readText.device");
  return new UserError(fill(msg("yaml.readText.not-regular-file-but-kind"), { kind }), EXIT.usage, { file });
}

function tooLarge(file: string, size: number, maxBytes: number): UserError {
  return new UserError(
    fill(msg("yaml.readText.file-too-large-mb-mb"), {
      // "11,4 MB" in Dutch, "11.4 MB" in English.
      mb: formatNumber(size / 1024 / 1024, scope().lang, 1),
      max: Math.round(maxBytes / 1024 / 1024),
    }),
    EXIT.usage,
    { file },
    msg("yaml.readText.really-format-session-file"),
  );
}

/** Read a file as text, turning every operating-system refusal into a UserError. */
export async function readTextFile(file: string, maxBytes = MAX_FILE_BYTES): Promise<string> {
  return decodeText(readRegularFileSync(file, maxBytes), file);
}

/**
 * A directory named on the command line must be readable: an unreadable one would otherwise
 * look like a folder without files, and a check of nothing would pass.
 */
export async function assertReadableDirs(paths: string[]): Promise<void> {
  const { cwd } = scope();
  for (const p of paths) {
    try {
      const full = path.resolve(cwd, p);
      if ((await stat(full)).isDirectory()) await readdir(full);
    } catch (err) {
      throw fsError(err, p, "folder");
    }
  }
}

/** A path the user named cannot be opened: one located message (exit 2), words from sys-error.ts. */
export function fsError(err: unknown, file: string, what: "file" | "folder" = "file"): UserError {
  const { text, hint } = openWords(err, what);
  return new UserError(text, EXIT.usage, { file }, hint);
}
