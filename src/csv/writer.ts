// A CSV file written row by row with bounded memory: encoded rows are collected in a small
// buffer and appended to a temporary file that replaces the target only on close, so an
// interrupted run never leaves a half-written rollup behind.
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { Cell } from "./cell.js";
import { encoderFor, UTF8_BOM, type CsvDialect, type CsvEncoder } from "./dialect.js";

const FLUSH_AT = 1 << 18;

export class CsvFileWriter {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  private readonly tmp: string;
  readonly encoder: CsvEncoder;
  rows = 0;

  constructor(
    readonly file: string,
    header: readonly string[],
    dialect: CsvDialect,
  ) {
    this.encoder = encoderFor(dialect);
    this.tmp = `${file}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, "w");
    if (dialect.excel) writeSync(this.fd, UTF8_BOM);
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
    if (this.buf.length) writeSync(this.fd, this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
  }

  /** Give up: remove the temporary file, leave any earlier output in place. */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    rmSync(this.tmp, { force: true });
  }
}
