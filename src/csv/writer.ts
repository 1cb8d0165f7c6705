// A CSV file written row by row with bounded memory: encoded rows are collected in a small
// buffer and appended to a temporary file (util/writer.ts) that replaces the target only on
// close, so an interrupted run never leaves a half-written rollup behind.
import { TempFile } from "../util/writer.js";
import type { Cell } from "./cell.js";
import { encoderFor, UTF8_BOM, type CsvDialect, type CsvEncoder } from "./dialect.js";

const FLUSH_AT = 1 << 18;

export class CsvFileWriter {
  private readonly tmp: TempFile;
  private buf: string[] = [];
  private size = 0;
  readonly encoder: CsvEncoder;
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
    dialect: CsvDialect,
  ) {
    this.encoder = encoderFor(dialect);
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
    this.line(parts.join(this.encoder.delimiter));
  }

  private line(text: string): void {
    this.rows++;
    this.buf.push(text, this.encoder.eol);
    this.size += text.length + 2;
    if (this.size >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.buf.length) this.tmp.write(this.buf.join(""));
    this.buf = [];
    this.size = 0;
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
