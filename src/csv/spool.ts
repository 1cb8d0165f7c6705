// A temporary NDJSON file: rows whose final columns are only known at the end (the wide
// layout) are parked here instead of in memory, then read back line by line.
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 18;

export class Spool<T> {
  private fd: number;
  private buf: string[] = [];
  private size = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, "w");
  }

  push(value: T): void {
    const line = `${JSON.stringify(value)}\n`;
    this.buf.push(line);
    this.size += line.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }

  /** Read every value back in order, then delete the file. */
  drain(each: (value: T) => void): void {
    this.flush();
    closeSync(this.fd);
    const fd = openSync(this.file, "r");
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
        for (const line of text.split("\n")) if (line) each(JSON.parse(line) as T);
      }
      if (rest.length) each(JSON.parse(rest.toString("utf8")) as T);
    } finally {
      closeSync(fd);
      rmSync(this.file, { force: true });
    }
  }

  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* closed */
    }
    rmSync(this.file, { force: true });
  }
}
