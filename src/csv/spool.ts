// A temporary NDJSON file: rows whose final columns are only known at the end (the wide
// layout), and a rollup's records while the selection waits for the last one
// (commands/rollup-store.ts), are parked here instead of in memory, then read back line by line.
import { closeSync, constants, openSync, readSync } from "node:fs";
import { BufferedWrites, TempFile } from "../util/writer.js";

export class Spool<T> {
  private readonly tmp: TempFile;
  private readonly out: BufferedWrites;

  /** `near`: a file name the spool is created beside (with a temporary name of util/writer.ts). */
  constructor(near: string) {
    this.tmp = new TempFile(near, 0o600);
    this.out = new BufferedWrites(this.tmp);
  }

  push(value: T): void {
    this.out.text(JSON.stringify(value));
    this.out.byte(0x0a);
  }

  /** A value that is JSON in UTF-8 already (one line: JSON escapes every newline). */
  pushJson(json: Uint8Array): void {
    this.out.bytes(json);
    this.out.byte(0x0a);
  }

  /** Read every value back in order, then delete the file. */
  drain(each: (value: T) => void): void {
    this.drainLines((line) => each(JSON.parse(line) as T));
  }

  /** Every line's JSON text in order (for callers that parse only some), then delete the file. */
  drainLines(each: (line: string) => void): void {
    let fd: number;
    try {
      this.out.flush();
      fd = openSync(this.tmp.closeForReading(), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch (err) {
      this.tmp.abort();
      throw err;
    }
    const chunk = Buffer.alloc(1 << 20);
    let rest: Buffer = Buffer.alloc(0);
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        // JSON escapes newlines inside strings, so a newline byte only ends a record; bytes
        // after the last one (perhaps half a character) wait for the next chunk.
        const data = rest.length ? Buffer.concat([rest, chunk.subarray(0, n)]) : chunk.subarray(0, n);
        const end = data.lastIndexOf(0x0a);
        if (end < 0) {
          rest = Buffer.from(data);
          continue;
        }
        const text = data.toString("utf8", 0, end);
        rest = Buffer.from(data.subarray(end + 1));
        for (const line of text.split("\n")) if (line) each(line);
      }
      if (rest.length) each(rest.toString("utf8"));
    } finally {
      closeSync(fd);
      this.tmp.abort();
    }
  }

  discard(): void {
    this.tmp.abort();
  }
}
