// A CSV file written row by row with bounded memory: encoded rows are UTF-8-encoded straight
// into one reused byte buffer (no joined strings, no Buffer per flush: that was most of the
// rollup's main-thread time, issue 16) and appended to a temporary file (util/writer.ts) that
// replaces the target only on close, so an interrupted run never leaves a half-written rollup behind.
import { TempFile } from "../util/writer.js";
import type { Cell } from "./cell.js";
import { encoderFor, UTF8_BOM, type CsvDialect, type CsvEncoder } from "./dialect.js";

const FLUSH_AT = 1 << 18;

export class CsvFileWriter {
  private readonly tmp: TempFile;
  private readonly buf = Buffer.allocUnsafe(FLUSH_AT);
  private pos = 0;
  private readonly delimiter: number;
  private readonly eol: Buffer;
  readonly encoder: CsvEncoder;
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
    dialect: CsvDialect,
  ) {
    this.encoder = encoderFor(dialect);
    this.delimiter = this.encoder.delimiter.charCodeAt(0);
    this.eol = Buffer.from(this.encoder.eol);
    this.tmp = new TempFile(file);
    if (dialect.excel) this.tmp.write(UTF8_BOM);
    this.line(this.encoder.fragment(header));
    this.rows = 0;
  }

  row(cells: readonly Cell[]): void {
    this.line(this.encoder.fragment(cells));
  }

  /** A row from already-encoded fragments (see CsvEncoder.fragment). */
  fragments(...parts: string[]): void {
    this.rows++;
    for (let i = 0; i < parts.length; i++) {
      if (i) this.byte(this.delimiter);
      this.text(parts[i]!);
    }
    this.end();
  }

  private line(text: string): void {
    this.rows++;
    this.text(text);
    this.end();
  }

  /** UTF-8 takes at most 3 bytes per UTF-16 unit; text larger than the buffer goes out directly. */
  private text(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) {
      this.flush();
      if (s.length * 3 > this.buf.length) {
        this.tmp.write(s);
        return;
      }
    }
    this.pos += this.buf.write(s, this.pos);
  }

  private byte(b: number): void {
    if (this.pos === this.buf.length) this.flush();
    this.buf[this.pos++] = b;
  }

  private end(): void {
    if (this.pos + this.eol.length > this.buf.length) this.flush();
    this.pos += this.eol.copy(this.buf, this.pos);
  }

  private flush(): void {
    // TempFile.write writes everything before returning, so the buffer is free again after.
    if (this.pos) this.tmp.write(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  close(): void {
    try {
      this.flush();
    } catch (err) {
      this.tmp.abort();
      throw err;
    }
    // Output that can be made again: no fsync (as for reports).
    this.tmp.commit({ durable: false });
  }

  /** Give up: remove the temporary file, leave any earlier output in place. */
  abort(): void {
    this.tmp.abort();
  }
}
